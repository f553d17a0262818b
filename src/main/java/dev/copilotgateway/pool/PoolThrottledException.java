package dev.copilotgateway.pool;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every account that could serve the request is cooling down after GitHub throttled it (or, for a premium model
 * under the quota-aware strategy, has no premium requests left). Answered with 429 and, when known, a
 * {@code Retry-After} of the soonest cooldown's end, in the caller's protocol.
 */
public final class PoolThrottledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public PoolThrottledException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, at least 1; empty when no time is known. */
    public Optional<Long> retryAfterSeconds() {
        if (retryAfter == null) {
            return Optional.empty();
        }
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Optional.of(Math.max(1, seconds));
    }

    /** {@code Retry-After} for the answer, when a time is known (the same header in every protocol). */
    public Map<String, String> retryAfterHeader() {
        return retryAfterSeconds().map(seconds -> Map.of("Retry-After", Long.toString(seconds))).orElse(Map.of());
    }
}
