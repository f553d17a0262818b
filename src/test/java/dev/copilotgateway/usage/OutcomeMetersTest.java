package dev.copilotgateway.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.metrics.GatewayMeters;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutcomeMetersTest {

    private final GatewayMeters meters = GatewayMeters.detached();
    private final OutcomeMeters listener = new OutcomeMeters(meters, Set.of("gpt-4.1", "claude-sonnet-4")::contains);

    private static RequestOutcome outcome(Long keyId, String model, String upstreamModel, int status, TokenCounts tokens) {
        return new RequestOutcome(Instant.parse("2026-12-05T12:00:00Z"), keyId, 3L, RequestOutcome.INGRESS_MESSAGES, "/v1/messages",
                model, upstreamModel, true, status, tokens, 1.0, 900, 150L, null);
    }

    @Test
    void anOutcomeMovesTheRequestTheLatencyAndTheTokenMeters() {
        listener.ended(outcome(42L, "claude-sonnet-4-20250514", "claude-sonnet-4", 200, new TokenCounts(1000, 200, 800, 50)));

        assertEquals(1.0, meters.registry().get("gateway.requests")
                .tags("ingress", "anthropic-messages", "model", "claude-sonnet-4", "status", "200").counter().count());
        assertEquals(1, meters.registry().get("gateway.request.duration").tags("ingress", "anthropic-messages", "stream", "true").timer().count());
        assertEquals(1000.0, meters.registry().get("gateway.tokens").tags("model", "claude-sonnet-4", "kind", "input").counter().count());
        assertEquals(50.0, meters.registry().get("gateway.tokens").tags("kind", "reasoning").counter().count());
    }

    @Test
    void modelsTheCatalogueDoesNotKnowAreOtherAndNoKeyIsALabel() {
        listener.ended(outcome(42L, "made-up-model-1", null, 404, TokenCounts.NONE));
        listener.ended(outcome(43L, "made-up-model-2", null, 404, TokenCounts.NONE));
        listener.ended(outcome(null, null, null, 401, null));

        assertEquals(2.0, meters.registry().get("gateway.requests").tags("model", "other", "status", "404").counter().count());
        assertEquals(1.0, meters.registry().get("gateway.requests").tags("model", "other", "status", "401").counter().count());
        assertTrue(meters.registry().getMeters().stream().flatMap(meter -> meter.getId().getTags().stream())
                .noneMatch(tag -> tag.getKey().toLowerCase().contains("key")), "no key ids as labels");
        assertTrue(meters.registry().find("gateway.requests").tag("model", "made-up-model-1").counters().isEmpty());
    }
}
