package dev.copilotgateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Model mappings in the database (schema V4), on every database of {@link TestDatabases}. */
class ModelMappingRepositoryTest {

    private static final String TARGETS = "dev.copilotgateway.persistence.TestDatabases#targets";
    // Databases store microseconds; compare at that precision.
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(TARGETS)
    void mappingsAreStoredChangedFoundIgnoringCaseAndRemoved(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            long fastId = database.inTransaction(em -> {
                ModelMappingRepository mappings = new ModelMappingRepository(em);
                long id = mappings.add(new ModelMapping("Team-Fast", "gpt-4.1", NOW)).getId();
                mappings.add(new ModelMapping("team-hidden", "gpt-5-mini", false, NOW));
                return id;
            });

            List<ModelMapping> all = database.inTransaction(em -> new ModelMappingRepository(em).findAll());
            assertEquals(List.of("Team-Fast", "team-hidden"), all.stream().map(ModelMapping::getClientModel).toList(), "oldest first");
            assertTrue(all.get(0).isExposed(), "exposed unless said otherwise");
            assertFalse(all.get(1).isExposed());
            assertEquals(NOW, all.get(0).getCreatedAt());

            ModelMapping found = database.inTransaction(em -> new ModelMappingRepository(em).findByClientModel("TEAM-fast")).orElseThrow();
            assertEquals(fastId, found.getId());
            assertTrue(database.inTransaction(em -> new ModelMappingRepository(em).findByClientModel("team-fast-2")).isEmpty());

            Instant later = NOW.plus(1, ChronoUnit.HOURS);
            database.runInTransaction(em -> new ModelMappingRepository(em).find(fastId).orElseThrow().change("team-fast", "claude-sonnet-4.6", false, later));
            ModelMapping changed = database.inTransaction(em -> new ModelMappingRepository(em).find(fastId)).orElseThrow();
            assertEquals("team-fast", changed.getClientModel());
            assertEquals("claude-sonnet-4.6", changed.getTargetModel());
            assertFalse(changed.isExposed());
            assertEquals(NOW, changed.getCreatedAt());
            assertEquals(later, changed.getUpdatedAt());

            database.runInTransaction(em -> {
                ModelMappingRepository mappings = new ModelMappingRepository(em);
                mappings.remove(mappings.find(fastId).orElseThrow());
            });
            assertTrue(database.inTransaction(em -> new ModelMappingRepository(em).find(fastId)).isEmpty());
            assertEquals(1, database.inTransaction(em -> new ModelMappingRepository(em).findAll()).size());
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void theDatabaseRefusesTwoMappingsFromOneName(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            database.runInTransaction(em -> new ModelMappingRepository(em).add(new ModelMapping("team-fast", "gpt-4.1", NOW)));
            assertThrows(PersistenceException.class, () -> database.runInTransaction(
                    em -> new ModelMappingRepository(em).add(new ModelMapping("team-fast", "gpt-5-mini", NOW))));
            assertEquals(1, database.inTransaction(em -> new ModelMappingRepository(em).findAll()).size());
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void mappingsStoredBeforeVersion4AreKeptAndExposed(TestDatabases.Target target) {
        try (GatewayDataSource version2 = target.empty(folder)) {
            Flyway.configure(getClass().getClassLoader()).dataSource(version2.dataSource()).locations("classpath:db/migration")
                    .target("2").load().migrate();
            TestDatabases.execute(version2.dataSource(), "INSERT INTO model_mapping (client_model, target_model, enabled, created_at, updated_at)"
                    + " VALUES ('legacy', 'gpt-4.1', FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        try (Database database = Database.open(target.reopen(folder))) {
            assertTrue(Integer.parseInt(database.schemaVersion()) >= 4, "migrated past V4: " + database.schemaVersion());
            ModelMapping legacy = database.inTransaction(em -> new ModelMappingRepository(em).findByClientModel("legacy")).orElseThrow();
            assertEquals("gpt-4.1", legacy.getTargetModel());
            assertTrue(legacy.isExposed(), "the new column's default; the unused enabled column is gone");
        }
    }
}
