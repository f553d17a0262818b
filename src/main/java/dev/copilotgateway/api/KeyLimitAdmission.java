package dev.copilotgateway.api;

import dev.copilotgateway.limits.KeyLimitExceededException;
import dev.copilotgateway.metrics.GatewayMeters;
import dev.copilotgateway.metrics.GatewayMetrics;
import dev.copilotgateway.limits.KeyLimiter;
import dev.copilotgateway.security.Caller;
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
 * The admitted request's place is released by {@link KeyLimitRelease} when the request ends.
 */
@PublicApi
@Priority(Priorities.AUTHORIZATION)
public final class KeyLimitAdmission implements ContainerRequestFilter {

    private final KeyLimiter limiter;
    private final GatewayMeters meters;

    @Inject
    public KeyLimitAdmission(KeyLimiter limiter, GatewayMetrics metrics) {
        this.limiter = limiter;
        this.meters = metrics.meters();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Caller> caller = Caller.of(request);
        if (caller.isEmpty() || !HttpMethod.POST.equals(request.getMethod())) {
            return;
        }
        Optional<ApiDialect> dialect = OverloadShedding.dialectOf("/" + request.getUriInfo().getPath());
        if (dialect.isEmpty()) {
            return;
        }
        KeyLimiter.Permit permit;
        try {
            permit = limiter.admit(caller.get());
        } catch (KeyLimitExceededException limited) {
            meters.limitRefused(limitName(limited.limit()));
            request.abortWith(PlanRunner.response(dialect.get().failure(limited)));
            return;
        }
        if (request.getProperty(KeyLimitRelease.RELEASED_HERE) == null) {
            permit.release(); // not behind the servlet filter (an in-memory test): open requests cannot be followed
        } else {
            request.setProperty(KeyLimitRelease.PERMIT, permit);
        }
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
