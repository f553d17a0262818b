package dev.copilotgateway.api.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.anthropic.AnthropicStreamProtocol;
import dev.copilotgateway.protocol.openai.OpenAiStreamProtocol;
import dev.copilotgateway.translate.anthropic.NativeMessagesStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A stream that a model mapping sent elsewhere names the client's model; everything else about it is unchanged. */
class ModelRenamingRelayTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void passThroughChatChunksNameTheClientsModelAndKeepTheirFraming() {
        StreamRelay relay = new ModelRenamingRelay(new PassThroughRelay(new OpenAiStreamProtocol()), "team-fast");
        String upstream = ": keep-alive\n\n"
                + "data: {\"id\":\"c1\",\"model\":\"gpt-4.1\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                + "data: {\"id\":\"c1\",\"model\":\"gpt-4.1\",\"choices\":[{\"delta\":{\"content\":\" there\"}}]}\r\n\r\n";
        assertEquals(": keep-alive\n\n"
                + "data: {\"id\":\"c1\",\"model\":\"team-fast\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                + "data: {\"id\":\"c1\",\"model\":\"team-fast\",\"choices\":[{\"delta\":{\"content\":\" there\"}}]}\n\n",
                text(relay.frames(bytes(upstream))));
        assertEquals("data: [DONE]\n\n", text(relay.end(bytes("data: [DONE]\n\n"))));
        assertTrue(relay.finished());
    }

    @Test
    void framesWithoutAModelPassAsTheSameBytes() {
        StreamRelay relay = new ModelRenamingRelay(new PassThroughRelay(new OpenAiStreamProtocol()), "team-fast");
        byte[] frames = bytes("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n");
        assertSame(frames, relay.frames(frames), "not parsed, not copied");
    }

    @Test
    void aStreamCutShortStillEndsWithTheProtocolsErrorEvent() {
        StreamRelay relay = new ModelRenamingRelay(new PassThroughRelay(new AnthropicStreamProtocol()), "house-claude");
        String started = text(relay.frames(bytes("event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
                + "{\"id\":\"msg_1\",\"model\":\"claude-sonnet-4.6\",\"content\":[]}}\n\n")));
        assertEquals("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"house-claude\","
                + "\"content\":[]}}\n\n", started);
        String end = text(relay.end(new byte[0]));
        assertTrue(end.startsWith("event: error\n"), end);
        assertTrue(relay.finished());
    }

    @Test
    void translatedStreamsAreRenamedToo() {
        StreamRelay relay = new ModelRenamingRelay(new TranslatingRelay(new NativeMessagesStream(true)), "house-claude");
        String out = text(relay.frames(bytes("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4.6\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hm\"}}\n\n")));
        assertEquals("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"house-claude\"}}\n\n", out,
                "renamed, and the inner translator still drops the thinking delta");
    }
}
