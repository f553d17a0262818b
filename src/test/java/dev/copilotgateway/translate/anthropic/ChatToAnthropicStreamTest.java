package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatToAnthropicStreamTest {

    private final List<SseEvent> events = new ArrayList<>();
    private ChatToAnthropicStream stream = new ChatToAnthropicStream("gpt-4.1", List.of(), () -> "msg_generated");

    /** Feeds chunks given as their {@code choices[0]} (or, starting with '{"choices"' / '{"error"', as whole chunks). */
    private void feed(String... chunks) {
        for (String chunk : chunks) {
            String json = chunk.equals("[DONE]") || chunk.startsWith("{\"choices\"") || chunk.startsWith("{\"error\"") || chunk.startsWith("{\"id\"")
                    ? chunk : "{\"id\":\"cmpl-1\",\"model\":\"gpt-4.1\",\"choices\":[" + chunk + "]}";
            stream.onEvent(SseEvent.data(json), events::add);
        }
    }

    private List<String> data() {
        return events.stream().map(SseEvent::data).toList();
    }

    /** The data of the events after message_start, in order. */
    private List<JsonObject> afterStart() {
        ChatToAnthropicStreamPropertyTest.Grammar.check(events);
        return events.subList(1, events.size()).stream().map(event -> object(event.data())).toList();
    }

    private static String wire(List<SseEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        events.forEach(event -> bytes.writeBytes(event.toBytes()));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** §5.3, byte for byte. */
    @Test
    void workedExampleTextOnly() {
        feed("{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}",
                "{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}",
                "{\"index\":0,\"delta\":{\"content\":\" there\"},\"finish_reason\":null}",
                "{\"id\":\"cmpl-1\",\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}",
                "[DONE]");
        assertEquals("""
                event: message_start
                data: {"type":"message_start","message":{"id":"cmpl-1","type":"message","role":"assistant","content":[],"model":"gpt-4.1","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":9,"output_tokens":2}}

                event: message_stop
                data: {"type":"message_stop"}

                """, wire(events));
        assertTrue(stream.finished());
    }

    /** §5.4 (data only), verbatim. */
    @Test
    void workedExampleThinkingTextAndToolCall() {
        feed("{\"index\":0,\"delta\":{\"reasoning_text\":\"Let me think\"}}",
                "{\"index\":0,\"delta\":{\"content\":\"\",\"reasoning_opaque\":\"SIG\"}}",
                "{\"index\":0,\"delta\":{\"content\":\"Checking.\"}}",
                "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}",
                "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}}",
                "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}}",
                "{\"id\":\"cmpl-1\",\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}],"
                        + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":30,\"prompt_tokens_details\":{\"cached_tokens\":60}}}");
        assertEquals(List.of(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"cmpl-1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"gpt-4.1\","
                        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me think\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"SIG\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking.\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"get_weather\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\"}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":2}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                        + "\"usage\":{\"input_tokens\":40,\"output_tokens\":30,\"cache_read_input_tokens\":60}}",
                "{\"type\":\"message_stop\"}"), data());
        ChatToAnthropicStreamPropertyTest.Grammar.check(events);
    }

    /** §5.2 step 0 / §5.5: usage in a later chunk with empty choices, after a metadata-only chunk. */
    @Test
    void usageInATrailingChunkIsWaitedFor() {
        feed("{\"index\":0,\"delta\":{\"content\":\"Hi\"}}", "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}");
        assertFalse(stream.finished());
        assertEquals("content_block_stop", events.get(events.size() - 1).event());
        feed("{\"choices\":[],\"copilot_usage\":{\"total_nano_aiu\":5}}");
        assertFalse(stream.finished(), "a metadata chunk is not the usage");
        feed("{\"choices\":[],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":1,\"prompt_tokens_details\":{\"cached_tokens\":20}}}");
        assertTrue(stream.finished(), "the message ends as soon as the usage is known, not at [DONE]");
        feed("[DONE]");
        List<JsonObject> after = afterStart();
        assertEquals(object("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                + "\"usage\":{\"input_tokens\":30,\"output_tokens\":1,\"cache_read_input_tokens\":20}}"), after.get(after.size() - 2));
    }

    @Test
    void doneOrTheEndOfTheBodyFlushesTheMessageWithTheUsageKnownSoFar() {
        feed("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}",
                "{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}");
        stream.onUpstreamEnd(events::add);
        List<JsonObject> after = afterStart();
        assertEquals(object("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},"
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}"), after.get(after.size() - 2));
        assertEquals(object("{\"input_tokens\":5,\"output_tokens\":0}"), object(events.get(0).data()).getJsonObject("message").get("usage"),
                "usage on the first chunk goes into message_start");
    }

    @Test
    void aSignatureOnTheFinishChunkClosesTheThinking() {
        feed("{\"index\":0,\"delta\":{\"reasoning_text\":\"hmm\"}}",
                "{\"index\":0,\"delta\":{\"content\":\"\",\"reasoning_opaque\":\"SIG\"},\"finish_reason\":\"stop\"}", "[DONE]");
        List<JsonObject> after = afterStart();
        assertEquals(object("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"SIG\"}}"), after.get(2));
        assertEquals("message_delta", after.get(4).getString("type"));
    }

    /** UPSTREAM §8.3: the signature sometimes rides on the first tool-call chunk; it still signs the open thinking. */
    @Test
    void aSignatureOnTheFirstToolCallChunkSignsTheOpenThinking() {
        feed("{\"index\":0,\"delta\":{\"reasoning_text\":\"plan\"}}",
                "{\"index\":0,\"delta\":{\"reasoning_opaque\":\"SIG\",\"tool_calls\":[{\"index\":0,\"id\":\"t1\",\"function\":{\"name\":\"ls\",\"arguments\":\"{}\"}}]}}",
                "{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}", "[DONE]");
        List<JsonObject> after = afterStart();
        assertEquals("signature_delta", after.get(2).getJsonObject("delta").getString("type"));
        assertEquals("SIG", after.get(2).getJsonObject("delta").getString("signature"));
        assertEquals("tool_use", after.get(4).getJsonObject("content_block").getString("type"));
        assertEquals(1, after.get(4).getInt("index"));
    }

    /** §5.2 step 4: opaque reasoning of a GPT/Gemini model before tool calls becomes a complete thinking block. */
    @Test
    void opaqueReasoningWithoutThinkingBecomesASyntheticBlock() {
        feed("{\"index\":0,\"delta\":{\"content\":\"Let me look.\"}}",
                "{\"index\":0,\"delta\":{\"reasoning_opaque\":\"STATE\",\"tool_calls\":[{\"index\":0,\"id\":\"t1\",\"function\":{\"name\":\"ls\",\"arguments\":\"{}\"}}]}}",
                "{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}", "[DONE]");
        List<String> shape = afterStart().stream().map(ChatToAnthropicStreamTest::shape).toList();
        assertEquals(List.of("content_block_start text 0", "content_block_delta text_delta 0", "content_block_stop 0",
                "content_block_start thinking 1", "content_block_delta thinking_delta 1", "content_block_delta signature_delta 1", "content_block_stop 1",
                "content_block_start tool_use 2", "content_block_delta input_json_delta 2", "content_block_stop 2", "message_delta", "message_stop"), shape);
    }

    private static String shape(JsonObject event) {
        String type = event.getString("type");
        if (event.containsKey("content_block")) {
            return type + " " + event.getJsonObject("content_block").getString("type") + " " + event.getInt("index");
        }
        if (event.containsKey("delta") && event.containsKey("index")) {
            return type + " " + event.getJsonObject("delta").getString("type") + " " + event.getInt("index");
        }
        return event.containsKey("index") ? type + " " + event.getInt("index") : type;
    }

    @Test
    void reasoningAfterTextStartedIsShownAsText() {
        feed("{\"index\":0,\"delta\":{\"content\":\"Answer\"}}", "{\"index\":0,\"delta\":{\"reasoning_text\":\" late\"}}",
                "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}", "[DONE]");
        List<JsonObject> after = afterStart();
        assertEquals(" late", after.get(2).getJsonObject("delta").getString("text"));
    }

    @Test
    void textDuringToolCallsFollowsTheToolsAsItsOwnBlock() {
        feed("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"t1\",\"function\":{\"name\":\"ls\",\"arguments\":\"{\\\"p\\\":\"}}]}}",
                "{\"index\":0,\"delta\":{\"content\":\"(listing)\"}}",
                "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"1}\"}}]}}",
                "{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}", "[DONE]");
        List<String> shape = afterStart().stream().map(ChatToAnthropicStreamTest::shape).toList();
        assertEquals(List.of("content_block_start tool_use 0", "content_block_delta input_json_delta 0", "content_block_delta input_json_delta 0",
                "content_block_stop 0", "content_block_start text 1", "content_block_delta text_delta 1", "content_block_stop 1",
                "message_delta", "message_stop"), shape);
    }

    /** UPSTREAM §8.3: id and name in different chunks, arguments before both are known. */
    @Test
    void argumentsWaitUntilTheToolCallIsIdentified() {
        feed("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\"\"}}]}}",
                "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"t1\"}]}}");
        assertEquals(1, events.size(), "only message_start so far");
        feed("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\",\"arguments\":\":1}\"}}]}}",
                "{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}", "[DONE]");
        List<JsonObject> after = afterStart();
        assertEquals(object("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"f\",\"input\":{}}}"),
                after.get(0));
        assertEquals("{\"a\"", after.get(1).getJsonObject("delta").getString("partial_json"));
        assertEquals(":1}", after.get(2).getJsonObject("delta").getString("partial_json"));
    }

    @Test
    void callsAnnouncedTogetherThenStreamedOneAfterTheOtherGiveValidBlocks() {
        feed("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\"}},{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"g\"}}]}}",
                "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}}",
                "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"x\\\":2}\"}}]}}",
                "{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}", "[DONE]");
        List<String> shape = afterStart().stream().map(ChatToAnthropicStreamTest::shape).toList();
        assertEquals(List.of("content_block_start tool_use 0", "content_block_delta input_json_delta 0", "content_block_stop 0",
                "content_block_start tool_use 1", "content_block_delta input_json_delta 1", "content_block_stop 1", "message_delta", "message_stop"), shape);
    }

    @Test
    void interleavedArgumentsOfParallelCallsEndTheStreamWithAnError() {
        feed("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{\"}}]}}",
                "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"{\"}}]}}",
                "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"}\"}}]}}");
        assertTrue(stream.finished());
        assertEquals("error", events.get(events.size() - 1).event());
        ChatToAnthropicStreamPropertyTest.Grammar.check(events);
    }

    /** §5.6: the body ends before any finish_reason: open blocks are closed, then an error event. */
    @Test
    void anInterruptedStreamEndsWithAnErrorEvent() {
        feed("{\"index\":0,\"delta\":{\"reasoning_text\":\"thinking\"}}");
        stream.onUpstreamEnd(events::add);
        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "error"),
                events.stream().map(SseEvent::event).toList());
        assertEquals(object("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"" + ChatToAnthropicStream.INTERRUPTED + "\"}}"),
                object(events.get(events.size() - 1).data()));
        ChatToAnthropicStreamPropertyTest.Grammar.check(events);
        stream.onUpstreamEnd(events::add);
        feed("{\"index\":0,\"delta\":{\"content\":\"more\"}}");
        assertEquals(6, events.size(), "nothing after the end");
    }

    @Test
    void aFailureMidStreamIsReportedWithItsTypeButAfterTheFinishTheMessageEndsNormally() {
        feed("{\"index\":0,\"delta\":{\"content\":\"Hi\"}}");
        stream.onUpstreamFailure("timeout_error", "No data for 300 s", events::add);
        assertEquals(object("{\"type\":\"error\",\"error\":{\"type\":\"timeout_error\",\"message\":\"No data for 300 s\"}}"),
                object(events.get(events.size() - 1).data()));

        events.clear();
        stream = new ChatToAnthropicStream("gpt-4.1", List.of(), () -> "msg_generated");
        feed("{\"index\":0,\"delta\":{\"content\":\"Hi\"}}", "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}");
        stream.onUpstreamFailure("api_error", "connection reset", events::add);
        assertEquals("message_stop", events.get(events.size() - 1).event());
    }

    @Test
    void anErrorInsideTheStreamBecomesAnAnthropicErrorEvent() {
        feed("{\"index\":0,\"delta\":{\"content\":\"Hi\"}}",
                "{\"error\":{\"message\":\"Sorry, you've exceeded your rate limit.\",\"code\":\"rate_limited\",\"type\":\"error\"}}");
        assertEquals(object("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Sorry, you've exceeded your rate limit.\"}}"),
                object(events.get(events.size() - 1).data()));
        assertEquals("content_block_stop", events.get(events.size() - 2).event());
    }

    @Test
    void anUnreadableFrameOrAnEmptyStreamIsAnError() {
        feed("{\"index\":0,\"delta\":{\"content\":\"Hi\"}}", "not json");
        assertEquals("error", events.get(events.size() - 1).event());

        events.clear();
        stream = new ChatToAnthropicStream("gpt-4.1", List.of(), () -> "msg_generated");
        feed("[DONE]");
        assertEquals(List.of("error"), events.stream().map(SseEvent::event).toList());
    }

    @Test
    void doneWithoutAFinishReasonEndsTheTurnNormally() {
        feed("{\"index\":0,\"delta\":{\"content\":\"Hi\"}}", "[DONE]");
        List<JsonObject> after = afterStart();
        assertEquals("end_turn", after.get(after.size() - 2).getJsonObject("delta").getString("stop_reason"));
    }

    @Test
    void contentFilterIsARefusalAndANamedStopSequenceIsReported() {
        feed("{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"content_filter\"}", "[DONE]");
        assertEquals("refusal", afterStart().get(3).getJsonObject("delta").getString("stop_reason"));

        events.clear();
        stream = new ChatToAnthropicStream("gpt-4.1", List.of("END"), () -> "msg_generated");
        feed("{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\",\"stop_reason\":\"END\"}", "[DONE]");
        assertEquals(object("{\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\"}"), afterStart().get(3).get("delta"));
    }

    @Test
    void aChunkWithoutAnIdGetsTheGeneratedMessageIdAndInvalidToolIdsAreSanitised() {
        feed("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call.1\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}]}", "[DONE]");
        assertEquals("msg_generated", object(events.get(0).data()).getJsonObject("message").getString("id"));
        assertEquals(ChatToAnthropicResponse.toolUseId("call.1"), afterStart().get(0).getJsonObject("content_block").getString("id"));
    }
}
