package dev.copilotgateway.admin;

import dev.copilotgateway.pool.PoolSettings;
import dev.copilotgateway.pool.PoolSettingsChange;
import java.util.List;

/**
 * The body of {@code PUT /admin/api/pool}: {@code strategy}, {@code stickinessTtl} (e.g. {@code 1h}; {@code 0s}
 * turns stickiness off) and {@code maxAttempts}. A field left out keeps its current value.
 */
final class PoolSettingsRequest {

    private static final List<String> FIELDS = List.of("strategy", "stickinessTtl", "maxAttempts");

    private PoolSettingsRequest() {
    }

    static PoolSettingsChange parse(String body) {
        JsonBody json = JsonBody.parse(body, FIELDS, "{\"strategy\":\"round-robin\",\"stickinessTtl\":\"1h\",\"maxAttempts\":3}");
        return new PoolSettingsChange(json.string("strategy"), json.string("stickinessTtl"),
                json.integer("maxAttempts", 1, PoolSettings.MAX_ATTEMPTS_LIMIT));
    }
}
