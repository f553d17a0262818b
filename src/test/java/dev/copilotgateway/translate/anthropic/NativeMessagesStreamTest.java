package dev.copilotgateway.translate.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §6.2: the native stream forwarded, with the end always reported. */
class NativeMessagesStreamTest {

    private static final List<SseEvent> STREAM = List.of(
            SseEvent.named("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}"),
            SseEvent.named("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}"),
            SseEvent.named("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}"),
            SseEvent.named("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqoB\"}}"),
            SseEvent.named("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
            SseEvent.named("ping", "{\"type\":\"ping\"}"),
            SseEvent.named("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"thinking_delta is a word\"}}"),
            SseEvent.named("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}"),
            SseEvent.named("message_stop", "{\"type\":\"message_stop\"}"));

    private static List<SseEvent> run(NativeMessagesStream stream, List<SseEvent> events) {
        List<SseEvent> out = new ArrayList<>();
        events.forEach(event -> stream.onEvent(event, out::add));
        stream.onUpstreamEnd(out::add);
        return out;
    }

    @Test
    void eventsPassUnchangedAndACompleteStreamGetsNothingMore() {
        NativeMessagesStream stream = new NativeMessagesStream(false);
        assertEquals(STREAM, run(stream, STREAM));
        assertTrue(stream.finished());
    }

    @Test
    void omittedThinkingDropsTheThinkingDeltasButKeepsTheSignature() {
        List<SseEvent> out = run(new NativeMessagesStream(true), STREAM);
        List<SseEvent> expected = new ArrayList<>(STREAM);
        expected.remove(2);
        assertEquals(expected, out);
    }

    @Test
    void aStreamEndingEarlyGetsAnErrorEvent() {
        NativeMessagesStream stream = new NativeMessagesStream(false);
        List<SseEvent> out = run(stream, STREAM.subList(0, 5));
        assertEquals(SseEvent.named("error", "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
                + "\"An unexpected error occurred during streaming, retry your request.\"}}"), out.get(out.size() - 1));
        assertEquals(6, out.size());
    }

    @Test
    void anUpstreamErrorEventEndsTheStream() {
        NativeMessagesStream stream = new NativeMessagesStream(false);
        SseEvent error = SseEvent.named("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        List<SseEvent> out = run(stream, List.of(STREAM.get(0), error, STREAM.get(5)));
        assertEquals(List.of(STREAM.get(0), error), out);
    }

    @Test
    void failuresAreReportedOnceWithTheirType() {
        NativeMessagesStream stream = new NativeMessagesStream(false);
        List<SseEvent> out = new ArrayList<>();
        stream.onEvent(STREAM.get(0), out::add);
        assertFalse(stream.finished());
        stream.onUpstreamFailure("timeout_error", "The Copilot API sent nothing for 300 s", out::add);
        stream.onUpstreamFailure("api_error", "again", out::add);
        stream.onEvent(STREAM.get(8), out::add);
        assertEquals(List.of(STREAM.get(0), SseEvent.named("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"timeout_error\",\"message\":\"The Copilot API sent nothing for 300 s\"}}")), out);
    }
}
