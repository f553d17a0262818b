package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The migrated database and its JPA entity manager factory. Hibernate is started in code (no persistence.xml)
 * so that application servers that own persistence units, like TomEE, leave it alone.
 */
public final class Database implements AutoCloseable {

    private final GatewayDataSource dataSource;
    private final EntityManagerFactory entityManagerFactory;
    private final String schemaVersion;

    private Database(GatewayDataSource dataSource, EntityManagerFactory entityManagerFactory, String schemaVersion) {
        this.dataSource = dataSource;
        this.entityManagerFactory = entityManagerFactory;
        this.schemaVersion = schemaVersion;
    }

    /** Migrates the schema, then starts Hibernate, which validates the entities against it. Takes ownership of {@code dataSource}. */
    public static Database open(GatewayDataSource dataSource) {
        try {
            String version = SchemaMigrator.migrate(dataSource.dataSource());
            return new Database(dataSource, entityManagerFactory(dataSource), version);
        } catch (RuntimeException failed) {
            dataSource.close();
            throw failed;
        }
    }

    private static EntityManagerFactory entityManagerFactory(GatewayDataSource dataSource) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(GitHubAccount.class)
                .addAnnotatedClass(ClientApiKey.class)
                .addAnnotatedClass(ModelMapping.class)
                .addAnnotatedClass(ConsoleUser.class)
                .addAnnotatedClass(ConsoleSession.class)
                .addAnnotatedClass(UsageRecord.class)
                .addAnnotatedClass(GatewaySetting.class)
                .addAnnotatedClass(AuditEvent.class)
                .addAnnotatedClass(KeyLimitCount.class)
                .addAnnotatedClass(PendingApproval.class)
                // Flyway owns the schema; Hibernate only checks that the entities match it.
                .setProperty(AvailableSettings.HBM2DDL_AUTO, "validate")
                .setProperty(AvailableSettings.SHOW_SQL, "false");
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource.dataSource());
        return configuration.buildSessionFactory();
    }

    /** Runs {@code work} in a transaction and returns its result; rolls back if it throws. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        try (EntityManager entityManager = entityManagerFactory.createEntityManager()) {
            EntityTransaction transaction = entityManager.getTransaction();
            transaction.begin();
            try {
                T result = work.apply(entityManager);
                transaction.commit();
                return result;
            } catch (RuntimeException failed) {
                if (transaction.isActive()) {
                    transaction.rollback();
                }
                throw failed;
            }
        }
    }

    /** Runs {@code work} in a transaction; rolls back if it throws. */
    public void runInTransaction(Consumer<EntityManager> work) {
        inTransaction(entityManager -> {
            work.accept(entityManager);
            return null;
        });
    }

    /** Whether a connection can be had and answers within {@code timeoutSeconds}. */
    public boolean isReachable(int timeoutSeconds) {
        try (Connection connection = dataSource.dataSource().getConnection()) {
            return connection.isValid(timeoutSeconds);
        } catch (SQLException unreachable) {
            return false;
        }
    }

    /** The database's product name and version from the JDBC metadata; "unknown" when no connection can be had. */
    public String product() {
        try (Connection connection = dataSource.dataSource().getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            return metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
        } catch (SQLException unreachable) {
            return "unknown";
        }
    }

    public String description() {
        return dataSource.description();
    }

    /** The connection source (for the connection pool's gauges; the work goes through {@link #inTransaction}). */
    public DataSource dataSource() {
        return dataSource.dataSource();
    }

    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    public void close() {
        try {
            entityManagerFactory.close();
        } finally {
            dataSource.close();
        }
    }
}
