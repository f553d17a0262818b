package dev.copilotgateway.translate.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesToChatStreamTest {

    private static final String MESSAGE_START = """
            {"message": {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-opus-4.5", "content": [],
             "usage": {"input_tokens": 100, "output_tokens": 1, "cache_read_input_tokens": 800, "cache_creation_input_tokens": 50}}}""";

    private final MessagesToChatStream translator = new MessagesToChatStream("opus-1m", () -> "chatcmpl-gw", 1732240000L);
    private final List<SseEvent> emitted = new ArrayList<>();

    /** An Anthropic event as Copilot sends it: the name in {@code event:} and in the data's {@code type}. */
    static SseEvent event(String type, String body) {
        JsonObject fields = (JsonObject) JsonIo.read(body);
        return SseEvent.named(type, JsonIo.object().add("type", type).addAll(JsonIo.PROVIDER.createObjectBuilder(fields)).build().toString());
    }

    private void feed(SseEvent... events) {
        for (SseEvent event : events) {
            translator.onEvent(event, emitted::add);
        }
    }

    private static String chunk(String id, String delta, String finishReason) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1732240000,\"model\":\"opus-1m\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + ",\"logprobs\":null}]}";
    }

    private static String chunk(String delta, String finishReason) {
        return chunk("msg_1", delta, finishReason);
    }

    private static String usage(String id, String usage) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1732240000,\"model\":\"opus-1m\",\"choices\":[],\"usage\":" + usage + "}";
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

    /** Every row of the §9.2 table on one stream: thinking, redacted thinking, text, two tool calls, pings, usage. */
    @Test
    void everyRowOfSection9_2() {
        feed(event("message_start", MESSAGE_START),
                event("content_block_start", "{\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}"),
                event("content_block_delta", "{\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Need a file.\"}}"),
                event("content_block_delta", "{\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig-1\"}}"),
                event("content_block_stop", "{\"index\":0}"),
                event("content_block_start", "{\"index\":1,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"ENC\"}}"),
                event("content_block_stop", "{\"index\":1}"),
                event("ping", "{}"),
                event("content_block_start", "{\"index\":2,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                event("content_block_delta", "{\"index\":2,\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me \"}}"),
                event("content_block_delta", "{\"index\":2,\"delta\":{\"type\":\"text_delta\",\"text\":\"check.\"}}"),
                event("content_block_stop", "{\"index\":2}"),
                event("content_block_start", "{\"index\":3,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_a\",\"name\":\"read\",\"input\":{}}}"),
                event("content_block_delta", "{\"index\":3,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}"),
                event("content_block_delta", "{\"index\":3,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"p\\\":\"}}"),
                event("content_block_delta", "{\"index\":3,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"1}\"}}"),
                event("content_block_stop", "{\"index\":3}"),
                event("content_block_start", "{\"index\":4,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_b\",\"name\":\"list\",\"input\":{}}}"),
                event("content_block_delta", "{\"index\":4,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}"),
                event("content_block_stop", "{\"index\":4}"),
                event("message_delta", "{\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}"),
                event("message_stop", "{}"));
        assertEmitted(chunk("{\"role\":\"assistant\"}", "null"),
                chunk("{\"reasoning_text\":\"Need a file.\"}", "null"),
                chunk("{\"reasoning_opaque\":\"sig-1\"}", "null"),
                chunk("{\"reasoning_opaque\":\"ENC\"}", "null"),
                chunk("{\"content\":\"Let me \"}", "null"),
                chunk("{\"content\":\"check.\"}", "null"),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_a\",\"type\":\"function\",\"function\":{\"name\":\"read\",\"arguments\":\"\"}}]}", "null"),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"p\\\":\"}}]}", "null"),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"1}\"}}]}", "null"),
                chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"toolu_b\",\"type\":\"function\",\"function\":{\"name\":\"list\",\"arguments\":\"\"}}]}", "null"),
                chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}", "null"),
                chunk("{}", "\"tool_calls\""),
                usage("msg_1", "{\"prompt_tokens\":950,\"completion_tokens\":20,\"total_tokens\":970,\"prompt_tokens_details\":{\"cached_tokens\":800}}"),
                "[DONE]");
        assertTrue(translator.finished());
        translator.onUpstreamEnd(emitted::add);
        assertEquals(14, emitted.size(), "nothing after the end");
    }

    /** §9.2: stop_reason → finish_reason. */
    @ParameterizedTest
    @CsvSource({"end_turn, stop", "stop_sequence, stop", "pause_turn, stop", "refusal, stop", "max_tokens, length", "tool_use, tool_calls"})
    void finishReasonOfSection9_2(String stopReason, String finishReason) {
        feed(event("message_start", MESSAGE_START),
                event("message_delta", "{\"delta\":{\"stop_reason\":\"" + stopReason + "\"},\"usage\":{\"output_tokens\":3}}"),
                event("message_stop", "{}"));
        assertEquals(JsonIo.read(chunk("{}", "\"" + finishReason + "\"")), JsonIo.read(emitted.get(1).data()));
    }

    @Test
    void nullStopReasonIsStop() {
        feed(event("message_start", MESSAGE_START), event("message_delta", "{\"delta\":{\"stop_reason\":null},\"usage\":{\"output_tokens\":3}}"));
        assertEquals(JsonIo.read(chunk("{}", "\"stop\"")), JsonIo.read(emitted.get(1).data()));
        assertFalse(translator.finished(), "the stream ends at message_stop");
    }

    /** §9.2 `error` row and §16: an upstream error event becomes an OpenAI error frame, and the stream ends. */
    @Test
    void upstreamErrorEventBecomesErrorFrame() {
        feed(event("message_start", MESSAGE_START),
                event("content_block_start", "{\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                event("content_block_delta", "{\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"),
                event("error", "{\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
                event("message_stop", "{}"));
        assertEmitted(chunk("{\"role\":\"assistant\"}", "null"),
                chunk("{\"content\":\"Hi\"}", "null"),
                "{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}");
        assertTrue(translator.finished());
    }

    /** A stream cut before message_stop is never a silent end. */
    @Test
    void cutStreamEndsWithErrorFrame() {
        feed(event("message_start", MESSAGE_START),
                event("message_delta", "{\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":3}}"));
        translator.onUpstreamEnd(emitted::add);
        assertEquals(JsonIo.read("{\"error\":{\"message\":\"" + MessagesToChatStream.ENDED_EARLY + "\",\"type\":\"server_error\"}}"),
                JsonIo.read(emitted.get(emitted.size() - 1).data()));
        assertTrue(translator.finished());
    }

    @Test
    void failureAndUnreadableEventsEndWithErrorFrame() {
        translator.onUpstreamFailure("timeout_error", "No data for 300 s", emitted::add);
        assertEmitted("{\"error\":{\"message\":\"No data for 300 s\",\"type\":\"timeout_error\"}}");
        MessagesToChatStream other = new MessagesToChatStream("opus-1m", () -> "chatcmpl-gw", 1732240000L);
        List<SseEvent> out = new ArrayList<>();
        other.onEvent(SseEvent.named("content_block_delta", "{not json"), out::add);
        assertEquals(JsonIo.read("{\"error\":{\"message\":\"" + MessagesToChatStream.UNREADABLE + "\",\"type\":\"server_error\"}}"),
                JsonIo.read(out.get(0).data()));
        assertTrue(other.finished());
    }

    /** Without message_delta the finish and usage chunks still precede [DONE]; a tool call whose input never streamed gets it whole. */
    @Test
    void messageStopWithoutMessageDeltaAndToolInputWithoutDeltas() {
        feed(event("message_start", "{\"message\":{\"usage\":{\"input_tokens\":7,\"output_tokens\":0}}}"),
                event("content_block_start", "{\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_x\",\"name\":\"now\",\"input\":{}}}"),
                event("content_block_stop", "{\"index\":0}"),
                event("message_stop", "{}"));
        assertEmitted(chunk("chatcmpl-gw", "{\"role\":\"assistant\"}", "null"),
                chunk("chatcmpl-gw", "{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_x\",\"type\":\"function\",\"function\":{\"name\":\"now\",\"arguments\":\"\"}}]}", "null"),
                chunk("chatcmpl-gw", "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}", "null"),
                chunk("chatcmpl-gw", "{}", "\"tool_calls\""),
                usage("chatcmpl-gw", "{\"prompt_tokens\":7,\"completion_tokens\":0,\"total_tokens\":7,\"prompt_tokens_details\":{\"cached_tokens\":0}}"),
                "[DONE]");
    }
}
