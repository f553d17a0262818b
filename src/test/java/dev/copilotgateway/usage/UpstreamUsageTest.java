package dev.copilotgateway.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Copilot's usage in each upstream shape, whole and streamed (UPSTREAM.md §8–§11). */
class UpstreamUsageTest {

    @Test
    void chatCompletionWhole() {
        String body = "{\"id\":\"c1\",\"choices\":[{\"message\":{\"content\":\"the \\\"usage\\\": {} word\"}}],"
                + "\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":80,\"total_tokens\":1280,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1000,\"cache_creation_input_tokens\":5},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":40}},\"copilot_usage\":{\"total_nano_aiu\":1}}";
        assertEquals(new TokenCounts(1200, 80, 1000, 40), UpstreamUsage.inWhole(bytes(body)));
    }

    @Test
    void responsesWhole() {
        String body = "{\"id\":\"resp_1\",\"output\":[],\"usage\":{\"input_tokens\":1000,\"output_tokens\":50,\"total_tokens\":1050,"
                + "\"input_tokens_details\":{\"cached_tokens\":800},\"output_tokens_details\":{\"reasoning_tokens\":20}},\"error\":null}";
        assertEquals(new TokenCounts(1000, 50, 800, 20), UpstreamUsage.inWhole(bytes(body)));
    }

    @Test
    void messagesWholeAddsTheCacheToTheInput() {
        String body = "{\"type\":\"message\",\"content\":[],\"usage\":{\"input_tokens\":40,\"cache_creation_input_tokens\":7,"
                + "\"cache_read_input_tokens\":60,\"output_tokens\":10}}";
        assertEquals(new TokenCounts(107, 10, 60, 0), UpstreamUsage.inWhole(bytes(body)));
    }

    @Test
    void embeddingsWhole() {
        assertEquals(new TokenCounts(2, 0, 0, 0),
                UpstreamUsage.inWhole(bytes("{\"data\":[{\"embedding\":[0.1]}],\"usage\" : {\"prompt_tokens\":2,\"total_tokens\":2}}")));
    }

    @Test
    void noUsageOrANullOneIsNone() {
        assertNull(UpstreamUsage.inWhole(bytes("{\"choices\":[]}")));
        assertNull(UpstreamUsage.inWhole(bytes("{\"usage\":null}")));
        assertNull(UpstreamUsage.inWhole(bytes("{\"text\":\"say \\\"usage\\\": {\\\"prompt_tokens\\\": 9}\"}")),
                "an escaped key inside a string is not a key");
        assertNull(UpstreamUsage.inWhole(bytes("{\"usage\":{\"prompt_tokens\":")), "cut short");
    }

    @Test
    void chatStreamUsageInTheLastChunkAfterNullOnes() {
        TokenCounts seen = UpstreamUsage.inFrames(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}],\"usage\":null}\n\n"), null);
        assertNull(seen);
        seen = UpstreamUsage.inFrames(bytes("data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
                + "\"completion_tokens\":3,\"prompt_tokens_details\":{\"cached_tokens\":4}}}\n\ndata: [DONE]\n\n"), seen);
        assertEquals(new TokenCounts(12, 3, 4, 0), seen);
    }

    @Test
    void messagesStreamMergesMessageStartAndMessageDelta() {
        TokenCounts seen = UpstreamUsage.inFrames(bytes("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\","
                + "\"usage\":{\"input_tokens\":40,\"cache_read_input_tokens\":60,\"output_tokens\":1}}}\n\n"), null);
        seen = UpstreamUsage.inFrames(bytes("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"x\"}}\n\n"), seen);
        seen = UpstreamUsage.inFrames(bytes("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":25}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), seen);
        assertEquals(new TokenCounts(100, 25, 60, 0), seen);
    }

    @Test
    void responsesStreamTakesTheCompletedResponsesUsage() {
        TokenCounts seen = UpstreamUsage.inFrames(bytes("event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"usage\":null}}\n\n"
                + "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}\n\n"), null);
        assertNull(seen);
        seen = UpstreamUsage.inFrames(bytes("event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"status\":\"completed\","
                + "\"usage\":{\"input_tokens\":30,\"output_tokens\":9,\"input_tokens_details\":{\"cached_tokens\":0},"
                + "\"output_tokens_details\":{\"reasoning_tokens\":4}}}}\n\n"), seen);
        assertEquals(new TokenCounts(30, 9, 0, 4), seen);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
