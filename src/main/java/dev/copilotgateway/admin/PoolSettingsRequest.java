package dev.copilotgateway.admin;

import dev.copilotgateway.config.HumanDuration;
import dev.copilotgateway.pool.PoolSettings;
import dev.copilotgateway.pool.PoolStrategy;
import dev.copilotgateway.protocol.InvalidRequestException;
import java.time.Duration;
import java.util.List;

/**
 * The body of {@code PUT /admin/api/pool}: {@code strategy}, {@code stickinessTtl} (e.g. {@code 1h}; {@code 0s}
 * turns stickiness off) and {@code maxAttempts}. A field left out keeps its current value.
 */
final class PoolSettingsRequest {

    private static final List<String> FIELDS = List.of("strategy", "stickinessTtl", "maxAttempts");

    private PoolSettingsRequest() {
    }

    static PoolSettings parse(String body, PoolSettings current) {
        JsonBody json = JsonBody.parse(body, FIELDS, "{\"strategy\":\"round-robin\",\"stickinessTtl\":\"1h\",\"maxAttempts\":3}");
        PoolStrategy strategy = current.strategy();
        String strategyName = json.string("strategy");
        if (strategyName != null) {
            strategy = PoolStrategy.fromWireName(strategyName).orElseThrow(() -> new InvalidRequestException("strategy",
                    "Unknown strategy '" + strategyName + "'; the strategies are " + PoolStrategy.wireNames()));
        }
        Duration stickiness = current.stickinessTtl();
        String ttl = json.string("stickinessTtl");
        if (ttl != null) {
            try {
                stickiness = HumanDuration.parse(ttl);
            } catch (IllegalArgumentException invalid) {
                throw new InvalidRequestException("stickinessTtl", "stickinessTtl " + invalid.getMessage());
            }
            if (stickiness.compareTo(PoolSettings.MAX_STICKINESS) > 0) {
                throw new InvalidRequestException("stickinessTtl", "stickinessTtl must be at most "
                        + HumanDuration.format(PoolSettings.MAX_STICKINESS) + " (0s turns stickiness off)");
            }
        }
        Integer attempts = json.integer("maxAttempts", 1, PoolSettings.MAX_ATTEMPTS_LIMIT);
        return new PoolSettings(strategy, stickiness, attempts != null ? attempts : current.maxAttempts());
    }
}
