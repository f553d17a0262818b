package dev.copilotgateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.copilotgateway.persistence.AuditEvent;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit log in the database (schema V8), on every database of {@link TestDatabases}. */
class AuditLogTest {

    private static final String TARGETS = "dev.copilotgateway.persistence.TestDatabases#targets";

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

    @ParameterizedTest
    @MethodSource(TARGETS)
    void entriesAreStoredAndFoundNewestFirstByTimeAndActor(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            AuditLog audit = new AuditLog(() -> database, clock, Duration.ofDays(30));
            audit.record(new AuditEntry(Actor.adminKey(), AuditEntry.API, "POST /admin/api/keys", "7",
                    "{\"name\":\"ci\",\"owner\":\"alice\"}", 201, "192.0.2.1"));
            clock.advance(Duration.ofMinutes(5));
            audit.record(new AuditEntry(Actor.consoleUser("alice"), AuditEntry.CONSOLE, "POST /console/keys/{id}/revoke", "7", null, 302,
                    "2001:db8::5"));
            clock.advance(Duration.ofMinutes(5));
            audit.record(new AuditEntry(Actor.consoleUser("bob"), AuditEntry.CONSOLE, ConsoleActions.SIGN_IN, null, null, 302, "192.0.2.9"));

            List<AuditEvent> all = audit.find(Instant.EPOCH, clock.instant().plusSeconds(1), null, 100);
            assertEquals(List.of("bob", "alice", "admin-api-key"), all.stream().map(AuditEvent::getActor).toList(), "newest first");
            AuditEvent created = all.get(2);
            assertEquals(Actor.ADMIN_KEY, created.getActorKind());
            assertEquals("api", created.getChannel());
            assertEquals("POST /admin/api/keys", created.getAction());
            assertEquals("7", created.getTarget());
            assertEquals("{\"name\":\"ci\",\"owner\":\"alice\"}", created.getChanges());
            assertEquals(201, created.getStatus());
            assertEquals("192.0.2.1", created.getRemoteAddress());
            assertEquals(Instant.parse("2026-12-05T10:00:00Z"), created.getOccurredAt().truncatedTo(ChronoUnit.SECONDS));
            assertNull(all.get(0).getTarget());

            assertEquals(List.of("alice"), audit.find(Instant.EPOCH, clock.instant().plusSeconds(1), "alice", 100).stream()
                    .map(AuditEvent::getActor).toList());
            assertEquals(List.of("alice"), audit.find(Instant.parse("2026-12-05T10:01:00Z"), Instant.parse("2026-12-05T10:09:00Z"), null, 100)
                    .stream().map(AuditEvent::getActor).toList(), "from inclusive, to exclusive");
            assertEquals(1, audit.find(Instant.EPOCH, clock.instant().plusSeconds(1), null, 1).size(), "limited");
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void thePurgeDeletesWhatIsOlderThanTheRetention(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            AuditLog audit = new AuditLog(() -> database, clock, Duration.ofDays(30));
            audit.record(new AuditEntry(Actor.adminKey(), AuditEntry.API, "DELETE /admin/api/keys/{id}", "1", null, 204, "127.0.0.1"));
            clock.advance(Duration.ofDays(20));
            audit.record(new AuditEntry(Actor.adminKey(), AuditEntry.API, "DELETE /admin/api/keys/{id}", "2", null, 204, "127.0.0.1"));
            clock.advance(Duration.ofDays(11));

            assertEquals(1, audit.purge());

            assertEquals(List.of("2"), audit.find(Instant.EPOCH, clock.instant(), null, 100).stream().map(AuditEvent::getTarget).toList());
        }
    }

    /** The console's action names, as the console writes them (kept here to read the test without the console package). */
    private static final class ConsoleActions {
        static final String SIGN_IN = "console sign-in";
    }
}
