package dev.copilotgateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.limits.KeyLimitExceededException.Limit;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.KeyLimitCount;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.security.ApiKeyService;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.security.KeyLimits;
import dev.copilotgateway.testing.MutableClock;
import dev.copilotgateway.usage.RequestOutcome;
import dev.copilotgateway.usage.TokenCounts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two nodes' limiters sharing their counts through one database (schema V7), on every test database. */
class LimitCountSyncTest {

    private static final String TARGETS = "dev.copilotgateway.persistence.TestDatabases#targets";
    private static final Duration STALE = Duration.ofSeconds(5);

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));

    /** One node: its limiter and its sync, on the database while {@code reachable} holds it. */
    private record Node(KeyLimiter limiter, LimitCountSync sync) {
    }

    private Node node(AtomicReference<Database> reachable) {
        KeyLimiter limiter = new KeyLimiter(clock, STALE);
        return new Node(limiter, new LimitCountSync(limiter, () -> Optional.ofNullable(reachable.get()), clock, STALE));
    }

    private static long keyId(Database database, MutableClock clock) {
        return new ApiKeyService(() -> Optional.of(database), clock, Runnable::run).create("shared", null, null, null).view().id();
    }

    private static Caller caller(long id, KeyLimits limits) {
        return new Caller(id, "cgw_test", null, null, limits, null);
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void requestsPerMinuteCountAcrossNodesAfterASync(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            AtomicReference<Database> reachable = new AtomicReference<>(database);
            Node a = node(reachable);
            Node b = node(reachable);
            Caller caller = caller(keyId(database, clock), new KeyLimits(5, null, null));
            for (int i = 0; i < 3; i++) {
                a.limiter().admit(caller).release();
            }
            assertTrue(a.sync().sync());
            assertTrue(b.sync().sync());
            b.limiter().admit(caller).release();
            b.limiter().admit(caller).release();
            KeyLimitExceededException refused = assertThrows(KeyLimitExceededException.class, () -> b.limiter().admit(caller));
            assertEquals(Limit.REQUESTS_PER_MINUTE, refused.limit(), "3 on A + 2 on B");
            b.sync().sync();
            a.sync().sync();
            assertThrows(KeyLimitExceededException.class, () -> a.limiter().admit(caller), "A has learnt of B's 2");

            clock.advance(Duration.ofSeconds(60));
            a.sync().sync();
            b.sync().sync();
            a.limiter().admit(caller).release(); // the minute has passed on both nodes
            b.limiter().admit(caller).release();
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void tokensPerDayAndOpenRequestsCountAcrossNodes(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            AtomicReference<Database> reachable = new AtomicReference<>(database);
            Node a = node(reachable);
            Node b = node(reachable);
            long id = keyId(database, clock);
            Caller caller = caller(id, new KeyLimits(null, 1000L, 2));
            KeyLimiter.Permit openOnA = a.limiter().admit(caller);
            a.limiter().ended(new RequestOutcome(clock.instant(), id, null, RequestOutcome.INGRESS_MESSAGES, "/v1/messages", "claude",
                    "claude", true, 200, new TokenCounts(700, 300, 0, 0), 0, 1, 1L, null));
            a.sync().sync();
            b.sync().sync();

            KeyLimitExceededException tokens = assertThrows(KeyLimitExceededException.class, () -> b.limiter().admit(caller));
            assertEquals(Limit.TOKENS_PER_DAY, tokens.limit(), "A's 1000 tokens count on B");

            Caller concurrent = caller(id, new KeyLimits(null, null, 2));
            KeyLimiter.Permit openOnB = b.limiter().admit(concurrent);
            assertEquals(Limit.CONCURRENT_REQUESTS, assertThrows(KeyLimitExceededException.class,
                    () -> b.limiter().admit(concurrent)).limit(), "1 open on A + 1 on B");

            openOnA.release();
            a.sync().sync(); // A's row goes
            b.sync().sync();
            KeyLimiter.Permit second = b.limiter().admit(concurrent);
            openOnB.release();
            second.release();
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void aDeadNodesOpenRequestsStopCountingAndAnUnreachableDatabaseLeavesEachNodeCountingAlone(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            AtomicReference<Database> reachable = new AtomicReference<>(database);
            Node a = node(reachable);
            Node b = node(reachable);
            Caller caller = caller(keyId(database, clock), new KeyLimits(null, null, 1));
            a.limiter().admit(caller); // never released: A dies with it open
            a.sync().sync();
            b.sync().sync();
            assertThrows(KeyLimitExceededException.class, () -> b.limiter().admit(caller));

            clock.advance(STALE.plusSeconds(1)); // A is not heard from any more
            b.sync().sync();
            KeyLimiter.Permit onB = b.limiter().admit(caller);
            onB.release();
            assertEquals(1, count(database), "A's stale row is still there (purged later), but ignored");
            clock.advance(Duration.ofMinutes(2));
            b.sync().sync();
            assertEquals(0, count(database), "and purged after a while");

            reachable.set(null); // the database is out of reach: the round is skipped, admission goes on
            assertFalse(b.sync().sync());
            b.limiter().admit(caller).release();
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void aFailingDatabaseNeitherStopsTheRoundsNorTheRequests(TestDatabases.Target target) {
        Database database = Database.open(target.empty(folder));
        AtomicReference<Database> reachable = new AtomicReference<>(database);
        Node node = node(reachable);
        Caller caller = caller(keyId(database, clock), new KeyLimits(2, null, 1));
        KeyLimiter.Permit open = node.limiter().admit(caller);
        database.close(); // still handed out, but every call now fails
        node.sync().syncQuietly();
        node.sync().syncQuietly();
        open.release();
        node.limiter().admit(caller).release();
        assertEquals(Limit.REQUESTS_PER_MINUTE, assertThrows(KeyLimitExceededException.class, () -> node.limiter().admit(caller)).limit(),
                "this node goes on counting alone");
    }

    private static long count(Database database) {
        return database.inTransaction(em -> em.createQuery("select count(c) from KeyLimitCount c where c.id.kind = :kind", Long.class)
                .setParameter("kind", KeyLimitCount.Kind.CONCURRENT.name()).getSingleResult());
    }
}
