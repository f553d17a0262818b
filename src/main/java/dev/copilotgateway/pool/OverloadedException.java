package dev.copilotgateway.pool;

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

    public OverloadedException(String message) {
        super(message);
    }

    public Map<String, String> retryAfterHeader() {
        return Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
}
