package dev.copilotgateway.startup;

import dev.copilotgateway.api.AccessLog;
import dev.copilotgateway.api.KeyLimitRelease;
import dev.copilotgateway.api.OverloadShedding;
import dev.copilotgateway.audit.AuditEntry;
import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.SettingResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.time.Clock;
import java.util.EnumSet;
import java.util.logging.Logger;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Starts the gateway when the webapp is deployed and stops it when undeployed. An invalid setting throws
 * here, which makes the container refuse the deployment with that setting's one-line message.
 * Declared in web.xml (so it may register the JAX-RS filter programmatically).
 */
public final class GatewayListener implements ServletContextListener {

    public static final String GATEWAY_ATTRIBUTE = Gateway.class.getName();

    private static final Logger LOG = Logger.getLogger(GatewayListener.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        long started = System.nanoTime();
        GatewayConfig config = GatewayConfig.load(SettingResolver.ofContainer());
        Gateway gateway = Gateway.start(config, Clock.systemUTC());
        ServletContext context = event.getServletContext();
        context.setAttribute(GATEWAY_ATTRIBUTE, gateway);
        ConsoleWiring.install(context, gateway);
        gateway.metrics().bindTomcat(); // only here: inside Tomcat

        // First: one access line per public API request, when it has ended (streams included), refusals too.
        AccessLog accessLogFilter = new AccessLog(gateway.clock());
        gateway.requestMeters().onStart(accessLogFilter::attach);
        FilterRegistration.Dynamic accessLog = context.addFilter("copilot-gateway-access-log", accessLogFilter);
        accessLog.setAsyncSupported(true);
        accessLog.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

        // Before Jersey: at the node's admission limit, requests bound upstream are refused before any work is done.
        FilterRegistration.Dynamic shedding = context.addFilter("copilot-gateway-overload-shedding", new OverloadShedding(gateway.accountPool(), gateway.metrics().meters()));
        shedding.setAsyncSupported(true);
        shedding.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

        // The admin API's audit records where a call came from; below the servlet layer only request attributes are seen.
        FilterRegistration.Dynamic auditAddress = context.addFilter("copilot-gateway-audit-address", (Filter) (request, response, chain) -> {
            request.setAttribute(AuditEntry.REMOTE_ADDRESS_ATTRIBUTE, request.getRemoteAddr());
            chain.doFilter(request, response);
        });
        auditAddress.setAsyncSupported(true);
        auditAddress.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/admin/*");

        // Before Jersey: releases a request's place under its key's concurrent-requests limit when the request ends.
        FilterRegistration.Dynamic keyLimits = context.addFilter("copilot-gateway-key-limit-release", new KeyLimitRelease());
        keyLimits.setAsyncSupported(true);
        keyLimits.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

        // Jersey as an async-capable filter (not a servlet), so that the console's JSP forwards and static
        // files stay with the container's own servlets (GatewayApplication.CONTAINER_PATHS).
        FilterRegistration.Dynamic api = context.addFilter("copilot-gateway-api", new ServletContainer(new GatewayApplication(gateway)));
        api.setAsyncSupported(true);
        api.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");

        LOG.info("Copilot Gateway started in " + (System.nanoTime() - started) / 1_000_000 + " ms (data dir " + config.dataDir() + ")");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object gateway = event.getServletContext().getAttribute(GATEWAY_ATTRIBUTE);
        if (gateway instanceof Gateway running) {
            running.close();
            LOG.info("Copilot Gateway stopped");
        }
    }
}
