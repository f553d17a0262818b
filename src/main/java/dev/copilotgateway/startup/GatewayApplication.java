package dev.copilotgateway.startup;

import dev.copilotgateway.admin.AccountsResource;
import dev.copilotgateway.admin.AdminAuthFilter;
import dev.copilotgateway.admin.DeviceFlowResource;
import dev.copilotgateway.api.ApiExceptionMapper;
import dev.copilotgateway.api.DatabaseUnavailableMapper;
import dev.copilotgateway.api.HealthResource;
import dev.copilotgateway.api.InvalidJsonBodyMapper;
import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.github.DeviceFlowService;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.upstream.CopilotTokenService;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletProperties;

/** The JAX-RS application: the resources, and the gateway's services they are given (by constructor injection). */
public final class GatewayApplication extends ResourceConfig {

    /**
     * Jersey runs as a filter on every path, so unknown API paths still get a JSON error. Paths matching this
     * pattern go straight to the container instead: the console's pages and static files.
     */
    static final String CONTAINER_PATHS = "/(console|static)(/.*)?|/favicon\\.ico";

    public GatewayApplication(Gateway gateway) {
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(gateway.databaseConnector()).to(DatabaseConnector.class);
                bind((AdminAuthFilter.AdminKeySource) gateway::adminApiKeys).to(AdminAuthFilter.AdminKeySource.class);
                bind(gateway.accounts()).to(AccountService.class);
                bind(gateway.copilotTokens()).to(CopilotTokenService.class);
                bind(gateway.deviceFlows()).to(DeviceFlowService.class);
            }
        });
        register(HealthResource.class);
        register(AccountsResource.class);
        register(DeviceFlowResource.class);
        register(AdminAuthFilter.class);
        register(ApiExceptionMapper.class);
        register(DatabaseUnavailableMapper.class);
        register(InvalidJsonBodyMapper.class);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServletProperties.FILTER_STATIC_CONTENT_REGEX, CONTAINER_PATHS);
    }
}
