package dev.copilotgateway.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.binder.tomcat.TomcatMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.logging.Logger;
import javax.management.MBeanServer;

/**
 * This node's meter registry in Prometheus' format: the gateway's own meters ({@link GatewayMeters}), the JVM's
 * (memory, GC, threads, classes, CPU, uptime) and, inside Tomcat, the container's (connectors' threads and requests,
 * read over JMX). {@code GET /metrics} is {@link #scrape}.
 */
public final class GatewayMetrics implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GatewayMetrics.class.getName());

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GatewayMeters meters = new GatewayMeters(registry);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile TomcatMetrics tomcat;

    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public GatewayMeters meters() {
        return meters;
    }

    /**
     * Adds Tomcat's meters (its MBeans: request processors, thread pools, sessions are not used). Outside Tomcat, or on a
     * container without Tomcat's classes, there are none, and that is no error.
     */
    public void bindTomcat() {
        try {
            // Built reflectively: its constructor names Tomcat's Manager, which only the container has (there is no
            // session manager to give it: the gateway keeps no HTTP sessions).
            Class<?> manager = Class.forName("org.apache.catalina.Manager", false, GatewayMetrics.class.getClassLoader());
            TomcatMetrics bound = TomcatMetrics.class.getConstructor(manager, Iterable.class, MBeanServer.class)
                    .newInstance(null, List.of(), ManagementFactory.getPlatformMBeanServer());
            bound.bindTo(registry);
            tomcat = bound;
        } catch (ReflectiveOperationException | LinkageError notTomcat) {
            LOG.info("No Tomcat classes visible: the metrics have no tomcat_* meters (" + notTomcat.getClass().getSimpleName() + ")");
        }
    }

    /** Every meter in Prometheus' text format, or in OpenMetrics' when {@code accept} asks for it. */
    public String scrape(String accept) {
        return registry.scrape(accept == null ? "" : accept);
    }

    /** The content type {@link #scrape} answers for {@code accept}. */
    public static String contentType(String accept) {
        return accept != null && accept.contains("application/openmetrics-text")
                ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8";
    }

    @Override
    public void close() {
        gc.close(); // it listens to the JVM's GC notifications: an undeploy must take it away
        if (tomcat != null) {
            tomcat.close();
        }
        registry.close();
    }
}
