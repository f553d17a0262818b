package dev.copilotgateway.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether each public API request waits for an admin's approval (the peers' {@code --manual}), and how long it may wait
 * before it counts as denied. Kept with the pool settings so that every node switches at the same time, within
 * {@code shared-state-refresh}; the approvals themselves are the {@code approval} package's.
 */
public record ManualApproval(boolean required, Duration timeout) {

    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    public static final ManualApproval OFF = new ManualApproval(false, Duration.ofSeconds(60));

    public ManualApproval {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout out of range: " + timeout);
        }
    }
}
