package dev.copilotgateway.admin;

import dev.copilotgateway.protocol.openai.OpenAiError;
import dev.copilotgateway.security.AdminApiKeys;
import dev.copilotgateway.security.BearerToken;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Admin API authentication: {@code Authorization: Bearer <admin-api-key>}. Console sessions will be accepted
 * here too once the console exists. Until the database is open there is no key to check against: 503.
 */
@AdminApi
@Priority(Priorities.AUTHENTICATION)
public final class AdminAuthFilter implements ContainerRequestFilter {

    private final Supplier<Optional<AdminApiKeys>> adminApiKeys;

    @Inject
    public AdminAuthFilter(AdminKeySource adminApiKeys) {
        this.adminApiKeys = adminApiKeys;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<AdminApiKeys> keys = adminApiKeys.get();
        if (keys.isEmpty()) {
            request.abortWith(OpenAiError.response(503, "The gateway is starting or its database is unavailable; see /readyz",
                    "api_error", "service_unavailable"));
            return;
        }
        String presented = BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse(null);
        if (!keys.get().matches(presented)) {
            request.abortWith(OpenAiError.response(401, "The admin API needs 'Authorization: Bearer <admin-api-key>' "
                    + "(the admin-api-key setting, or the key in <data-dir>/admin-api-key)", "authentication_error", "invalid_admin_key"));
        }
    }

    /** Where the filter finds the admin keys (present once the database is open). */
    public interface AdminKeySource extends Supplier<Optional<AdminApiKeys>> {
    }
}
