package dev.copilotgateway.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned SQL migrations in {@code src/main/resources/db/migration} with Flyway. */
public final class SchemaMigrator {

    private SchemaMigrator() {
    }

    /** Brings the schema up to date and returns the version it is at. */
    public static String migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        MigrateResult result = flyway.migrate();
        return result.targetSchemaVersion != null
                ? result.targetSchemaVersion
                : flyway.info().current().getVersion().getVersion();
    }
}
