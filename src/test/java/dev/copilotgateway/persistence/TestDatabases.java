package dev.copilotgateway.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the persistence tests run on: embedded H2 always, and a real PostgreSQL server when
 * {@value #POSTGRES_URL} names one (CI starts one; see .ci/run). With {@value #POSTGRES_REQUIRED}=true a
 * missing PostgreSQL fails the tests instead of leaving them to H2 alone.
 */
public final class TestDatabases {

    public static final String POSTGRES_URL = "COPILOT_GATEWAY_TEST_POSTGRES_URL";
    public static final String POSTGRES_REQUIRED = "COPILOT_GATEWAY_TEST_POSTGRES_REQUIRED";

    /** One database to test on. */
    public interface Target {
        /** An empty database (dropping what an earlier test left), under {@code folder} where it is a file. */
        GatewayDataSource empty(Path folder);

        /** The same database again, as it was left. */
        GatewayDataSource reopen(Path folder);
    }

    private TestDatabases() {
    }

    /**
     * The schema version a fully migrated database has: the highest {@code V<n>__*.sql} in the migration folder, so
     * a new migration needs no test edits.
     */
    public static String latestSchemaVersion() {
        try (Stream<Path> files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
            return Integer.toString(files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow());
        } catch (java.io.IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }

    /** For {@code @MethodSource("dev.copilotgateway.persistence.TestDatabases#targets")}. */
    public static Stream<Named<Target>> targets() {
        List<Named<Target>> targets = new ArrayList<>();
        targets.add(Named.of("H2", new Target() {
            @Override
            public GatewayDataSource empty(Path folder) {
                return GatewayDataSource.embeddedH2(folder);
            }

            @Override
            public GatewayDataSource reopen(Path folder) {
                return GatewayDataSource.embeddedH2(folder);
            }
        }));
        String postgresUrl = System.getenv(POSTGRES_URL);
        if (postgresUrl != null && !postgresUrl.isBlank()) {
            targets.add(Named.of("PostgreSQL", new Target() {
                @Override
                public GatewayDataSource empty(Path folder) {
                    DataSource dataSource = postgres(postgresUrl);
                    execute(dataSource, "DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
                    return GatewayDataSource.of(dataSource, "test PostgreSQL");
                }

                @Override
                public GatewayDataSource reopen(Path folder) {
                    return GatewayDataSource.of(postgres(postgresUrl), "test PostgreSQL");
                }
            }));
        } else if (Boolean.parseBoolean(System.getenv(POSTGRES_REQUIRED))) {
            throw new IllegalStateException(POSTGRES_REQUIRED + " is set but " + POSTGRES_URL + " is not");
        }
        return targets.stream();
    }

    private static DataSource postgres(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    public static void execute(DataSource dataSource, String... statements) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** Every value of every row of the gateway's tables, as text: to prove a secret is stored nowhere in clear. */
    public static List<String> allStoredValues(DataSource dataSource) {
        List<String> values = new ArrayList<>();
        String[] tables = {"github_account", "client_api_key", "model_mapping", "console_user", "console_session",
            "usage_record", "gateway_setting"};
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            values.add(String.valueOf(rows.getObject(column)));
                        }
                    }
                }
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
        return values;
    }
}
