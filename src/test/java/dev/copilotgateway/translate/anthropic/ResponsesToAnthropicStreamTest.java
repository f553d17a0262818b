package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.anthropic.ResponsesFixtures.json;
import static dev.copilotgateway.translate.anthropic.ResponsesFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesToAnthropicStreamTest {

    private static final String CREATED = """
            {"response": {"id": "resp_1", "object": "response", "model": "gpt-5.2-codex", "status": "in_progress", "output": [], "usage": null}}""";
    private static final String MESSAGE_START = """
            {"type": "message_start", "message": {"id": "resp_1", "type": "message", "role": "assistant", "content": [],
             "model": "gpt-5.2-codex", "stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": 0, "output_tokens": 0}}}""";

    private final ResponsesToAnthropicStream translator = new ResponsesToAnthropicStream("fallback-model", () -> "msg_gw_1");
    private final List<SseEvent> emitted = new ArrayList<>();

    /** An upstream event as Copilot sends it: named, with the same {@code type} in its data. */
    private static SseEvent event(String type, String body) {
        return SseEvent.named(type, JsonIo.object().add("type", type).addAll(JsonIo.PROVIDER.createObjectBuilder(json(body))).build().toString());
    }

    private void feed(SseEvent... events) {
        for (SseEvent event : events) {
            translator.onEvent(event, emitted::add);
        }
    }

    private JsonValue emitted() {
        JsonArrayBuilder data = JsonIo.array();
        ResponsesFixtures.data(emitted).forEach(data::add);
        return data.build();
    }

    private static String expected(String... events) {
        return "[" + String.join(",", events) + "]";
    }

    /** A realistic stream (reasoning, then text, then a tool call, as the fake upstream sends it) through every row of §7.3. */
    @Test
    void reasoningTextAndToolCallOfSection7_3() {
        feed(event("response.created", CREATED),
                event("response.in_progress", CREATED),
                event("response.output_item.added", "{\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}}"),
                event("response.reasoning_summary_part.added", "{\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"part\":{\"type\":\"summary_text\",\"text\":\"\"}}"),
                event("response.reasoning_summary_text.delta", "{\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"delta\":\"Need \"}"),
                event("response.reasoning_summary_text.delta", "{\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"delta\":\"the file\"}"),
                event("response.reasoning_summary_text.done", "{\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"text\":\"Need the file\"}"),
                event("response.reasoning_summary_part.done", "{\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"part\":{\"type\":\"summary_text\",\"text\":\"Need the file\"}}"),
                event("response.output_item.done", """
                        {"output_index": 0, "item": {"id": "rs_1", "type": "reasoning",
                         "summary": [{"type": "summary_text", "text": "Need the file"}], "encrypted_content": "gAAAA"}}"""),
                event("response.output_item.added", "{\"output_index\":1,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}"),
                event("response.content_part.added", "{\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\"}}"),
                event("response.output_text.delta", "{\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"delta\":\"Checking\"}"),
                event("response.output_text.delta", "{\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"delta\":\".\"}"),
                event("response.output_text.done", "{\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"text\":\"Checking.\"}"),
                event("response.content_part.done", "{\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"Checking.\"}}"),
                event("response.output_item.done", """
                        {"output_index": 1, "item": {"id": "msg_1", "type": "message", "status": "completed", "role": "assistant",
                         "content": [{"type": "output_text", "text": "Checking.", "annotations": []}]}}"""),
                event("response.output_item.added", """
                        {"output_index": 2, "item": {"id": "fc_1", "type": "function_call", "status": "in_progress",
                         "arguments": "", "call_id": "call_1", "name": "read_file"}}"""),
                event("response.function_call_arguments.delta", "{\"item_id\":\"fc_1\",\"output_index\":2,\"delta\":\"{\\\"path\\\":\"}"),
                event("response.function_call_arguments.delta", "{\"item_id\":\"fc_1\",\"output_index\":2,\"delta\":\"\\\"a.ts\\\"}\"}"),
                event("response.function_call_arguments.done", "{\"item_id\":\"fc_1\",\"output_index\":2,\"arguments\":\"{\\\"path\\\":\\\"a.ts\\\"}\"}"),
                event("response.output_item.done", """
                        {"output_index": 2, "item": {"id": "fc_1", "type": "function_call", "status": "completed",
                         "arguments": "{\\"path\\":\\"a.ts\\"}", "call_id": "call_1", "name": "read_file"}}"""),
                SseEvent.named("ping", "{}"),
                event("response.completed", """
                        {"response": {"id": "resp_1", "object": "response", "model": "gpt-5.2-codex", "status": "completed",
                         "output": [{"type": "function_call", "call_id": "call_1", "name": "read_file", "arguments": "{}"}],
                         "usage": {"input_tokens": 1000, "output_tokens": 50, "total_tokens": 1050,
                                   "input_tokens_details": {"cached_tokens": 800}, "output_tokens_details": {"reasoning_tokens": 20}},
                         "incomplete_details": null, "error": null}}"""));
        assertEquals(value(expected(MESSAGE_START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Need \"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"the file\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"gAAAA@rs_1\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\".\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"read_file\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"path\\\":\"}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"a.ts\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":2}",
                "{\"type\":\"ping\"}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":200,\"output_tokens\":50,\"cache_read_input_tokens\":800}}",
                "{\"type\":\"message_stop\"}")), emitted());
        assertTrue(translator.finished());
        int count = emitted.size();
        translator.onUpstreamEnd(emitted::add);
        feed(SseEvent.named("ping", "{}"));
        assertEquals(count, emitted.size(), "nothing after message_stop");
    }

    @Test
    void incompleteForTheOutputLimitStopsWithMaxTokens() {
        feed(event("response.created", CREATED),
                event("response.output_text.delta", "{\"output_index\":0,\"content_index\":0,\"delta\":\"Long\"}"),
                event("response.incomplete", """
                        {"response": {"id": "resp_1", "status": "incomplete", "incomplete_details": {"reason": "max_output_tokens"},
                         "usage": {"input_tokens": 9, "output_tokens": 4}}}"""));
        assertEquals(value(expected(MESSAGE_START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Long\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":9,\"output_tokens\":4}}",
                "{\"type\":\"message_stop\"}")), emitted());
    }

    @Test
    void withoutThinkingAskedForReasoningIsLeftOutAndTheTextIsTheFirstBlock() {
        ResponsesToAnthropicStream plain = new ResponsesToAnthropicStream("fallback-model", () -> "msg_gw_1", false);
        for (SseEvent event : List.of(event("response.created", CREATED),
                event("response.output_item.added", "{\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}}"),
                event("response.reasoning_summary_text.delta", "{\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"delta\":\"Hmm\"}"),
                event("response.output_item.done", "{\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Hmm\"}],\"encrypted_content\":\"E\"}}"),
                event("response.output_text.delta", "{\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"delta\":\"Hi\"}"),
                event("response.completed", """
                        {"response": {"id": "resp_1", "model": "gpt-5-mini", "status": "completed", "output": [],
                         "usage": {"input_tokens": 10, "output_tokens": 5, "total_tokens": 15}}}"""))) {
            plain.onEvent(event, emitted::add);
        }
        assertEquals(value(expected(MESSAGE_START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}",
                "{\"type\":\"message_stop\"}")), emitted());
    }

    @Test
    void reasoningWithoutSummaryGetsThinkingDotsThenItsSignature() {
        feed(event("response.created", CREATED),
                event("response.output_item.added", "{\"output_index\":0,\"item\":{\"id\":\"rs_9\",\"type\":\"reasoning\",\"summary\":[]}}"),
                event("response.output_item.done", "{\"output_index\":0,\"item\":{\"id\":\"rs_9\",\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"ENC\"}}"));
        assertEquals(value(expected(MESSAGE_START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Thinking...\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"ENC@rs_9\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}")), emitted());
    }

    @Test
    void doneEventsSendWhatNoDeltaCarried() {
        feed(event("response.created", CREATED),
                event("response.reasoning_summary_text.done", "{\"output_index\":0,\"summary_index\":0,\"text\":\"Plan\"}"),
                event("response.reasoning_summary_text.done", "{\"output_index\":0,\"summary_index\":1,\"text\":\"Act\"}"),
                event("response.output_item.done", "{\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Plan\"},{\"type\":\"summary_text\",\"text\":\"Act\"}],\"encrypted_content\":\"E\"}}"),
                event("response.output_text.done", "{\"output_index\":1,\"content_index\":0,\"text\":\"All text\"}"),
                event("response.output_item.added", "{\"output_index\":2,\"item\":{\"type\":\"function_call\",\"call_id\":\"call_7\",\"name\":\"ls\",\"arguments\":\"\"}}"),
                event("response.function_call_arguments.done", "{\"output_index\":2,\"arguments\":\"{}\"}"),
                event("response.output_item.done", "{\"output_index\":2,\"item\":{\"type\":\"function_call\",\"call_id\":\"call_7\",\"name\":\"ls\",\"arguments\":\"{}\"}}"));
        assertEquals(value(expected(MESSAGE_START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Plan\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"\\n\\nAct\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"E@rs_1\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"All text\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_7\",\"name\":\"ls\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":2}")), emitted());
    }

    @Test
    void argumentsForAnUnannouncedCallOpenAPlaceholderToolUse() {
        feed(event("response.created", CREATED),
                event("response.function_call_arguments.delta", "{\"output_index\":3,\"delta\":\"{}\"}"),
                event("response.completed", "{\"response\":{\"status\":\"completed\",\"output\":[]}}"));
        List<JsonObject> data = ResponsesFixtures.data(emitted);
        assertEquals(json("{\"type\":\"tool_use\",\"id\":\"tool_call_3\",\"name\":\"function\",\"input\":{}}"), data.get(1).get("content_block"));
        assertEquals("tool_use", data.get(4).getJsonObject("delta").getString("stop_reason"), "a streamed call means tool_use");
    }

    @Test
    void failedResponseClosesTheBlockAndSendsItsError() {
        feed(event("response.created", CREATED),
                event("response.output_text.delta", "{\"output_index\":0,\"content_index\":0,\"delta\":\"Par\"}"),
                event("response.failed", "{\"response\":{\"id\":\"resp_1\",\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"Upstream overloaded\"}}}"),
                event("response.output_text.delta", "{\"output_index\":0,\"content_index\":0,\"delta\":\"tial\"}"));
        assertEquals(value(expected(MESSAGE_START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Par\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Upstream overloaded\"}}")), emitted());
        assertTrue(translator.finished());
    }

    @Test
    void failedResponseWithoutMessageAndErrorEventsGetDefaultOrOwnMessages() {
        feed(event("response.failed", "{\"response\":{\"status\":\"failed\",\"error\":null}}"));
        assertEquals(value(expected("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"The response failed due to an unknown error.\"}}")), emitted());
        ResponsesToAnthropicStream other = new ResponsesToAnthropicStream("m", () -> "id");
        List<SseEvent> out = new ArrayList<>();
        other.onEvent(event("error", "{\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down\",\"param\":null}"), out::add);
        assertEquals(List.of(json("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Slow down\"}}")), ResponsesFixtures.data(out));
    }

    @Test
    void endWithoutTerminalEventIsAnErrorAfterClosingTheThinkingBlockWithASignature() {
        feed(event("response.created", CREATED),
                event("response.reasoning_summary_text.delta", "{\"output_index\":0,\"summary_index\":0,\"delta\":\"Hmm\"}"));
        translator.onUpstreamEnd(emitted::add);
        assertEquals(value(expected(MESSAGE_START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Hmm\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Responses stream ended without completion, retry your request.\"}}")), emitted());
    }

    @Test
    void upstreamFailureIsReportedWithItsKindOnce() {
        feed(event("response.created", CREATED));
        translator.onUpstreamFailure("timeout_error", "No data from upstream for 300 s", emitted::add);
        translator.onUpstreamFailure("api_error", "again", emitted::add);
        translator.onUpstreamEnd(emitted::add);
        assertEquals(value(expected(MESSAGE_START,
                "{\"type\":\"error\",\"error\":{\"type\":\"timeout_error\",\"message\":\"No data from upstream for 300 s\"}}")), emitted());
    }

    @Test
    void runawayLineBreaksInArgumentsAbortTheStream() {
        feed(event("response.created", CREATED),
                event("response.output_item.added", "{\"output_index\":0,\"item\":{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"\"}}"),
                event("response.function_call_arguments.delta", "{\"output_index\":0,\"delta\":\"{\\\"a\\\":\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\"}"),
                event("response.function_call_arguments.delta", "{\"output_index\":0,\"delta\":\"1,\\n\\n  \\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\"}"),
                event("response.function_call_arguments.delta", "{\"output_index\":0,\"delta\":\"  \\t\\r\\n\\n\\n\\n\\n\"}"));
        List<JsonObject> data = ResponsesFixtures.data(emitted);
        assertEquals(3, data.stream().filter(event -> event.getString("type").equals("content_block_delta")).count(),
                "spaces neither count nor interrupt: after the third fragment the run is 19, still allowed");
        assertFalse(translator.finished());
        feed(event("response.function_call_arguments.delta", "{\"output_index\":0,\"delta\":\"\\n\\n\"}"));
        data = ResponsesFixtures.data(emitted);
        assertEquals(json("{\"type\":\"content_block_stop\",\"index\":0}"), data.get(data.size() - 2));
        assertEquals("Received function call arguments delta containing more than 20 consecutive whitespace characters.",
                data.get(data.size() - 1).getJsonObject("error").getString("message"));
        assertTrue(translator.finished());
    }

    @Test
    void unreadableEventIsAnError() {
        feed(event("response.created", CREATED), SseEvent.named("response.output_text.delta", "{not json"));
        List<JsonObject> data = ResponsesFixtures.data(emitted);
        assertEquals("error", data.get(1).getString("type"));
        assertTrue(translator.finished());
    }

    @Test
    void withoutResponseCreatedTheMessageStartUsesTheFallbacksAndEarlyPingsAreDropped() {
        feed(SseEvent.named("ping", "{}"),
                event("response.output_text.delta", "{\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\"}"),
                SseEvent.named("ping", "{}"));
        List<JsonObject> data = ResponsesFixtures.data(emitted);
        assertEquals("message_start", data.get(0).getString("type"));
        assertEquals("msg_gw_1", data.get(0).getJsonObject("message").getString("id"));
        assertEquals("fallback-model", data.get(0).getJsonObject("message").getString("model"));
        assertEquals("ping", data.get(3).getString("type"));
        assertEquals(4, data.size());
    }

    @Test
    void messageStartCarriesUsageTheCreatedEventAlreadyHas() {
        feed(event("response.created", """
                {"response": {"id": "resp_2", "model": "gpt-5-mini", "usage": {"input_tokens": 50, "output_tokens": 0,
                 "input_tokens_details": {"cached_tokens": 20}}}}"""));
        assertEquals(json("{\"input_tokens\":30,\"output_tokens\":0,\"cache_read_input_tokens\":20}"),
                ResponsesFixtures.data(emitted).get(0).getJsonObject("message").get("usage"));
    }
}
