package dev.copilotgateway.pool;

import dev.copilotgateway.metrics.GatewayMeters;
import java.util.Map;

/**
 * The request would pass an admission limit ({@code max-concurrent-requests} of the node, or
 * {@code max-concurrent-requests-per-account} of every account that could serve it). Refused at once with 503 and a
 * short {@code Retry-After} in the caller's protocol, never queued: a burst must not take the node down.
 */
public final class OverloadedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Seconds a refused client should wait: streams end and free their places all the time. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private final String limit;

    public OverloadedException(String message) {
        this(message, GatewayMeters.LIMIT_NODE_CONCURRENCY);
    }

    /** @param limit the setting whose limit was reached, as the metrics name it ({@code GatewayMeters.LIMIT_*}) */
    public OverloadedException(String message, String limit) {
        super(message);
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }

    public Map<String, String> retryAfterHeader() {
        return Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
}
