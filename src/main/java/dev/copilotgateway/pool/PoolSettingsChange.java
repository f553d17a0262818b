package dev.copilotgateway.pool;

import dev.copilotgateway.config.HumanDuration;
import dev.copilotgateway.protocol.InvalidRequestException;
import java.time.Duration;

/**
 * A change to the pool's settings as the admin API and the console take it: any of the strategy's name, the stickiness
 * ({@code 1h}; {@code 0s} turns it off) and the most accounts one request may try; a value left out (null) keeps its
 * current one. Every bad value is an {@link InvalidRequestException} naming the field.
 */
public record PoolSettingsChange(String strategy, String stickinessTtl, Integer maxAttempts) {

    /** The settings {@code current} becomes with this change. */
    public PoolSettings applyTo(PoolSettings current) {
        PoolStrategy newStrategy = strategy == null ? current.strategy() : PoolStrategy.fromWireName(strategy).orElseThrow(() ->
                new InvalidRequestException("strategy", "Unknown strategy '" + strategy + "'; the strategies are " + PoolStrategy.wireNames()));
        Duration stickiness = stickinessTtl == null ? current.stickinessTtl() : stickiness(stickinessTtl);
        if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > PoolSettings.MAX_ATTEMPTS_LIMIT)) {
            throw new InvalidRequestException("maxAttempts", "maxAttempts must be a whole number from 1 to " + PoolSettings.MAX_ATTEMPTS_LIMIT);
        }
        return new PoolSettings(newStrategy, stickiness, maxAttempts != null ? maxAttempts : current.maxAttempts());
    }

    private static Duration stickiness(String text) {
        Duration stickiness;
        try {
            stickiness = HumanDuration.parse(text);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidRequestException("stickinessTtl", "stickinessTtl " + invalid.getMessage());
        }
        if (stickiness.compareTo(PoolSettings.MAX_STICKINESS) > 0) {
            throw new InvalidRequestException("stickinessTtl", "stickinessTtl must be at most "
                    + HumanDuration.format(PoolSettings.MAX_STICKINESS) + " (0s turns stickiness off)");
        }
        return stickiness;
    }
}
