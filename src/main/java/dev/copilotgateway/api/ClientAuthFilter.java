package dev.copilotgateway.api;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.security.ApiKeyFormat;
import dev.copilotgateway.security.ApiKeyService;
import dev.copilotgateway.security.BearerToken;
import dev.copilotgateway.security.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Authenticates the public API with client API keys and leaves the {@link Caller} on the request under
 * {@link Caller#PROPERTY}. The key is read from, first found wins, {@code Authorization: Bearer} (OpenAI),
 * {@code x-api-key} (Anthropic), {@code x-goog-api-key} and the {@code key} query parameter (Gemini).
 * A missing key is refused unless allow-anonymous is on; a wrong key is always refused.
 */
@PublicApi
@Priority(Priorities.AUTHENTICATION)
public final class ClientAuthFilter implements ContainerRequestFilter {

    private static final String X_API_KEY = "x-api-key";
    private static final String X_GOOG_API_KEY = "x-goog-api-key";
    private static final String KEY_PARAMETER = "key";

    static final String MISSING_KEY = "Missing API key: send it as 'Authorization: Bearer <key>', 'x-api-key: <key>' "
            + "or 'x-goog-api-key: <key>'.";
    static final String INVALID_KEY = "Invalid API key: it is unknown, revoked or expired.";
    static final String NO_KEY_YET = "No client API key exists yet: create one with 'POST /admin/api/keys' "
            + "(sending 'Authorization: Bearer <admin-api-key>') or the api-keys setting.";

    private static final Logger LOG = Logger.getLogger(ClientAuthFilter.class.getName());

    /** More distinct refused prefixes than this in a minute are logged together. */
    private static final int MAX_LOGGED_PREFIXES = 1_000;

    private final ApiKeyService keys;
    private final boolean allowAnonymous;
    private final RefusedKeyLog refusals;

    @Inject
    public ClientAuthFilter(ApiKeyService keys, GatewayConfig config, Clock clock) {
        this.keys = keys;
        this.allowAnonymous = config.allowAnonymous();
        this.refusals = new RefusedKeyLog(LOG, clock, MAX_LOGGED_PREFIXES);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            Optional<String> presented = presentedKey(request);
            if (presented.isEmpty()) {
                if (allowAnonymous) {
                    request.setProperty(Caller.PROPERTY, Caller.anonymous());
                    return;
                }
                LOG.info("Refused " + describe(request) + ": no API key");
                request.abortWith(AuthenticationErrors.unauthorized(request.getUriInfo().getPath(), explained(MISSING_KEY)));
                return;
            }
            Optional<Caller> caller = keys.authenticate(presented.get());
            if (caller.isPresent()) {
                request.setProperty(Caller.PROPERTY, caller.get());
                return;
            }
            refusals.refused(loggablePrefix(presented.get()), describe(request));
            request.abortWith(AuthenticationErrors.unauthorized(request.getUriInfo().getPath(), explained(INVALID_KEY)));
        } catch (DatabaseUnavailableException unavailable) {
            request.abortWith(DatabaseUnavailableMapper.response(request.getUriInfo().getPath(), unavailable));
        }
    }

    private static Optional<String> presentedKey(ContainerRequestContext request) {
        return Stream.of(
                        BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse(null),
                        request.getHeaderString(X_API_KEY),
                        request.getHeaderString(X_GOOG_API_KEY),
                        request.getUriInfo().getQueryParameters().getFirst(KEY_PARAMETER))
                .filter(key -> key != null && !key.isBlank())
                .map(String::strip)
                .findFirst();
    }

    /** Adds how to create a key when there is none at all: the state of a fresh, secure-by-default gateway. */
    private String explained(String problem) {
        return keys.anyUsableKey() ? problem : problem + " " + NO_KEY_YET;
    }

    /** Method and raw path: no query string, which may hold the key, and no decoded line breaks. */
    private static String describe(ContainerRequestContext request) {
        return request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath();
    }

    /** What the log may show of a refused key: its visible prefix, with anything unusual masked. */
    private static String loggablePrefix(String presented) {
        return ApiKeyFormat.visiblePrefix(presented).replaceAll("[^A-Za-z0-9_-]", "?");
    }
}
