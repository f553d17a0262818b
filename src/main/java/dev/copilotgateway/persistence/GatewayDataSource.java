package dev.copilotgateway.persistence;

import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The database connection the gateway uses: the container's JNDI DataSource {@value #JNDI_NAME} when there is
 * one (ops point it at PostgreSQL or any JDBC database), otherwise an embedded H2 file in the data folder.
 */
public final class GatewayDataSource implements AutoCloseable {

    public static final String JNDI_NAME = "java:comp/env/jdbc/copilot-gateway";

    private static final Logger LOG = Logger.getLogger(GatewayDataSource.class.getName());

    private final DataSource dataSource;
    private final String description;
    private final JdbcConnectionPool ownedPool;

    private GatewayDataSource(DataSource dataSource, String description, JdbcConnectionPool ownedPool) {
        this.dataSource = dataSource;
        this.description = description;
        this.ownedPool = ownedPool;
    }

    /** The JNDI DataSource if the container declares one, else the embedded H2 database under {@code dataDir}. */
    public static GatewayDataSource resolve(Path dataDir) {
        return fromJndi().orElseGet(() -> embeddedH2(dataDir));
    }

    /** A DataSource the caller owns and closes (tests, tools). */
    public static GatewayDataSource of(DataSource dataSource, String description) {
        return new GatewayDataSource(dataSource, description, null);
    }

    static Optional<GatewayDataSource> fromJndi() {
        try {
            Object found = new InitialContext().lookup(JNDI_NAME);
            if (found instanceof DataSource jndiDataSource) {
                return Optional.of(new GatewayDataSource(jndiDataSource, "JNDI " + JNDI_NAME, null));
            }
            LOG.warning(JNDI_NAME + " is not a javax.sql.DataSource; using the embedded H2 database");
        } catch (NamingException | RuntimeException absent) {
            // No container JNDI or no such entry: the embedded database is the documented fallback.
        }
        return Optional.empty();
    }

    /**
     * An H2 file database {@code <dataDir>/copilot-gateway.mv.db} behind H2's own small pool.
     * DB_CLOSE_ON_EXIT=FALSE: the webapp closes it at undeploy, not H2's JVM shutdown hook.
     */
    public static GatewayDataSource embeddedH2(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.resolve("copilot-gateway").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(32);
        return new GatewayDataSource(pool, "embedded H2 " + dataDir.resolve("copilot-gateway.mv.db"), pool);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where the data lives, for logs and /readyz (never credentials). */
    public String description() {
        return description;
    }

    /** Closes the embedded pool; a container's DataSource is the container's to close. */
    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.dispose();
        }
    }
}
