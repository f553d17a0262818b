package dev.copilotgateway.admin;

import dev.copilotgateway.pool.PoolSettings;
import dev.copilotgateway.pool.PoolSettingsChange;
import dev.copilotgateway.pool.UpstreamPacing;
import java.util.List;

/**
 * The body of {@code PUT} (or {@code PATCH}) {@code /admin/api/pool}: {@code strategy}, {@code stickinessTtl} (e.g.
 * {@code 1h}; {@code 0s} turns stickiness off), {@code maxAttempts}, the upstream pacing ({@code pacingInterval},
 * {@code 0s} for none; {@code pacingMode} {@code wait} or {@code refuse}; {@code pacingMaxWait}; {@code pacingMaxQueue})
 * and manual approval ({@code manualApproval} true or false; {@code approvalTimeout}). A field left out keeps its
 * current value.
 */
final class PoolSettingsRequest {

    private static final List<String> FIELDS = List.of("strategy", "stickinessTtl", "maxAttempts", "pacingInterval", "pacingMode",
            "pacingMaxWait", "pacingMaxQueue", "manualApproval", "approvalTimeout");

    private PoolSettingsRequest() {
    }

    static PoolSettingsChange parse(String body) {
        JsonBody json = JsonBody.parse(body, FIELDS, "{\"strategy\":\"round-robin\",\"stickinessTtl\":\"1h\",\"maxAttempts\":3}");
        return new PoolSettingsChange(json.string("strategy"), json.string("stickinessTtl"),
                json.integer("maxAttempts", 1, PoolSettings.MAX_ATTEMPTS_LIMIT), json.string("pacingInterval"), json.string("pacingMode"),
                json.string("pacingMaxWait"), json.integer("pacingMaxQueue", 1, UpstreamPacing.MAX_QUEUE_LIMIT),
                json.bool("manualApproval"), json.string("approvalTimeout"));
    }
}
