package dev.copilotgateway.pool;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the pool orders the accounts that can serve a request (the first is tried first, the next on failure). */
public enum PoolStrategy {
    /** Each request starts one account further along the list: load spreads evenly. */
    ROUND_ROBIN,
    /** Lowest priority number first; the next only when it fails. */
    PRIORITY,
    /** At random, in proportion to each account's weight. */
    WEIGHTED,
    /** The account with the fewest requests in flight on this node first. */
    LEAST_IN_FLIGHT,
    /** Round-robin, skipping accounts whose premium quota is used up when the model costs premium requests. */
    QUOTA_AWARE;

    /** The name clients use: {@code round-robin}, {@code least-in-flight} ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<PoolStrategy> fromWireName(String name) {
        return Arrays.stream(values()).filter(strategy -> strategy.wireName().equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(PoolStrategy::wireName).collect(Collectors.joining(", "));
    }
}
