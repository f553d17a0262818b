package dev.copilotgateway.console;

import dev.copilotgateway.admin.AccountViews;
import dev.copilotgateway.approval.ApprovalService;
import dev.copilotgateway.audit.AuditLog;
import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.github.DeviceFlowService;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.pool.PoolSettingsService;
import dev.copilotgateway.security.AdminApiKeys;
import dev.copilotgateway.security.ApiKeyService;
import dev.copilotgateway.security.ConsoleLogin;
import dev.copilotgateway.security.ConsoleSessionService;
import dev.copilotgateway.security.ConsoleUserService;
import dev.copilotgateway.security.SsoIdentities;
import dev.copilotgateway.security.SsoUserProvisioning;
import dev.copilotgateway.usage.UsageQueries;
import jakarta.servlet.ServletContext;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the console's pages and its authentication mechanism use of the gateway, published in the servlet context by
 * the gateway's start-up (the mechanism is a CDI bean, made by the container, so it cannot be handed its services).
 */
public record ConsoleServices(ConsoleUserService users, ConsoleSessionService sessions, ConsoleLogin login,
                              Supplier<Optional<AdminApiKeys>> adminApiKeys, ApiKeyService apiKeys, AccountService accounts,
                              ModelCatalog catalog, ModelMappingService mappings, PoolSettingsService pool,
                              DeviceFlowService deviceFlows, AccountViews accountViews, SsoIdentities sso,
                              SsoUserProvisioning ssoUsers, DiagnosticsSources diagnostics,
                              UsageQueries usage, AuditLog audit, ApprovalService approvals) {

    private static final String ATTRIBUTE = ConsoleServices.class.getName();

    public void publishIn(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
    }

    static ConsoleServices of(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof ConsoleServices services) {
            return services;
        }
        throw new IllegalStateException("the gateway has not started");
    }
}
