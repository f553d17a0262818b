package dev.copilotgateway.admin;

import dev.copilotgateway.audit.Actor;
import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.protocol.openai.OpenAiError;
import dev.copilotgateway.security.AdminApiKeys;
import dev.copilotgateway.security.BearerToken;
import dev.copilotgateway.security.ConsoleSessionService;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Admin API authentication: {@code Authorization: Bearer <admin-api-key>}, or a console session — its cookie plus its
 * CSRF token in {@value ConsoleSessionService#CSRF_HEADER} (the cookie alone could be a forged cross-site request). A
 * console admin may do everything, a viewer only read. Until the database is open there is no key to check against: 503.
 */
@AdminApi
@Priority(Priorities.AUTHENTICATION)
public final class AdminAuthFilter implements ContainerRequestFilter {

    private static final Set<String> READING = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Supplier<Optional<AdminApiKeys>> adminApiKeys;
    private final ConsoleSessionService consoleSessions;

    @Inject
    public AdminAuthFilter(AdminKeySource adminApiKeys, ConsoleSessionService consoleSessions) {
        this.adminApiKeys = adminApiKeys;
        this.consoleSessions = consoleSessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<AdminApiKeys> keys = adminApiKeys.get();
        if (keys.isEmpty()) {
            request.abortWith(OpenAiError.response(503, "The gateway is starting or its database is unavailable; see /readyz",
                    "api_error", "service_unavailable"));
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Cookie session = request.getCookies().get(ConsoleSessionService.COOKIE);
        if (authorization == null && session != null) {
            filterConsoleSession(request, session.getValue());
            return;
        }
        String presented = BearerToken.from(authorization).orElse(null);
        if (keys.get().matches(presented)) {
            request.setProperty(Actor.PROPERTY, Actor.adminKey());
        } else {
            request.abortWith(OpenAiError.response(401, "The admin API needs 'Authorization: Bearer <admin-api-key>' "
                    + "(the admin-api-key setting, or the key in <data-dir>/admin-api-key), or a console session with its CSRF token",
                    "authentication_error", "invalid_admin_key"));
        }
    }

    private void filterConsoleSession(ContainerRequestContext request, String token) {
        Optional<ConsoleSessionService.SignedIn> signedIn = consoleSessions.authenticate(token);
        if (signedIn.isEmpty()) {
            request.abortWith(OpenAiError.response(401, "The console session has ended; sign in to the console again",
                    "authentication_error", "console_session_ended"));
        } else if (!signedIn.get().acceptsCsrf(request.getHeaderString(ConsoleSessionService.CSRF_HEADER))) {
            request.abortWith(OpenAiError.response(403, "A call made with a console session needs the session's CSRF token in the "
                    + ConsoleSessionService.CSRF_HEADER + " header", "permission_error", "csrf_token_invalid"));
        } else if (signedIn.get().role() != ConsoleUser.Role.ADMIN && !READING.contains(request.getMethod())) {
            request.abortWith(OpenAiError.response(403, "A console viewer may read through the admin API, not change anything",
                    "permission_error", "viewer_read_only"));
        } else {
            request.setProperty(Actor.PROPERTY, Actor.consoleUser(signedIn.get().username()));
        }
    }

    /** Where the filter finds the admin keys (present once the database is open). */
    public interface AdminKeySource extends Supplier<Optional<AdminApiKeys>> {
    }
}
