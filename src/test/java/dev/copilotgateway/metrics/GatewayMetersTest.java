package dev.copilotgateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatewayMetersTest {

    @Test
    void anEndedRequestIsCountedAndTimed() {
        GatewayMeters meters = GatewayMeters.detached();

        meters.requestEnded("openai-chat", "gpt-4.1", 200, true, 1500, 120L);
        meters.requestEnded("openai-chat", "gpt-4.1", 200, true, 700, 80L);
        meters.requestEnded("anthropic-messages", "other", 429, false, 3, null);

        assertEquals(2.0, meters.registry().get("gateway.requests").tags("ingress", "openai-chat", "model", "gpt-4.1", "status", "200")
                .counter().count());
        assertEquals(1.0, meters.registry().get("gateway.requests").tags("ingress", "anthropic-messages", "status", "429").counter().count());
        Timer latency = meters.registry().get("gateway.request.duration").tags("ingress", "openai-chat", "stream", "true").timer();
        assertEquals(2, latency.count());
        assertEquals(2200, latency.totalTime(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(200, meters.registry().get("gateway.request.ttfb").tags("ingress", "openai-chat").timer().totalTime(TimeUnit.MILLISECONDS),
                0.001);
        assertTrue(meters.registry().find("gateway.request.ttfb").tags("ingress", "anthropic-messages").timers().isEmpty(),
                "nothing sent: no time to first byte");
    }

    @Test
    void tokensAreCountedByKindAndNothingIsRecordedForZero() {
        GatewayMeters meters = GatewayMeters.detached();

        meters.tokens("gpt-4.1", 100, 20, 64, 0);
        meters.tokens("gpt-4.1", 50, 5, 0, 0);

        assertEquals(150.0, meters.registry().get("gateway.tokens").tags("model", "gpt-4.1", "kind", "input").counter().count());
        assertEquals(25.0, meters.registry().get("gateway.tokens").tags("kind", "output").counter().count());
        assertEquals(64.0, meters.registry().get("gateway.tokens").tags("kind", "cached").counter().count());
        assertTrue(meters.registry().find("gateway.tokens").tags("kind", "reasoning").counters().isEmpty());
    }

    @Test
    void poolEventsAndRefusalsAreCounted() {
        GatewayMeters meters = GatewayMeters.detached();

        meters.failover();
        meters.failover();
        meters.cooldown();
        meters.limitRefused(GatewayMeters.LIMIT_NODE_CONCURRENCY);
        meters.limitRefused("requestsPerMinute");
        meters.tokenExchange(true);
        meters.tokenExchange(false);

        assertEquals(2.0, meters.registry().get("gateway.pool.failovers").counter().count());
        assertEquals(1.0, meters.registry().get("gateway.pool.cooldowns").counter().count());
        assertEquals(1.0, meters.registry().get("gateway.limit.refusals").tag("limit", "max-concurrent-requests").counter().count());
        assertEquals(1.0, meters.registry().get("gateway.limit.refusals").tag("limit", "requestsPerMinute").counter().count());
        assertEquals(1.0, meters.registry().get("gateway.copilot.token.refreshes").tag("result", "success").counter().count());
        assertEquals(1.0, meters.registry().get("gateway.copilot.token.refreshes").tag("result", "failure").counter().count());
    }

    @Test
    void gaugesReadTheGatewaysStateWhenScraped() {
        GatewayMeters meters = GatewayMeters.detached();
        AtomicInteger streams = new AtomicInteger();
        Map<String, Double> accounts = Map.of("active", 2.0, "disabled", 1.0);

        meters.streamsInFlight(streams::get);
        meters.accountStates(List.of("active", "pending", "disabled"), state -> accounts.getOrDefault(state, 0.0));
        streams.set(7);

        assertEquals(7.0, meters.registry().get("gateway.streams.in.flight").gauge().value());
        assertEquals(2.0, meters.registry().get("gateway.accounts").tag("state", "active").gauge().value());
        assertEquals(0.0, meters.registry().get("gateway.accounts").tag("state", "pending").gauge().value());
        assertEquals(1.0, meters.registry().get("gateway.accounts").tag("state", "disabled").gauge().value());
    }

    @Test
    void theScrapeIsPrometheusTextWithTheDocumentedNames() {
        try (GatewayMetrics metrics = new GatewayMetrics()) {
            metrics.meters().requestEnded("gemini", "gemini-2.5-pro", 200, false, 2000, 1900L);
            metrics.meters().limitRefused(GatewayMeters.LIMIT_ACCOUNT_CONCURRENCY);

            String text = metrics.scrape(null);

            assertTrue(text.contains("gateway_requests_total{ingress=\"gemini\",model=\"gemini-2.5-pro\",status=\"200\"} 1.0"), text);
            assertTrue(text.contains("gateway_request_duration_seconds_bucket{ingress=\"gemini\",stream=\"false\",le=\"2.5\"} 1"), text);
            assertTrue(text.contains("gateway_request_duration_seconds_bucket{ingress=\"gemini\",stream=\"false\",le=\"1.0\"} 0"), text);
            assertTrue(text.contains("gateway_request_ttfb_seconds_count{ingress=\"gemini\",stream=\"false\"} 1"), text);
            assertTrue(text.contains("gateway_limit_refusals_total{limit=\"max-concurrent-requests-per-account\"} 1.0"), text);
            assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM memory");
            assertTrue(text.contains("jvm_gc_"), "JVM GC");
            assertTrue(text.contains("jvm_threads_live_threads"), "JVM threads");
            assertTrue(GatewayMetrics.contentType(null).startsWith("text/plain; version=0.0.4"));
        }
    }
}
