package dev.copilotgateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Gauges of the database connection pool: connections in use, idle, and the most there may be. The embedded H2
 * database's pool is asked directly. A container's JNDI pool is a class of the container's, which the gateway does not
 * compile against: it is asked by the getters the common pools share ({@code getNumActive}, {@code getNumIdle},
 * {@code getMaxTotal} of Tomcat's default DBCP and Commons DBCP; {@code getMaxActive} of the Tomcat JDBC pool). What
 * a pool does not tell is NaN.
 */
public final class ConnectionPoolMeters {

    static final String ACTIVE = "jdbc.connections.active";
    static final String IDLE = "jdbc.connections.idle";
    static final String MAX = "jdbc.connections.max";

    private final Supplier<Optional<DataSource>> dataSource;

    /** @param dataSource the open database's connection source; empty while the database is not open */
    public ConnectionPoolMeters(Supplier<Optional<DataSource>> dataSource) {
        this.dataSource = dataSource;
    }

    public void bindTo(MeterRegistry registry) {
        Gauge.builder(ACTIVE, this, meters -> meters.read(List.of("getNumActive"))).description("Database connections in use")
                .strongReference(true).register(registry);
        Gauge.builder(IDLE, this, meters -> meters.read(List.of("getNumIdle"))).description("Database connections idle in the pool")
                .strongReference(true).register(registry);
        Gauge.builder(MAX, this, meters -> meters.read(List.of("getMaxTotal", "getMaxActive")))
                .description("Most database connections the pool opens").strongReference(true).register(registry);
    }

    /** The first of {@code getters} the pool has, read now. */
    double read(List<String> getters) {
        Optional<DataSource> open = dataSource.get();
        if (open.isEmpty()) {
            return Double.NaN;
        }
        if (open.get() instanceof JdbcConnectionPool h2) {
            return switch (getters.get(0)) {
                case "getNumActive" -> h2.getActiveConnections();
                case "getMaxTotal" -> h2.getMaxConnections();
                default -> Double.NaN; // H2's pool does not tell its idle connections
            };
        }
        for (String getter : getters) {
            try {
                Method method = open.get().getClass().getMethod(getter);
                if (method.invoke(open.get()) instanceof Number number) {
                    return number.doubleValue();
                }
            } catch (ReflectiveOperationException | RuntimeException notThisPool) {
                // try the next name
            }
        }
        return Double.NaN;
    }
}
