package dev.copilotgateway.translate.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.core.ObjectMappers;
import com.openai.models.responses.ResponseStreamEvent;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** TRANSLATION §10: worked examples of a Chat stream turned into a Responses event stream (UPSTREAM §9.3 shapes). */
class ChatToResponsesStreamTest {

    static final JsonObject REQUEST = (JsonObject) JsonIo.read("{\"model\":\"sonnet\",\"input\":\"hi\",\"stream\":true}");

    static ChatToResponsesStream translator() {
        AtomicInteger next = new AtomicInteger();
        return new ChatToResponsesStream(REQUEST, "claude-sonnet-4.5", () -> String.valueOf(next.getAndIncrement()), 1732240000L);
    }

    /** Feeds Chat chunk bodies ({@code [DONE]} as is) and returns the events, each checked by the OpenAI SDK. */
    static List<SseEvent> run(ChatToResponsesStream translator, boolean endAfter, String... chunks) {
        List<SseEvent> out = new ArrayList<>();
        for (String chunk : chunks) {
            translator.onEvent(SseEvent.data(chunk), out::add);
        }
        if (endAfter) {
            translator.onUpstreamEnd(out::add);
        }
        for (SseEvent event : out) {
            try {
                ObjectMappers.jsonMapper().readValue(event.data(), ResponseStreamEvent.class).validate();
            } catch (Exception invalid) {
                throw new AssertionError("the OpenAI SDK rejects " + event.data(), invalid);
            }
        }
        return out;
    }

    static String chunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"claude-sonnet-4.5\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"finish_reason\":" + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
    }

    static final String USAGE = "{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":4,\"total_tokens\":14,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":6}}}";

    private static List<String> types(List<SseEvent> events) {
        return events.stream().map(SseEvent::event).toList();
    }

    private static JsonObject data(SseEvent event) {
        return (JsonObject) JsonIo.read(event.data());
    }

    private static JsonObject last(List<SseEvent> events) {
        return data(events.get(events.size() - 1)).getJsonObject("response");
    }

    @Test
    void textTurnHasTheWholeLifecycle() {
        ChatToResponsesStream translator = translator();
        List<SseEvent> events = run(translator, false,
                chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"content\":\"Hel\"}", null),
                chunk("{\"content\":\"lo\"}", null),
                chunk("{}", "stop"),
                USAGE,
                "[DONE]");
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed"), types(events));
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, data(events.get(i)).getInt("sequence_number"));
            assertEquals(events.get(i).event(), data(events.get(i)).getString("type"));
        }
        assertEquals(JsonIo.read("""
                {"type": "response.output_item.added", "sequence_number": 2, "output_index": 0,
                 "item": {"id": "msg_1", "type": "message", "status": "in_progress", "role": "assistant", "content": []}}"""), data(events.get(2)));
        assertEquals(JsonIo.read("""
                {"type": "response.output_text.delta", "sequence_number": 4, "item_id": "msg_1", "output_index": 0, "content_index": 0,
                 "delta": "Hel", "logprobs": []}"""), data(events.get(4)));
        assertEquals("Hello", data(events.get(6)).getString("text"));
        JsonObject response = last(events);
        assertEquals("resp_0", response.getString("id"));
        assertEquals("completed", response.getString("status"));
        assertEquals(JsonIo.read("""
                [{"id": "msg_1", "type": "message", "status": "completed", "role": "assistant",
                  "content": [{"type": "output_text", "text": "Hello", "annotations": [], "logprobs": []}]}]"""), response.get("output"));
        assertEquals(JsonIo.read("""
                {"input_tokens": 10, "input_tokens_details": {"cached_tokens": 6}, "output_tokens": 4,
                 "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 14}"""), response.get("usage"));
        assertEquals("in_progress", data(events.get(0)).getJsonObject("response").getString("status"));
        assertEquals(JsonValue.NULL, data(events.get(0)).getJsonObject("response").get("usage"));
        assertTrue(translator.finished());
    }

    /** UPSTREAM §8.3's example: the tool call's arguments come in pieces; usage rides on the finish chunk. */
    @Test
    void toolCallTurn() {
        List<SseEvent> events = run(translator(), false,
                chunk("{\"role\":\"assistant\",\"content\":\"Let me check.\"}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_01A\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}", null),
                chunk("{}", "tool_calls").replace("}]}", "}],\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":80,\"total_tokens\":1280}}"));
        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed"), types(events));
        assertEquals(JsonIo.read("""
                {"type": "response.output_item.added", "sequence_number": 8, "output_index": 1,
                 "item": {"id": "fc_2", "type": "function_call", "status": "in_progress", "arguments": "", "call_id": "toolu_01A", "name": "get_weather"}}"""),
                data(events.get(8)));
        assertEquals(JsonIo.read("""
                {"type": "response.function_call_arguments.done", "sequence_number": 11, "item_id": "fc_2", "output_index": 1,
                 "arguments": "{\\"city\\":\\"Paris\\"}", "name": "get_weather"}"""), data(events.get(11)));
        JsonObject response = last(events);
        assertEquals("Let me check.", response.getString("output_text"));
        assertEquals(JsonIo.read("""
                {"id": "fc_2", "type": "function_call", "status": "completed", "arguments": "{\\"city\\":\\"Paris\\"}",
                 "call_id": "toolu_01A", "name": "get_weather"}"""), response.getJsonArray("output").get(1));
        assertEquals(1280, response.getJsonObject("usage").getInt("total_tokens"));
    }

    /** A namespace's function comes back under its own name with its namespace; a custom tool's call as custom_tool_call. */
    @Test
    void namespacedAndCustomToolCallsComeBackAsTheClientOfferedThem() {
        JsonObject codex = (JsonObject) JsonIo.read("""
                {"model": "sonnet", "input": "hi", "stream": true, "tools": [
                  {"type": "namespace", "name": "multi_agent_v1", "tools": [{"type": "function", "name": "close_agent"}]},
                  {"type": "custom", "name": "js_repl"}]}""");
        AtomicInteger next = new AtomicInteger();
        ChatToResponsesStream translator = new ChatToResponsesStream(codex, "claude-sonnet-4.5", () -> String.valueOf(next.getAndIncrement()), 1L);
        // Not checked by the OpenAI SDK: the version the tests pin does not know namespace tools, which the response echoes.
        List<SseEvent> events = new ArrayList<>();
        for (String chunk : List.of(
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"multi_agent_v1__close_agent\",\"arguments\":\"{}\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"c2\",\"type\":\"function\",\"function\":{\"name\":\"js_repl\",\"arguments\":\"{\\\"input\\\":\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"1+1\\\"}\"}}]}", null),
                chunk("{}", "tool_calls"), "[DONE]")) {
            translator.onEvent(SseEvent.data(chunk), events::add);
        }
        List<String> types = types(events);
        assertTrue(types.contains("response.custom_tool_call_input.done"), types.toString());
        JsonObject response = last(events);
        JsonObject namespaced = response.getJsonArray("output").getJsonObject(0);
        assertEquals("function_call", namespaced.getString("type"));
        assertEquals("close_agent", namespaced.getString("name"));
        assertEquals("multi_agent_v1", namespaced.getString("namespace"));
        JsonObject custom = response.getJsonArray("output").getJsonObject(1);
        assertEquals("custom_tool_call", custom.getString("type"));
        assertEquals("js_repl", custom.getString("name"));
        assertEquals("1+1", custom.getString("input"));
        assertEquals("c2", custom.getString("call_id"));
    }

    /** UPSTREAM §8.3: Claude's thinking as reasoning_text chunks, then the signature on a chunk with empty content. */
    @Test
    void reasoningTurnStreamsASummaryAndKeepsTheSignature() {
        List<SseEvent> events = run(translator(), false,
                chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"reasoning_text\":\"Let me \"}", null),
                chunk("{\"reasoning_text\":\"think\"}", null),
                chunk("{\"content\":\"\",\"reasoning_opaque\":\"EqoB\"}", null),
                chunk("{\"content\":\"Hi\"}", null),
                chunk("{}", "stop"),
                "[DONE]");
        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"), types(events));
        assertEquals(JsonIo.read("""
                {"type": "response.reasoning_summary_text.delta", "sequence_number": 4, "item_id": "rs_1", "output_index": 0,
                 "summary_index": 0, "delta": "Let me "}"""), data(events.get(4)));
        assertEquals(JsonIo.read("""
                {"id": "rs_1", "type": "reasoning", "summary": [{"type": "summary_text", "text": "Let me think"}], "encrypted_content": "EqoB"}"""),
                data(events.get(8)).get("item"));
        JsonObject response = last(events);
        assertEquals(2, response.getJsonArray("output").size());
        assertEquals(JsonValue.NULL, response.get("usage"), "no usage from the upstream, none invented");
    }

    @Test
    void lengthCutIsIncomplete() {
        List<SseEvent> events = run(translator(), false,
                chunk("{\"role\":\"assistant\",\"content\":\"Once upon\"}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\"}}]}", null),
                chunk("{}", "length"),
                USAGE);
        JsonObject terminal = data(events.get(events.size() - 1));
        assertEquals("response.incomplete", terminal.getString("type"));
        JsonObject response = terminal.getJsonObject("response");
        assertEquals("incomplete", response.getString("status"));
        assertEquals(JsonIo.read("{\"reason\":\"max_output_tokens\"}"), response.get("incomplete_details"));
        assertEquals("completed", response.getJsonArray("output").getJsonObject(0).getString("status"), "the text was closed by the call");
        assertEquals("incomplete", response.getJsonArray("output").getJsonObject(1).getString("status"), "the cut call");
        assertEquals("{\"a", response.getJsonArray("output").getJsonObject(1).getString("arguments"));
    }

    @Test
    void upstreamErrorChunkFailsTheResponseAfterClosingWhatWasOpen() {
        ChatToResponsesStream translator = translator();
        List<SseEvent> events = run(translator, false,
                chunk("{\"role\":\"assistant\",\"content\":\"Par\"}", null),
                "{\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\"}}",
                chunk("{\"content\":\"ignored\"}", null));
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.failed"), types(events));
        JsonObject response = last(events);
        assertEquals("failed", response.getString("status"));
        assertEquals(JsonIo.read("{\"code\":\"server_error\",\"message\":\"upstream overloaded\"}"), response.get("error"));
        assertEquals("incomplete", response.getJsonArray("output").getJsonObject(0).getString("status"));
        assertTrue(translator.finished());
    }

    @Test
    void cutStreamsFailButALostUsageAfterTheFinishDoesNot() {
        List<SseEvent> cut = run(translator(), true, chunk("{\"role\":\"assistant\",\"content\":\"Hi\"}", null));
        assertEquals("response.failed", cut.get(cut.size() - 1).event());
        assertEquals(ChatToResponsesStream.ENDED_EARLY, last(cut).getJsonObject("error").getString("message"));

        List<SseEvent> finished = run(translator(), true, chunk("{\"role\":\"assistant\",\"content\":\"Hi\"}", null), chunk("{}", "stop"));
        assertEquals("response.completed", finished.get(finished.size() - 1).event());

        ChatToResponsesStream timedOut = translator();
        List<SseEvent> out = new ArrayList<>();
        timedOut.onUpstreamFailure("timeout_error", "The upstream went quiet.", out::add);
        assertEquals(List.of("response.created", "response.in_progress", "response.failed"), types(out));
        assertEquals("The upstream went quiet.", last(out).getJsonObject("error").getString("message"));

        List<SseEvent> empty = run(translator(), false, "[DONE]");
        assertEquals("response.failed", empty.get(empty.size() - 1).event());
    }

    /** UPSTREAM §8.3: id and name in different chunks, arguments before both; a call without arguments gets "{}". */
    @Test
    void toolCallIdentityMayArriveLateAndEmptyArgumentsBecomeAnEmptyObject() {
        List<SseEvent> events = run(translator(), false,
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"x\\\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":{\"arguments\":\":1}\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"name\":\"g\"}}]}", null),
                chunk("{}", "tool_calls"),
                "[DONE]");
        JsonObject response = last(events);
        assertEquals(JsonIo.read("""
                [{"id": "fc_1", "type": "function_call", "status": "completed", "arguments": "{\\"x\\":1}", "call_id": "c1", "name": "f"},
                 {"id": "fc_3", "type": "function_call", "status": "completed", "arguments": "{}", "call_id": "call_2", "name": "g"}]"""),
                response.get("output"));
    }
}
