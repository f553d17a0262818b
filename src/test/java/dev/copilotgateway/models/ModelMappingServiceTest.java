package dev.copilotgateway.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.persistence.GatewayDataSource;
import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mappings of two nodes sharing one database: each node's snapshot, when it is re-read (on the test's clock,
 * by calling the background task's step by hand), and the admin operations with their checks.
 */
class ModelMappingServiceTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T08:00:00Z"));
    private final AtomicReference<Optional<Database>> hereSees = new AtomicReference<>();
    private final AtomicInteger hereReads = new AtomicInteger();
    private Database database;
    private ModelMappingService here;
    private ModelMappingService otherNode;

    @BeforeEach
    void open() {
        database = Database.open(GatewayDataSource.embeddedH2(folder));
        hereSees.set(Optional.of(database));
        Supplier<Optional<Database>> counted = () -> {
            hereReads.incrementAndGet();
            return hereSees.get();
        };
        here = new ModelMappingService(counted, clock, MAX_AGE);
        otherNode = new ModelMappingService(() -> Optional.of(database), clock, MAX_AGE);
        here.refreshIfDue(); // the first read, as at start-up
    }

    @AfterEach
    void close() {
        here.close();
        otherNode.close();
        database.close();
    }

    private Optional<String> targetHere(String requested) {
        return here.current().target(requested);
    }

    @Test
    void aChangeOnAnotherNodeAppliesHereOnceTheSnapshotIsMaxAgeOld() {
        otherNode.create("team-fast", "gpt-4.1", null);
        assertEquals(Optional.empty(), targetHere("team-fast"), "not re-read yet");

        clock.advance(MAX_AGE.minusMillis(1));
        here.refreshIfDue();
        assertEquals(Optional.empty(), targetHere("team-fast"), "the snapshot is not due before max-age");

        clock.advance(Duration.ofMillis(1));
        here.refreshIfDue();
        assertEquals(Optional.of("gpt-4.1"), targetHere("team-fast"), "re-read once max-age old");

        otherNode.delete(otherNode.list().get(0).id());
        clock.advance(Duration.ofSeconds(2));
        here.refreshIfDue();
        assertEquals(Optional.of("gpt-4.1"), targetHere("team-fast"), "the next read waits its turn");
        clock.advance(Duration.ofSeconds(3));
        here.refreshIfDue();
        assertEquals(Optional.empty(), targetHere("team-fast"));
    }

    @Test
    void requestsReadTheSnapshotNotTheDatabase() {
        here.create("team-fast", "gpt-4.1", true);
        int reads = hereReads.get();
        for (int i = 0; i < 1000; i++) {
            assertEquals(Optional.of("gpt-4.1"), targetHere("team-fast"));
            here.current().listing(List.of());
        }
        assertEquals(reads, hereReads.get(), "no database access per request");
    }

    @Test
    void aChangeThroughThisNodeAppliesHereAtOnce() {
        ModelMappingService.Mapping created = here.create("team-fast", "gpt-4.1", null);
        assertEquals(Optional.of("gpt-4.1"), targetHere("team-fast"));
        assertTrue(here.current().entry("team-fast").orElseThrow().exposed(), "exposed defaults to true");

        here.replace(created.id(), "team-fast", "gpt-5-mini", false);
        assertEquals(Optional.of("gpt-5-mini"), targetHere("team-fast"));
        assertFalse(here.current().entry("team-fast").orElseThrow().exposed());

        assertTrue(here.delete(created.id()));
        assertEquals(Optional.empty(), targetHere("team-fast"));
    }

    @Test
    void theLastSnapshotStaysWhileTheDatabaseCannotBeRead() {
        here.create("team-fast", "gpt-4.1", true);

        hereSees.set(Optional.empty()); // e.g. the connector lost it
        clock.advance(MAX_AGE);
        here.refreshIfDue();
        assertEquals(Optional.of("gpt-4.1"), targetHere("team-fast"));

        Database broken = Database.open(GatewayDataSource.embeddedH2(folder.resolve("other")));
        broken.close(); // every read now fails
        hereSees.set(Optional.of(broken));
        clock.advance(MAX_AGE);
        here.refreshIfDue();
        assertEquals(Optional.of("gpt-4.1"), targetHere("team-fast"), "a failed read keeps what was known");
        hereSees.set(Optional.empty());
        assertThrows(DatabaseUnavailableException.class, () -> here.create("other", "gpt-4.1", true), "changes need the database");

        hereSees.set(Optional.of(database));
        otherNode.create("later", "gpt-5-mini", true);
        clock.advance(MAX_AGE);
        here.refreshIfDue();
        assertEquals(Optional.of("gpt-5-mini"), targetHere("later"), "back to normal once the database answers");
    }

    @Test
    void mappingsAreListedOldestFirstWithTheirTimes() {
        Instant first = clock.instant();
        ModelMappingService.Mapping a = here.create("team-fast", "gpt-4.1", null);
        clock.advance(Duration.ofMinutes(1));
        ModelMappingService.Mapping b = here.create(" team-smart ", "gpt-5-mini", false);
        clock.advance(Duration.ofMinutes(1));
        here.replace(a.id(), "team-fast", "claude-sonnet-4.6", true);

        List<ModelMappingService.Mapping> listed = here.list();
        assertEquals(List.of(a.id(), b.id()), listed.stream().map(ModelMappingService.Mapping::id).toList());
        assertEquals(new ModelMappingService.Mapping(a.id(), "team-fast", "claude-sonnet-4.6", true, first, first.plus(Duration.ofMinutes(2))),
                listed.get(0));
        assertEquals(new ModelMappingService.Mapping(b.id(), "team-smart", "gpt-5-mini", false, first.plus(Duration.ofMinutes(1)),
                first.plus(Duration.ofMinutes(1))), listed.get(1), "names are stored trimmed");
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        record Case(String from, String to, String param, String message) {
        }
        List<Case> cases = List.of(
                new Case(null, "gpt-4.1", "from", "from is required"),
                new Case("  ", "gpt-4.1", "from", "from is required"),
                new Case("a".repeat(201), "gpt-4.1", "from", "from is longer than 200 characters"),
                new Case("team fast", "gpt-4.1", "from", "from must not contain spaces or control characters"),
                new Case("team\tfast", "gpt-4.1", "from", "from must not contain spaces or control characters"),
                new Case("team-fast", null, "to", "to is required"),
                new Case("team-fast", "gpt 4.1", "to", "to must not contain spaces or control characters"),
                new Case("team-fast", "b".repeat(201), "to", "to is longer than 200 characters"),
                new Case("gpt-4.1", "GPT-4.1", "to", "to must name another model than from"));
        for (Case bad : cases) {
            InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> here.create(bad.from(), bad.to(), null), bad::toString);
            assertEquals(bad.param(), refused.param(), bad.toString());
            assertEquals(bad.message(), refused.getMessage(), bad.toString());
        }
        ModelMappingService.Mapping kept = here.create("a".repeat(200), "gpt-4.1", null);
        InvalidRequestException onReplace = assertThrows(InvalidRequestException.class, () -> here.replace(kept.id(), "x", "", null));
        assertEquals("to", onReplace.param());
        assertEquals(List.of(kept), here.list(), "nothing else was stored, nothing changed");
    }

    @Test
    void aSecondMappingFromTheSameNameIsRefusedIgnoringCase() {
        ModelMappingService.Mapping first = here.create("team-fast", "gpt-4.1", null);
        ModelMappingService.DuplicateMappingException duplicate = assertThrows(ModelMappingService.DuplicateMappingException.class,
                () -> here.create("Team-Fast", "gpt-5-mini", null));
        assertEquals(first.id(), duplicate.existingId());
        assertEquals("A model mapping from 'Team-Fast' already exists (id " + first.id() + "); change it with PUT /admin/api/model-mappings/"
                + first.id(), duplicate.getMessage());

        ModelMappingService.Mapping second = here.create("team-smart", "gpt-5-mini", null);
        assertThrows(ModelMappingService.DuplicateMappingException.class, () -> here.replace(second.id(), "TEAM-FAST", "gpt-5-mini", null),
                "renaming onto another mapping's name");
        assertEquals("TEAM-SMART", here.replace(second.id(), "TEAM-SMART", "gpt-5-mini", null).orElseThrow().from(), "its own name, recased");
        assertEquals(2, here.list().size());
    }

    @Test
    void unknownIdsAreReportedNotInvented() {
        assertEquals(Optional.empty(), here.replace(4711, "team-fast", "gpt-4.1", null));
        assertFalse(here.delete(4711));
        assertEquals(List.of(), here.list());
    }
}
