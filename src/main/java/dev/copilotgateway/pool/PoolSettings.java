package dev.copilotgateway.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * The pool's behaviour, shared by every node through the database: the strategy, how long a conversation stays on
 * its account ({@link Duration#ZERO}: no stickiness), how many accounts one request may try, the upstream pacing per
 * account, and whether requests wait for an admin's approval.
 */
public record PoolSettings(PoolStrategy strategy, Duration stickinessTtl, int maxAttempts, UpstreamPacing pacing,
                           ManualApproval approval) {

    public static final int MAX_ATTEMPTS_LIMIT = 10;
    public static final Duration MAX_STICKINESS = Duration.ofDays(7);
    public static final PoolSettings DEFAULT = new PoolSettings(PoolStrategy.ROUND_ROBIN, Duration.ofHours(1), 3);

    public PoolSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(stickinessTtl, "stickinessTtl");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(approval, "approval");
        if (stickinessTtl.isNegative() || stickinessTtl.compareTo(MAX_STICKINESS) > 0) {
            throw new IllegalArgumentException("stickinessTtl out of range: " + stickinessTtl);
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("maxAttempts out of range: " + maxAttempts);
        }
    }

    /** No pacing, no manual approval. */
    public PoolSettings(PoolStrategy strategy, Duration stickinessTtl, int maxAttempts) {
        this(strategy, stickinessTtl, maxAttempts, UpstreamPacing.OFF, ManualApproval.OFF);
    }

    public boolean sticky() {
        return !stickinessTtl.isZero();
    }
}
