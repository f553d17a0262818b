package dev.copilotgateway.limits;

import java.time.Duration;
import java.util.Map;

/**
 * A request would pass one of its key's limits: answered with 429 and {@code Retry-After} in the caller's protocol.
 * The message names the limit and when it frees; it holds no secret (the key by its visible prefix at most).
 */
public final class KeyLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Which limit was reached. */
    public enum Limit { REQUESTS_PER_MINUTE, TOKENS_PER_DAY, CONCURRENT_REQUESTS }

    private final Limit limit;
    private final long retryAfterSeconds;

    public KeyLimitExceededException(Limit limit, String message, Duration retryAfter) {
        super(message);
        this.limit = limit;
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        this.retryAfterSeconds = Math.max(1, seconds);
    }

    public Limit limit() {
        return limit;
    }

    /** Whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Map<String, String> retryAfterHeader() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
