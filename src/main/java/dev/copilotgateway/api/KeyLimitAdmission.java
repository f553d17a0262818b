package dev.copilotgateway.api;

import dev.copilotgateway.limits.KeyLimitExceededException;
import dev.copilotgateway.limits.KeyLimiter;
import dev.copilotgateway.metrics.GatewayMeters;
import dev.copilotgateway.metrics.GatewayMetrics;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.usage.RequestMeter;
import dev.copilotgateway.usage.RequestMeters;
import dev.copilotgateway.usage.RequestOutcome;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Optional;

/**
 * Admits the requests bound upstream (the model endpoints of the three APIs) under their key's limits, right after
 * the key is known and before the body is read: a key at a limit gets 429 with {@code Retry-After} in its API's shape.
 * The admitted request's place is released by {@link KeyLimitRelease} when the request ends. A refusal is a usage
 * record of its own (status 429, error {@code key_limit}; no model: the body is not read), so the request log shows who
 * hits their limits.
 */
@PublicApi
@Priority(Priorities.AUTHORIZATION)
public final class KeyLimitAdmission implements ContainerRequestFilter {

    /** The usage record's error of a request a key limit refused. */
    static final String KEY_LIMIT = "key_limit";

    private final KeyLimiter limiter;
    private final GatewayMeters meters;
    private final RequestMeters requests;

    @Inject
    public KeyLimitAdmission(KeyLimiter limiter, GatewayMetrics metrics, RequestMeters requests) {
        this.limiter = limiter;
        this.meters = metrics.meters();
        this.requests = requests;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Caller> caller = Caller.of(request);
        if (caller.isEmpty() || !HttpMethod.POST.equals(request.getMethod())) {
            return;
        }
        String path = "/" + request.getUriInfo().getPath();
        Optional<ApiDialect> dialect = OverloadShedding.dialectOf(path);
        if (dialect.isEmpty()) {
            return;
        }
        KeyLimiter.Permit permit;
        try {
            permit = limiter.admit(caller.get());
        } catch (KeyLimitExceededException limited) {
            meters.limitRefused(limitName(limited.limit()));
            RequestMeter refused = requests.start(caller.get().apiKeyId(), ingressOf(path), null, false);
            refused.failed(KEY_LIMIT);
            refused.ended(429);
            request.abortWith(PlanRunner.response(dialect.get().failure(limited)));
            return;
        }
        if (request.getProperty(KeyLimitRelease.RELEASED_HERE) == null) {
            permit.release(); // not behind the servlet filter (an in-memory test): open requests cannot be followed
        } else {
            request.setProperty(KeyLimitRelease.PERMIT, permit);
        }
    }

    /** The public API a model endpoint's path belongs to ({@code RequestOutcome.INGRESS_*}). */
    static String ingressOf(String path) {
        if (path.endsWith("/responses")) {
            return RequestOutcome.INGRESS_RESPONSES;
        }
        if (path.endsWith("/embeddings")) {
            return RequestOutcome.INGRESS_EMBEDDINGS;
        }
        if (path.endsWith("/messages")) {
            return RequestOutcome.INGRESS_MESSAGES;
        }
        return path.endsWith("/chat/completions") ? RequestOutcome.INGRESS_CHAT : RequestOutcome.INGRESS_GEMINI;
    }

    /** The limit as the metrics' {@code limit} label names it: the field of the key's {@code limits}. */
    static String limitName(KeyLimitExceededException.Limit limit) {
        return switch (limit) {
            case REQUESTS_PER_MINUTE -> "requestsPerMinute";
            case TOKENS_PER_DAY -> "tokensPerDay";
            case CONCURRENT_REQUESTS -> "concurrentRequests";
        };
    }
}
