package dev.copilotgateway.startup;

import dev.copilotgateway.admin.AdminAuthFilter;
import dev.copilotgateway.admin.ApiKeysResource;
import dev.copilotgateway.api.ApiExceptionMapper;
import dev.copilotgateway.api.ClientAuthFilter;
import dev.copilotgateway.api.DatabaseUnavailableMapper;
import dev.copilotgateway.api.HealthResource;
import dev.copilotgateway.api.InvalidRequestMapper;
import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.security.ApiKeyService;
import java.time.Clock;
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
                bind(gateway.config()).to(GatewayConfig.class);
                bind(gateway.clock()).to(Clock.class);
                bind(gateway.databaseConnector()).to(DatabaseConnector.class);
                bind(gateway.apiKeys()).to(ApiKeyService.class);
                bind((AdminAuthFilter.AdminKeySource) gateway::adminApiKeys).to(AdminAuthFilter.AdminKeySource.class);
            }
        });
        register(HealthResource.class);
        register(ApiKeysResource.class);
        register(AdminAuthFilter.class);
        register(ClientAuthFilter.class);
        register(ApiExceptionMapper.class);
        register(InvalidRequestMapper.class);
        register(DatabaseUnavailableMapper.class);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServletProperties.FILTER_STATIC_CONTENT_REGEX, CONTAINER_PATHS);
    }
}
