package dev.copilotgateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionPoolMetersTest {

    @TempDir
    Path folder;

    @Test
    void theEmbeddedPoolIsAskedDirectly() throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + folder.resolve("db").toAbsolutePath(), "sa", "");
        pool.setMaxConnections(7);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ConnectionPoolMeters(() -> Optional.of(pool)).bindTo(registry);
        try (Connection open = pool.getConnection()) {
            assertTrue(open.isValid(1));
            assertEquals(1.0, registry.get("jdbc.connections.active").gauge().value(), "the connection held here");
            assertEquals(7.0, registry.get("jdbc.connections.max").gauge().value());
            assertTrue(Double.isNaN(registry.get("jdbc.connections.idle").gauge().value()));
        } finally {
            pool.dispose();
        }
    }

    @Test
    void aContainersPoolIsReadByItsGettersAndNothingIsKnownWithoutADatabase() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ConnectionPoolMeters(() -> Optional.of(new DbcpLike())).bindTo(registry);
        assertEquals(3.0, registry.get("jdbc.connections.active").gauge().value());
        assertEquals(5.0, registry.get("jdbc.connections.idle").gauge().value());
        assertEquals(32.0, registry.get("jdbc.connections.max").gauge().value());

        SimpleMeterRegistry closed = new SimpleMeterRegistry();
        new ConnectionPoolMeters(Optional::empty).bindTo(closed);
        assertTrue(Double.isNaN(closed.get("jdbc.connections.active").gauge().value()));
    }

    /** Shaped like Tomcat's DBCP BasicDataSource, as far as the meters look. */
    public static final class DbcpLike implements DataSource {
        public int getNumActive() {
            return 3;
        }

        public int getNumIdle() {
            return 5;
        }

        public int getMaxTotal() {
            return 32;
        }

        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("not a database");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("not a database");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("no");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
