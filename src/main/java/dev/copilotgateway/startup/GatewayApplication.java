package dev.copilotgateway.startup;

import dev.copilotgateway.admin.AccountsResource;
import dev.copilotgateway.admin.AdminAuthFilter;
import dev.copilotgateway.admin.ApiKeysResource;
import dev.copilotgateway.admin.ApprovalsResource;
import dev.copilotgateway.admin.AuditFilter;
import dev.copilotgateway.admin.AuditResource;
import dev.copilotgateway.admin.ConsoleUsersResource;
import dev.copilotgateway.admin.DeviceFlowResource;
import dev.copilotgateway.admin.ModelMappingsResource;
import dev.copilotgateway.admin.PoolResource;
import dev.copilotgateway.admin.UsageResource;
import dev.copilotgateway.api.AnthropicProxy;
import dev.copilotgateway.api.ApiExceptionMapper;
import dev.copilotgateway.api.BodySizeLimit;
import dev.copilotgateway.api.ChatCompletionsResource;
import dev.copilotgateway.api.ClientAuthFilter;
import dev.copilotgateway.api.DatabaseUnavailableMapper;
import dev.copilotgateway.api.EmbeddingsResource;
import dev.copilotgateway.api.GeminiProxy;
import dev.copilotgateway.api.GeminiResource;
import dev.copilotgateway.api.HealthResource;
import dev.copilotgateway.api.InvalidJsonBodyMapper;
import dev.copilotgateway.api.InvalidRequestMapper;
import dev.copilotgateway.api.KeyLimitAdmission;
import dev.copilotgateway.api.MessagesResource;
import dev.copilotgateway.api.MetricsResource;
import dev.copilotgateway.api.ModelsResource;
import dev.copilotgateway.api.OpenAiProxy;
import dev.copilotgateway.api.PeerEndpointsResource;
import dev.copilotgateway.api.ResponsesResource;
import dev.copilotgateway.approval.ApprovalService;
import dev.copilotgateway.audit.AuditLog;
import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.Secret;
import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.github.DeviceFlowService;
import dev.copilotgateway.github.RecentUsage;
import dev.copilotgateway.limits.KeyLimiter;
import dev.copilotgateway.metrics.GatewayMetrics;
import dev.copilotgateway.metrics.MetricsAccess;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.pool.AccountPool;
import dev.copilotgateway.pool.PoolSettingsService;
import dev.copilotgateway.pool.PoolState;
import dev.copilotgateway.security.ApiKeyService;
import dev.copilotgateway.security.ConsoleSessionService;
import dev.copilotgateway.security.ConsoleUserService;
import dev.copilotgateway.upstream.CopilotTokenService;
import dev.copilotgateway.usage.RequestMeters;
import dev.copilotgateway.usage.UsageQueries;
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
                bind(gateway.accounts()).to(AccountService.class);
                bind(gateway.copilotTokens()).to(CopilotTokenService.class);
                bind(gateway.deviceFlows()).to(DeviceFlowService.class);
                bind(gateway.openAiProxy()).to(OpenAiProxy.class);
                bind(gateway.anthropicProxy()).to(AnthropicProxy.class);
                bind(gateway.geminiProxy()).to(GeminiProxy.class);
                bind(gateway.modelCatalog()).to(ModelCatalog.class);
                bind(gateway.poolSettings()).to(PoolSettingsService.class);
                bind(gateway.poolState()).to(PoolState.class);
                bind(gateway.accountPool()).to(AccountPool.class);
                bind(gateway.modelMappings()).to(ModelMappingService.class);
                bind(gateway.consoleUsers()).to(ConsoleUserService.class);
                bind(gateway.consoleSessions()).to(ConsoleSessionService.class);
                bind(gateway.usageQueries()).to(UsageQueries.class);
                bind(gateway.keyLimiter()).to(KeyLimiter.class);
                bind(gateway.metrics()).to(GatewayMetrics.class);
                bind(gateway.requestMeters()).to(RequestMeters.class);
                bind(gateway.audit()).to(AuditLog.class);
                bind(new RecentUsage(gateway.accounts()::usage, gateway.clock())).to(RecentUsage.class);
                bind(new MetricsAccess(gateway.config().metricsToken().map(Secret::reveal))).to(MetricsAccess.class);
                bind(gateway.approvals()).to(ApprovalService.class);
            }
        });
        // Public API
        register(ChatCompletionsResource.class);
        register(MessagesResource.class);
        register(ResponsesResource.class);
        register(GeminiResource.class);
        register(EmbeddingsResource.class);
        register(ModelsResource.class);
        register(ClientAuthFilter.class);
        register(KeyLimitAdmission.class);
        register(new BodySizeLimit(gateway.config().maxBodySize()));
        // Admin API
        register(AccountsResource.class);
        register(DeviceFlowResource.class);
        register(ApiKeysResource.class);
        register(UsageResource.class);
        register(PoolResource.class);
        register(ModelMappingsResource.class);
        register(ConsoleUsersResource.class);
        register(ApprovalsResource.class);
        register(AdminAuthFilter.class);
        register(AuditFilter.class);
        register(AuditResource.class);
        // Both
        register(HealthResource.class);
        register(MetricsResource.class);
        register(PeerEndpointsResource.class);
        register(ApiExceptionMapper.class);
        register(InvalidRequestMapper.class);
        register(InvalidJsonBodyMapper.class);
        register(DatabaseUnavailableMapper.class);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServletProperties.FILTER_STATIC_CONTENT_REGEX, CONTAINER_PATHS);
    }
}
