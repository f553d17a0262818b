package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A key's limits and allowed models (schema V7): stored, changed, carried by its caller, on every test database. */
class ApiKeyLimitsTest {

    private static final String TARGETS = "dev.copilotgateway.persistence.TestDatabases#targets";

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    private ApiKeyService service(Database database) {
        return new ApiKeyService(() -> Optional.of(database), clock, Runnable::run);
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void limitsAndModelsAreStoredShownAndCarriedByTheCaller(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            ApiKeyService keys = service(database);
            ApiKeyService.CreatedKey created = keys.create("team", null, null, null, new KeyLimits(60, 5_000_000_000L, 4),
                    List.of(" gpt-4.1 ", "claude-sonnet-4.5", "gpt-4.1"));
            assertEquals(new KeyLimits(60, 5_000_000_000L, 4), created.view().limits());
            assertEquals(List.of("claude-sonnet-4.5", "gpt-4.1"), created.view().models(), "stripped, once each, sorted");
            assertEquals(created.view(), keys.find(created.view().id()).orElseThrow());

            Caller caller = keys.authenticate(created.secret()).orElseThrow();
            assertEquals(new KeyLimits(60, 5_000_000_000L, 4), caller.limits());
            assertEquals(Set.of("gpt-4.1", "claude-sonnet-4.5"), caller.allowedModels());
            assertTrue(caller.mayUse("gpt-4.1"));
            assertEquals(false, caller.mayUse("GPT-4.1"), "exactly as listed");

            ApiKeyService.CreatedKey plain = keys.create("plain", null, null, null);
            assertEquals(KeyLimits.NONE, plain.view().limits());
            assertNull(plain.view().models(), "every model");
            assertTrue(keys.authenticate(plain.secret()).orElseThrow().mayUse("anything"));
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void aChangeKeepsWhatItDoesNotNameClearsWhatItNullsAndAppliesOnThisNodeAtOnce(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            ApiKeyService keys = service(database);
            ApiKeyService.CreatedKey created = keys.create("team", "alice", null, null, new KeyLimits(60, 1000L, 4), List.of("gpt-4.1"));
            long id = created.view().id();
            assertEquals(new KeyLimits(60, 1000L, 4), keys.authenticate(created.secret()).orElseThrow().limits(), "now cached");

            ApiKeyService.ApiKeyView changed = keys.update(id, new KeyChanges(null, null, new KeyChanges.Change<>(10),
                    new KeyChanges.Change<>(null), null, null)).orElseThrow();
            assertEquals(new KeyLimits(10, null, 4), changed.limits());
            assertEquals(List.of("gpt-4.1"), changed.models());
            assertEquals("alice", changed.owner());
            assertEquals(new KeyLimits(10, null, 4), keys.authenticate(created.secret()).orElseThrow().limits(),
                    "the cached caller was dropped: the new limits apply at once");

            changed = keys.update(id, new KeyChanges("renamed", new KeyChanges.Change<>(null), null, null, null,
                    new KeyChanges.Change<>(null))).orElseThrow();
            assertEquals("renamed", changed.name());
            assertNull(changed.owner());
            assertNull(changed.models());
            assertNull(keys.authenticate(created.secret()).orElseThrow().allowedModels(), "every model again");

            changed = keys.update(id, new KeyChanges(null, null, null, null, null, new KeyChanges.Change<>(List.of("o3")))).orElseThrow();
            assertEquals(List.of("o3"), changed.models());
            assertEquals(changed, keys.list().get(0));
            assertTrue(keys.update(id + 100, KeyChanges.NONE).isEmpty(), "no such key");
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void unusableValuesAreRefusedNamingTheField(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            ApiKeyService keys = service(database);
            long id = keys.create("team", null, null, null).view().id();
            assertRefused("limits.requestsPerMinute", () -> keys.create("k", null, null, null, new KeyLimits(0, null, null), null));
            assertRefused("limits.tokensPerDay", () -> keys.create("k", null, null, null, new KeyLimits(null, -5L, null), null));
            assertRefused("limits.concurrentRequests", () -> keys.create("k", null, null, null,
                    new KeyLimits(null, null, KeyLimits.MAX_CONCURRENT_REQUESTS + 1), null));
            assertRefused("models", () -> keys.create("k", null, null, null, KeyLimits.NONE, List.of()));
            assertRefused("models", () -> keys.create("k", null, null, null, KeyLimits.NONE, List.of("gpt-4.1", " ")));
            assertRefused("models", () -> keys.create("k", null, null, null, KeyLimits.NONE, Collections.singletonList(null)));
            assertRefused("models", () -> keys.create("k", null, null, null, KeyLimits.NONE, List.of("x".repeat(201))));
            String[] many = new String[ApiKeyService.MAX_MODELS + 1];
            Arrays.setAll(many, index -> "model-" + index);
            assertRefused("models", () -> keys.create("k", null, null, null, KeyLimits.NONE, List.of(many)));
            assertRefused("limits.requestsPerMinute", () -> keys.update(id, new KeyChanges(null, null, new KeyChanges.Change<>(-1), null, null, null)));
            assertRefused("name", () -> keys.update(id, new KeyChanges(" ", null, null, null, null, null)));
            assertRefused("models", () -> keys.update(id, new KeyChanges(null, null, null, null, null, new KeyChanges.Change<>(List.of()))));
            assertEquals(1, keys.list().size(), "nothing created");
            assertEquals(KeyLimits.NONE, keys.list().get(0).limits(), "nothing changed");
        }
    }

    private static void assertRefused(String field, Executable action) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, action);
        assertEquals(field, refused.param(), refused.getMessage());
    }
}
