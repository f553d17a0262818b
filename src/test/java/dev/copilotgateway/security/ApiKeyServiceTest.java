package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.ApiKeyRepository;
import dev.copilotgateway.persistence.ClientApiKey;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The client API key service on every database of {@link TestDatabases}, with a clock the tests move. */
class ApiKeyServiceTest {

    private static final String TARGETS = "dev.copilotgateway.persistence.TestDatabases#targets";
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(START);
    /** The last-use writes the service handed off, not yet run: they must not run on the request's thread. */
    private final List<Runnable> pendingWrites = new ArrayList<>();

    private ApiKeyService service(Database database) {
        return new ApiKeyService(() -> Optional.of(database), clock, pendingWrites::add);
    }

    private void runPendingWrites() {
        List<Runnable> writes = List.copyOf(pendingWrites);
        pendingWrites.clear();
        writes.forEach(Runnable::run);
    }

    private static ClientApiKey stored(Database database, long id) {
        return database.inTransaction(em -> new ApiKeyRepository(em).find(id)).orElseThrow();
    }

    private static long addAccount(Database database) {
        return database.inTransaction(em -> new AccountRepository(em).add(new GitHubAccount(GitHubAccount.Origin.DEVICE_FLOW,
                "v1:not-a-real-ciphertext", Hashes.sha256Hex("ghu_someToken"), START)).getId());
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void createdKeyIsShownOnceAndStoredOnlyAsItsHash(TestDatabases.Target target) {
        String secret;
        try (Database database = Database.open(target.empty(folder))) {
            ApiKeyService keys = service(database);
            ApiKeyService.CreatedKey created = keys.create("  laptop  ", " alice ", null, null);

            secret = created.secret();
            assertTrue(secret.matches("cgw_[A-Za-z0-9_-]{43}"), "generated key format");
            assertFalse(created.toString().contains(secret), "toString hides the secret");
            ApiKeyService.ApiKeyView view = created.view();
            assertEquals(new ApiKeyService.ApiKeyView(view.id(), "laptop", secret.substring(0, 8), "alice", null, START,
                    null, null, null, ApiKeyService.State.ACTIVE, KeyLimits.NONE, null), view);
            assertEquals(List.of(view), keys.list());

            ClientApiKey row = stored(database, view.id());
            assertEquals(Hashes.sha256Hex(secret), row.getKeyHash());
            assertEquals(ClientApiKey.Origin.ADMIN_API, row.getOrigin());
        }
        assertTrue(TestDatabases.allStoredValues(target.reopen(folder).dataSource()).stream().noneMatch(value -> value.contains(secret)),
                "the key is in clear in no column");
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void invalidValuesAreRefusedNamingTheFieldAndCreateNothing(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            ApiKeyService keys = service(database);
            assertInvalid("name", "name is required", () -> keys.create(null, null, null, null));
            assertInvalid("name", "name is required", () -> keys.create("   ", null, null, null));
            assertInvalid("name", "name is longer than 100 characters", () -> keys.create("n".repeat(101), null, null, null));
            assertInvalid("owner", "owner is longer than 200 characters", () -> keys.create("ok", "o".repeat(201), null, null));
            assertInvalid("accountId", "There is no account with id 4711", () -> keys.create("ok", null, 4711L, null));
            assertInvalid("expiresAt", "expiresAt must be in the future", () -> keys.create("ok", null, null, START));
            assertInvalid("expiresAt", "expiresAt is more than 36500 days away",
                    () -> keys.create("ok", null, null, START.plus(Duration.ofDays(36_501))));
            assertEquals(List.of(), keys.list());

            assertEquals("n".repeat(100), keys.create("n".repeat(100), null, null, null).view().name(), "100 characters are fine");
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void aWrongKeyIsRefusedFromMemoryForAWhileAndACreatedKeyIsNeverHeldBack(TestDatabases.Target target) {
        Database database = Database.open(target.empty(folder));
        boolean[] open = {true};
        ApiKeyService keys = new ApiKeyService(() -> open[0] ? Optional.of(database) : Optional.empty(), clock, pendingWrites::add);
        try (database) {
            ApiKeyService.CreatedKey created = keys.create("laptop", null, null, null);
            assertTrue(keys.authenticate(created.secret()).isPresent());
            assertTrue(keys.authenticate("cgw_wrongKey").isEmpty(), "the first refusal asks the database");
            assertTrue(keys.anyUsableKey());

            open[0] = false; // from here on, a database round trip would throw DatabaseUnavailableException
            for (int i = 0; i < 100; i++) {
                assertTrue(keys.authenticate("cgw_wrongKey").isEmpty());
            }
            assertTrue(keys.authenticate(created.secret()).isPresent(), "a good key comes from its own cache");
            assertTrue(keys.anyUsableKey(), "asked on every refusal, read at most every 30 s");

            clock.advance(ApiKeyService.CACHE_TTL);
            assertThrows(DatabaseUnavailableException.class, () -> keys.authenticate("cgw_wrongKey"), "forgotten after its time");
        }
    }

    private static void assertInvalid(String param, String message, Executable create) {
        InvalidRequestException invalid = assertThrows(InvalidRequestException.class, create);
        assertEquals(param, invalid.param());
        assertEquals(message, invalid.getMessage());
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void keyAuthenticatesAsItsCallerWithTheBoundAccount(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            ApiKeyService keys = service(database);
            long account = addAccount(database);
            ApiKeyService.CreatedKey bound = keys.create("bob's own seat", "bob", account, null);
            ApiKeyService.CreatedKey pooled = keys.create("team", null, null, null);

            assertEquals(account, bound.view().accountId());
            assertEquals(Optional.of(new Caller(bound.view().id(), bound.view().prefix(), "bob", account)), keys.authenticate(bound.secret()));
            assertEquals(Optional.of(new Caller(pooled.view().id(), pooled.view().prefix(), null, null)), keys.authenticate(pooled.secret()));
            assertEquals(Optional.empty(), keys.authenticate("cgw_notAKeyThatExists0000000000000000000000000"));
            assertEquals(Optional.empty(), keys.authenticate(bound.secret() + "x"));
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void lookUpsAreCachedUntilTheTtlEndsSoAnotherNodesRevocationTakesAWhile(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            ApiKeyService thisNode = service(database);
            ApiKeyService otherNode = service(database);
            ApiKeyService.CreatedKey key = thisNode.create("ci", null, null, null);
            assertTrue(thisNode.authenticate(key.secret()).isPresent());

            otherNode.revoke(key.view().id());
            assertTrue(otherNode.authenticate(key.secret()).isEmpty(), "the revoking node refuses the key at once");
            clock.advance(ApiKeyService.CACHE_TTL.minusSeconds(1));
            assertTrue(thisNode.authenticate(key.secret()).isPresent(), "answered from the cache, without the database");
            clock.advance(Duration.ofSeconds(1));
            assertTrue(thisNode.authenticate(key.secret()).isEmpty(), "the cache entry is gone after its TTL");
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void revokingInvalidatesTheCacheAtOnceAndIsIdempotent(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            ApiKeyService keys = service(database);
            ApiKeyService.CreatedKey key = keys.create("ci", null, null, null);
            ApiKeyService.CreatedKey other = keys.create("other", null, null, null);
            assertTrue(keys.authenticate(key.secret()).isPresent());
            assertTrue(keys.authenticate(other.secret()).isPresent());

            ApiKeyService.ApiKeyView revoked = keys.revoke(key.view().id()).orElseThrow();
            assertEquals(ApiKeyService.State.REVOKED, revoked.state());
            assertEquals(START, revoked.revokedAt());
            assertTrue(keys.authenticate(key.secret()).isEmpty(), "revoked: refused at once despite the cache");
            assertTrue(keys.authenticate(other.secret()).isPresent(), "other keys are unaffected");

            clock.advance(Duration.ofHours(1));
            assertEquals(START, keys.revoke(key.view().id()).orElseThrow().revokedAt(), "revoking again keeps the first time");
            assertEquals(Optional.empty(), keys.revoke(4711));
            assertEquals(List.of(ApiKeyService.State.REVOKED, ApiKeyService.State.ACTIVE),
                    keys.list().stream().map(ApiKeyService.ApiKeyView::state).toList());
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void expiredKeysStopAuthenticatingEvenWhileCached(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            ApiKeyService keys = service(database);
            Instant expiry = START.plusSeconds(10);
            ApiKeyService.CreatedKey key = keys.create("short-lived", null, null, expiry);
            assertEquals(expiry, key.view().expiresAt());
            assertTrue(keys.authenticate(key.secret()).isPresent());

            clock.advance(Duration.ofSeconds(9));
            assertTrue(keys.authenticate(key.secret()).isPresent());
            clock.advance(Duration.ofSeconds(1));
            assertTrue(keys.authenticate(key.secret()).isEmpty(), "expired within the cache's TTL");
            assertEquals(ApiKeyService.State.EXPIRED, keys.list().get(0).state());
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void lastUseIsWrittenOffTheRequestThreadAtMostOncePerMinute(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            ApiKeyService keys = service(database);
            ApiKeyService.CreatedKey key = keys.create("ci", null, null, null);
            long id = key.view().id();

            keys.authenticate(key.secret());
            assertNull(stored(database, id).getLastUsedAt(), "not written by the request itself");
            assertEquals(1, pendingWrites.size());
            runPendingWrites();
            assertEquals(START, stored(database, id).getLastUsedAt());

            clock.advance(Duration.ofSeconds(59));
            keys.authenticate(key.secret());
            keys.authenticate(key.secret());
            assertEquals(0, pendingWrites.size(), "within a minute of the last write: no write");

            clock.advance(Duration.ofSeconds(1));
            keys.authenticate(key.secret());
            keys.authenticate(key.secret());
            assertEquals(1, pendingWrites.size(), "a minute later: one write");
            runPendingWrites();
            assertEquals(START.plusSeconds(60), stored(database, id).getLastUsedAt());
            assertEquals(START.plusSeconds(60), keys.list().get(0).lastUsedAt());

            keys.authenticate("cgw_unknownKey00000000000000000000000000000000");
            assertEquals(0, pendingWrites.size(), "failed attempts write nothing");
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void anyUsableKeyIgnoresRevokedAndExpiredKeys(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            ApiKeyService keys = service(database);
            assertFalse(keys.anyUsableKey());
            keys.create("expiring", null, null, START.plusSeconds(60));
            ApiKeyService.CreatedKey revoked = keys.create("revoked", null, null, null);
            assertTrue(keys.anyUsableKey());
            keys.revoke(revoked.view().id());
            assertTrue(keys.anyUsableKey());
            clock.advance(Duration.ofSeconds(60));
            assertFalse(keys.anyUsableKey());
        }
    }

    @Test
    void withoutADatabaseTheServiceSaysSo() {
        ApiKeyService keys = new ApiKeyService(Optional::empty, clock, pendingWrites::add);
        assertThrows(DatabaseUnavailableException.class, () -> keys.authenticate("cgw_anything"));
        assertThrows(DatabaseUnavailableException.class, () -> keys.create("ci", null, null, null));
        assertThrows(DatabaseUnavailableException.class, keys::list);
        assertThrows(DatabaseUnavailableException.class, () -> keys.revoke(1));
        assertThrows(DatabaseUnavailableException.class, keys::anyUsableKey);
    }
}
