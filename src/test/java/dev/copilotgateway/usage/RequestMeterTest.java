package dev.copilotgateway.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** One outcome per request, whatever ends it, with what its stages noted. */
class RequestMeterTest {

    private static final Instant ARRIVED = Instant.parse("2026-12-05T10:00:00Z");

    private final List<RequestOutcome> outcomes = new ArrayList<>();
    private final RequestMeters meters = new RequestMeters(Clock.fixed(ARRIVED, ZoneOffset.UTC), outcomes::add, Runnable::run);

    @Test
    void aStreamEndedTwiceIsToldOnceWithItsStreamedUsage() {
        RequestMeter meter = meters.start(5L, RequestOutcome.INGRESS_MESSAGES, "claude-sonnet-4", true);
        meter.routed("/v1/messages", "claude-sonnet-4.5", 1, bytes("{}"));
        meter.servedBy(2);
        meter.upstreamFrames(bytes("data: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}\n\n"));
        meter.firstByte();
        meter.upstreamFrames(bytes("data: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":4}}\n\n"));
        meter.ended(200);
        meter.ended(200);

        assertEquals(1, outcomes.size());
        RequestOutcome outcome = outcomes.get(0);
        assertEquals(ARRIVED, outcome.time());
        assertEquals(new TokenCounts(9, 4, 0, 0), outcome.tokens());
        assertEquals(2L, outcome.accountId());
        assertEquals(1.0, outcome.premiumRequests());
        assertNotNull(outcome.ttfbMs());
        assertEquals("claude-sonnet-4.5", outcome.upstreamModel());
    }

    @Test
    void aClientGoneBeforeAnyByteIs499AndMidStreamKeepsItsStatus() {
        RequestMeter early = meters.start(null, RequestOutcome.INGRESS_CHAT, "gpt-4.1", true);
        early.failed(RequestMeter.CLIENT_DISCONNECT);
        early.ended(200);
        assertEquals(RequestMeter.CLIENT_CLOSED, outcomes.get(0).status());
        assertNull(outcomes.get(0).ttfbMs());

        RequestMeter midStream = meters.start(null, RequestOutcome.INGRESS_CHAT, "gpt-4.1", true);
        midStream.routed("/chat/completions", "gpt-4.1", 0, bytes("{}"));
        midStream.firstByte();
        midStream.failed(RequestMeter.CLIENT_DISCONNECT);
        midStream.failed(RequestMeter.STREAM_ERROR);
        midStream.ended(200);
        assertEquals(200, outcomes.get(1).status());
        assertEquals(RequestMeter.CLIENT_DISCONNECT, outcomes.get(1).errorType(), "the first cause is kept");
    }

    @Test
    void aStreamWithoutUsageCountsItsInputAndAFullCounterStillTells() {
        RequestMeter meter = meters.start(null, RequestOutcome.INGRESS_GEMINI, "gemini-2.5-pro", true);
        meter.routed("/chat/completions", "gemini-2.5-pro", 0, bytes("{\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}"));
        meter.upstreamFrames(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"Once\"}}]}\n\n"));
        meter.ended(200);
        assertEquals(0, outcomes.get(0).tokens().output());
        assertEquals(true, outcomes.get(0).tokens().input() > 5);

        RequestMeters full = new RequestMeters(Clock.systemUTC(), outcomes::add, task -> {
            throw new RejectedExecutionException("full");
        });
        RequestMeter refused = full.start(null, RequestOutcome.INGRESS_CHAT, "gpt-4.1", false);
        refused.routed("/chat/completions", "gpt-4.1", 0, bytes("{}"));
        refused.wholeAnswer(bytes("{\"choices\":[]}"));
        refused.ended(200);
        assertEquals(TokenCounts.NONE, outcomes.get(1).tokens());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
