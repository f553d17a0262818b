package dev.copilotgateway.protocol.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventParserTest {

    private static List<SseEvent> parse(String frames) {
        return SseEventParser.parse(frames.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namedAndUnnamedEventsWithOrWithoutTheSpaceAfterTheColon() {
        List<SseEvent> events = parse("event: message_start\ndata: {\"a\":1}\n\ndata:{\"b\":2}\n\ndata: [DONE]\n\n");
        assertEquals(List.of(SseEvent.named("message_start", "{\"a\":1}"), SseEvent.data("{\"b\":2}"), SseEvent.data("[DONE]")), events);
        assertTrue(events.get(2).isDone());
    }

    @Test
    void dataLinesAreJoinedAndCrLfIsAccepted() {
        assertEquals(List.of(SseEvent.data("one\ntwo")), parse("data: one\r\ndata: two\r\n\r\n"));
    }

    @Test
    void commentsOtherFieldsAndFramesWithoutDataAreSkipped() {
        assertEquals(List.of(SseEvent.named("ping", "{}")), parse(": keep-alive\n\nid: 7\nretry: 10\n\nevent: ping\nid: 8\ndata: {}\n\n"));
    }

    @Test
    void multiByteCharactersSurvive() {
        assertEquals(List.of(SseEvent.data("{\"t\":\"héllo 世界 🙂\"}")), parse("data: {\"t\":\"héllo 世界 🙂\"}\n\n"));
    }

    @Test
    void writingAndParsingAgainGivesTheSameEvent() {
        SseEvent event = SseEvent.named("content_block_delta", "{\"x\":\"a\"}\n{\"y\":2}");
        assertEquals(List.of(event), SseEventParser.parse(event.toBytes()));
        assertEquals("event: content_block_delta\ndata: {\"x\":\"a\"}\ndata: {\"y\":2}\n\n", new String(event.toBytes(), StandardCharsets.UTF_8));
    }
}
