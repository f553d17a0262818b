package dev.copilotgateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Gauges of the database connection pool: connections in use, idle, and the most there may be. The embedded H2
 * database's pool is asked directly; a container's JNDI pool (Tomcat's DBCP by default) through the MBean Tomcat
 * registers for it ({@code type=DataSource,name="jdbc/copilot-gateway"}). What a pool does not tell is NaN.
 */
public final class ConnectionPoolMeters {

    static final String ACTIVE = "jdbc.connections.active";
    static final String IDLE = "jdbc.connections.idle";
    static final String MAX = "jdbc.connections.max";

    /** The JNDI resource the gateway looks up, as Tomcat names its MBean. */
    private static final String JNDI_RESOURCE = "\"jdbc/copilot-gateway\"";

    private final Supplier<Optional<DataSource>> dataSource;
    private final MBeanServer mbeans;

    /** @param dataSource the open database's connection source; empty while the database is not open */
    public ConnectionPoolMeters(Supplier<Optional<DataSource>> dataSource) {
        this(dataSource, ManagementFactory.getPlatformMBeanServer());
    }

    ConnectionPoolMeters(Supplier<Optional<DataSource>> dataSource, MBeanServer mbeans) {
        this.dataSource = dataSource;
        this.mbeans = mbeans;
    }

    public void bindTo(MeterRegistry registry) {
        Gauge.builder(ACTIVE, this, meters -> meters.read("numActive")).description("Database connections in use")
                .strongReference(true).register(registry);
        Gauge.builder(IDLE, this, meters -> meters.read("numIdle")).description("Database connections idle in the pool")
                .strongReference(true).register(registry);
        Gauge.builder(MAX, this, meters -> meters.read("maxTotal")).description("Most database connections the pool opens")
                .strongReference(true).register(registry);
    }

    double read(String attribute) {
        Optional<DataSource> open = dataSource.get();
        if (open.isEmpty()) {
            return Double.NaN;
        }
        if (open.get() instanceof JdbcConnectionPool h2) {
            return switch (attribute) {
                case "numActive" -> h2.getActiveConnections();
                case "maxTotal" -> h2.getMaxConnections();
                default -> Double.NaN; // H2's pool does not tell its idle connections
            };
        }
        return fromMBean(attribute);
    }

    private double fromMBean(String attribute) {
        try {
            Set<ObjectName> names = mbeans.queryNames(new ObjectName("*:type=DataSource,name=" + JNDI_RESOURCE + ",*"), null);
            for (ObjectName name : names) {
                Object value = mbeans.getAttribute(name, attribute);
                if (value instanceof Number number) {
                    return number.doubleValue();
                }
            }
        } catch (JMException | RuntimeException unknown) {
            // a pool without such an MBean or attribute: not known
        }
        return Double.NaN;
    }
}
