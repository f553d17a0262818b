package dev.copilotgateway.startup;

import dev.copilotgateway.admin.AccountViews;
import dev.copilotgateway.console.ConsoleAuthentication;
import dev.copilotgateway.console.ConsoleGuard;
import dev.copilotgateway.console.ConsoleLanguage;
import dev.copilotgateway.console.ConsoleServices;
import dev.copilotgateway.console.ConsoleServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;

/** Puts the console into the web application: its services, its pages, its guard, its language and its authentication. */
final class ConsoleWiring {

    private ConsoleWiring() {
    }

    static void install(ServletContext context, Gateway gateway) {
        new ConsoleServices(gateway.consoleUsers(), gateway.consoleSessions(), gateway.consoleLogin(), gateway::adminApiKeys,
                gateway.apiKeys(), gateway.accounts(), gateway.modelCatalog(), gateway.modelMappings(),
                gateway.poolSettings(), gateway.deviceFlows(), new AccountViews(gateway.accounts(), gateway.copilotTokens(), gateway.accountPool()),
                gateway.ssoIdentities(), gateway.ssoUsers(), gateway.diagnosticsSources(),
                gateway.usageQueries(), gateway.audit(), gateway.approvals())
                .publishIn(context);
        FilterRegistration.Dynamic guard = context.addFilter("copilot-gateway-console-guard", new ConsoleGuard());
        guard.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/console", "/console/*");
        FilterRegistration.Dynamic language = context.addFilter("copilot-gateway-console-language", new ConsoleLanguage());
        language.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/console", "/console/*");
        ServletRegistration.Dynamic pages = context.addServlet("copilot-gateway-console", new ConsoleServlet());
        pages.addMapping("/console", "/console/*");
        ConsoleAuthentication.register(context);
    }
}
