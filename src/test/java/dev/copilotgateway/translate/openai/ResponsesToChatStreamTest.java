package dev.copilotgateway.translate.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesToChatStreamTest {

    private static final String CREATED = """
            {"response": {"id": "resp_1", "created_at": 1732240000, "model": "gpt-5.2-codex", "status": "in_progress", "output": [], "usage": null}}""";

    private final ResponsesToChatStream translator = new ResponsesToChatStream("fallback-model", () -> "chatcmpl-gw", 1700000000L);
    private final List<SseEvent> emitted = new ArrayList<>();

    private static SseEvent event(String type, String body) {
        JsonObject fields = (JsonObject) JsonIo.read(body);
        return SseEvent.named(type, JsonIo.object().add("type", type).addAll(JsonIo.PROVIDER.createObjectBuilder(fields)).build().toString());
    }

    private void feed(SseEvent... events) {
        for (SseEvent event : events) {
            translator.onEvent(event, emitted::add);
        }
    }

    /** A chunk of resp_1 with this delta and finish reason, as §8.3's envelope has it. */
    private static String chunk(String delta, String finishReason) {
        return "{\"id\":\"resp_1\",\"object\":\"chat.completion.chunk\",\"created\":1732240000,\"model\":\"gpt-5.2-codex\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + ",\"logprobs\":null}]}";
    }

    private void assertEmitted(String... data) {
        assertEquals(data.length, emitted.size(), emitted.toString());
        for (int i = 0; i < data.length; i++) {
            assertEquals(null, emitted.get(i).event(), "Chat chunks are unnamed");
            if (data[i].equals("[DONE]")) {
                assertTrue(emitted.get(i).isDone(), "event " + i + ": " + emitted.get(i));
            } else {
                assertEquals(JsonIo.read(data[i]), JsonIo.read(emitted.get(i).data()), "event " + i);
            }
        }
    }

    /** Text, reasoning (not passed on), two tool calls, usage: every row of §8.3. */
    @Test
    void textAndToolCallsOfSection8_3() {
        feed(event("response.created", CREATED),
                event("response.output_item.added", "{\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}}"),
                event("response.reasoning_summary_text.delta", "{\"output_index\":0,\"summary_index\":0,\"delta\":\"Plan\"}"),
                event("response.output_item.done", "{\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"E\"}}"),
                event("response.output_text.delta", "{\"output_index\":1,\"content_index\":0,\"delta\":\"Let me \"}"),
                event("response.output_text.delta", "{\"output_index\":1,\"content_index\":0,\"delta\":\"check.\"}"),
                event("response.output_text.done", "{\"output_index\":1,\"content_index\":0,\"text\":\"Let me check.\"}"),
                SseEvent.named("ping", "{}"),
                event("response.output_item.added", "{\"output_index\":2,\"item\":{\"type\":\"function_call\",\"call_id\":\"call_a\",\"name\":\"read\",\"arguments\":\"\"}}"),
                event("response.function_call_arguments.delta", "{\"output_index\":2,\"delta\":\"{\\\"p\\\":\"}"),
                event("response.function_call_arguments.delta", "{\"output_index\":2,\"delta\":\"1}\"}"),
                event("response.function_call_arguments.done", "{\"output_index\":2,\"arguments\":\"{\\\"p\\\":1}\"}"),
                event("response.output_item.added", "{\"output_index\":3,\"item\":{\"type\":\"function_call\",\"call_id\":\"call_b\",\"name\":\"list\",\"arguments\":\"\"}}"),
                event("response.function_call_arguments.done", "{\"output_index\":3,\"arguments\":\"{}\"}"),
                event("response.completed", """
                        {"response": {"id": "resp_1", "status": "completed", "usage": {"input_tokens": 100, "output_tokens": 20, "total_tokens": 120,
                         "input_tokens_details": {"cached_tokens": 60}}}}"""));
        assertEmitted(chunk("{\"role\":\"assistant\"}", "null"),
                chunk("{\"content\":\"Let me \"}", "null"),
                chunk("{\"content\":\"check.\"}", "null"),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"read\",\"arguments\":\"\"}}]}", "null"),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"p\\\":\"}}]}", "null"),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"1}\"}}]}", "null"),
                chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"list\",\"arguments\":\"\"}}]}", "null"),
                chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}", "null"),
                chunk("{}", "\"tool_calls\""),
                "{\"id\":\"resp_1\",\"object\":\"chat.completion.chunk\",\"created\":1732240000,\"model\":\"gpt-5.2-codex\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,\"total_tokens\":120,\"prompt_tokens_details\":{\"cached_tokens\":60}}}",
                "[DONE]");
        assertTrue(translator.finished());
        translator.onUpstreamEnd(emitted::add);
        assertEquals(11, emitted.size(), "nothing after [DONE]");
    }

    @Test
    void incompleteFinishesWithLengthOrContentFilter() {
        feed(event("response.created", CREATED),
                event("response.refusal.delta", "{\"output_index\":0,\"content_index\":0,\"delta\":\"Sorry\"}"),
                event("response.incomplete", "{\"response\":{\"incomplete_details\":{\"reason\":\"content_filter\"}}}"));
        assertEmitted(chunk("{\"role\":\"assistant\"}", "null"), chunk("{\"content\":\"Sorry\"}", "null"), chunk("{}", "\"content_filter\""), "[DONE]");

        ResponsesToChatStream other = new ResponsesToChatStream("m", () -> "id", 1L);
        List<SseEvent> out = new ArrayList<>();
        other.onEvent(event("response.incomplete", "{\"response\":{\"id\":\"r\",\"model\":\"m\",\"created_at\":5}}"), out::add);
        JsonObject finish = (JsonObject) JsonIo.read(out.get(1).data());
        assertEquals("length", finish.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void failedAndErrorEventsEndWithAnOpenAiErrorFrame() {
        feed(event("response.created", CREATED),
                event("response.output_text.delta", "{\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\"}"),
                event("response.failed", "{\"response\":{\"status\":\"failed\",\"error\":{\"message\":\"Model crashed\"}}}"),
                event("response.output_text.delta", "{\"output_index\":0,\"content_index\":0,\"delta\":\" more\"}"));
        assertEmitted(chunk("{\"role\":\"assistant\"}", "null"), chunk("{\"content\":\"Hi\"}", "null"),
                "{\"error\":{\"message\":\"Model crashed\",\"type\":\"server_error\"}}");

        ResponsesToChatStream other = new ResponsesToChatStream("m", () -> "id", 1L);
        List<SseEvent> out = new ArrayList<>();
        other.onEvent(event("error", "{\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down\"}"), out::add);
        assertEquals(JsonIo.read("{\"error\":{\"message\":\"Slow down\",\"type\":\"server_error\"}}"), JsonIo.read(out.get(0).data()));
        assertTrue(other.finished());
    }

    @Test
    void endWithoutTerminalEventAndTransportFailuresAreErrors() {
        feed(event("response.created", CREATED));
        translator.onUpstreamEnd(emitted::add);
        translator.onUpstreamFailure("api_error", "again", emitted::add);
        assertEmitted(chunk("{\"role\":\"assistant\"}", "null"),
                "{\"error\":{\"message\":\"Responses stream ended without completion, retry your request.\",\"type\":\"server_error\"}}");

        ResponsesToChatStream other = new ResponsesToChatStream("m", () -> "id", 1L);
        List<SseEvent> out = new ArrayList<>();
        other.onUpstreamFailure("timeout_error", "No data for 300 s", out::add);
        assertEquals(JsonIo.read("{\"error\":{\"message\":\"No data for 300 s\",\"type\":\"timeout_error\"}}"), JsonIo.read(out.get(0).data()));
    }

    @Test
    void withoutResponseCreatedTheFallbacksNameTheChunksAndDoneEventsFillIn() {
        feed(event("response.output_item.done", """
                {"output_index": 0, "item": {"type": "message", "content": [{"type": "output_text", "text": "Whole"}]}}"""),
                event("response.output_item.done", """
                {"output_index": 1, "item": {"type": "function_call", "call_id": "call_z", "name": "z", "arguments": "{\\"k\\":2}"}}"""),
                event("response.completed", "{\"response\":{\"status\":\"completed\"}}"));
        String envelope = "{\"id\":\"chatcmpl-gw\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"fallback-model\",\"choices\":[{\"index\":0,\"delta\":";
        assertEmitted(envelope + "{\"role\":\"assistant\"},\"finish_reason\":null,\"logprobs\":null}]}",
                envelope + "{\"content\":\"Whole\"},\"finish_reason\":null,\"logprobs\":null}]}",
                envelope + "{\"tool_calls\":[{\"index\":0,\"id\":\"call_z\",\"type\":\"function\",\"function\":{\"name\":\"z\",\"arguments\":\"\"}}]},\"finish_reason\":null,\"logprobs\":null}]}",
                envelope + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"k\\\":2}\"}}]},\"finish_reason\":null,\"logprobs\":null}]}",
                envelope + "{},\"finish_reason\":\"tool_calls\",\"logprobs\":null}]}",
                "[DONE]");
    }

    @Test
    void unreadableEventIsAnError() {
        feed(event("response.created", CREATED), SseEvent.named("response.output_text.delta", "{oops"));
        assertEquals("server_error", ((JsonObject) JsonIo.read(emitted.get(1).data())).getJsonObject("error").getString("type"));
        assertTrue(translator.finished());
    }
}
