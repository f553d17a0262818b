package dev.copilotgateway.security;

import java.util.List;

/**
 * A change to a client API key (the admin API's {@code PATCH}): a null field leaves that part alone; a {@link Change}
 * holding null clears it (no owner, no such limit, every model).
 */
public record KeyChanges(String name, Change<String> owner, Change<Integer> requestsPerMinute, Change<Long> tokensPerDay,
                         Change<Integer> concurrentRequests, Change<List<String>> models) {

    /** The new value of a field that may be cleared: {@code value} null clears it. */
    public record Change<T>(T value) {
    }

    public static final KeyChanges NONE = new KeyChanges(null, null, null, null, null, null);
}
