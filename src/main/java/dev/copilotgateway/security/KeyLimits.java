package dev.copilotgateway.security;

/**
 * A client API key's limits; a null field means no such limit. {@code requestsPerMinute} counts the requests to model
 * endpoints in the last 60 seconds, {@code tokensPerDay} the tokens of the requests that ended in the current UTC day,
 * {@code concurrentRequests} the requests open at once.
 */
public record KeyLimits(Integer requestsPerMinute, Long tokensPerDay, Integer concurrentRequests) {

    public static final KeyLimits NONE = new KeyLimits(null, null, null);

    /** The most a limit may be set to; more is as good as none. */
    public static final int MAX_REQUESTS_PER_MINUTE = 1_000_000;
    public static final long MAX_TOKENS_PER_DAY = 1_000_000_000_000L;
    public static final int MAX_CONCURRENT_REQUESTS = 100_000;

    public boolean any() {
        return requestsPerMinute != null || tokensPerDay != null || concurrentRequests != null;
    }
}
