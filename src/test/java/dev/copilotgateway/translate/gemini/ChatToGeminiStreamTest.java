package dev.copilotgateway.translate.gemini;

import static dev.copilotgateway.translate.gemini.GeminiFixtures.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §11.4: Chat SSE → Gemini stream chunks. */
class ChatToGeminiStreamTest {

    private static List<SseEvent> run(ChatToGeminiStream stream, String... upstream) {
        List<SseEvent> out = new ArrayList<>();
        for (String data : upstream) {
            stream.onEvent(SseEvent.data(data), out::add);
        }
        return out;
    }

    private static String sse(List<SseEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        events.forEach(event -> bytes.writeBytes(event.toBytes()));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** §11.4's worked example, byte for byte on the wire (alt=sse), with the recommended {@code [{"text":""}]} final part. */
    @Test
    void workedExampleOfSection11_4() {
        ChatToGeminiStream stream = new ChatToGeminiStream();
        List<SseEvent> events = run(stream,
                "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"}}]}",
                "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"}}]}",
                "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                "{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}",
                "[DONE]");
        assertEquals("""
                data: {"candidates":[{"index":0,"content":{"role":"model","parts":[{"text":"Hello"}]}}]}

                data: {"candidates":[{"index":0,"content":{"role":"model","parts":[{"text":" world"}]}}]}

                data: {"candidates":[{"index":0,"content":{"role":"model","parts":[{"text":""}]},"finishReason":"STOP"}],\
                "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":2,"totalTokenCount":5}}

                """, sse(events));
        assertTrue(stream.finished());
        List<SseEvent> after = new ArrayList<>();
        stream.onUpstreamEnd(after::add);
        assertEquals(List.of(), after);
    }

    /** Thoughts and text go out live; tool calls only whole, in the final chunk, never as fragments. */
    @Test
    void thinkingTextAndFragmentedToolCalls() {
        ChatToGeminiStream stream = new ChatToGeminiStream();
        List<SseEvent> events = run(stream,
                "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_text\":\"hmm\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Let me check.\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"function\":{\"name\":\"now\",\"arguments\":\"{}\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":\\\"Paris\\\"}\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":4,\"total_tokens\":14}}");
        assertEquals(2, events.size(), "nothing for the fragments");
        stream.onUpstreamEnd(events::add);
        assertEquals(List.of(
                object("{\"candidates\":[{\"index\":0,\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"hmm\",\"thought\":true}]}}]}"),
                object("{\"candidates\":[{\"index\":0,\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Let me check.\"}]}}]}"),
                object("""
                        {"candidates":[{"index":0,"content":{"role":"model","parts":[
                           {"functionCall":{"id":"call_a","name":"get_weather","args":{"city":"Paris"}}},
                           {"functionCall":{"id":"call_b","name":"now","args":{}}}]},"finishReason":"STOP"}],
                         "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":4,"totalTokenCount":14}}""")),
                events.stream().map(event -> object(event.data())).toList());
        assertTrue(events.stream().allMatch(event -> event.event() == null));
    }

    @Test
    void cutBeforeTheFinishEndsWithAnErrorChunk() {
        ChatToGeminiStream stream = new ChatToGeminiStream();
        List<SseEvent> events = run(stream, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}");
        stream.onUpstreamEnd(events::add);
        assertEquals(object("{\"error\":{\"code\":500,\"message\":\"" + ChatToGeminiStream.INTERRUPTED + "\",\"status\":\"INTERNAL\"}}"),
                object(events.get(1).data()));
        assertTrue(stream.finished());
    }

    @Test
    void relayFailuresKeepTheirKind() {
        ChatToGeminiStream stream = new ChatToGeminiStream();
        List<SseEvent> events = new ArrayList<>();
        stream.onUpstreamFailure("timeout_error", "idle for 120 s", events::add);
        assertEquals(object("{\"error\":{\"code\":504,\"message\":\"idle for 120 s\",\"status\":\"DEADLINE_EXCEEDED\"}}"), object(events.get(0).data()));
        stream.onUpstreamFailure("api_error", "again", events::add);
        assertEquals(1, events.size(), "nothing after the end");
    }

    /** After the finish only the usage can be lost: the stream completes normally without it. */
    @Test
    void failureAfterTheFinishCompletesNormally() {
        ChatToGeminiStream stream = new ChatToGeminiStream();
        List<SseEvent> events = run(stream, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"length\"}]}");
        stream.onUpstreamFailure("api_error", "connection reset", events::add);
        assertEquals(object("{\"candidates\":[{\"index\":0,\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"\"}]},\"finishReason\":\"MAX_TOKENS\"}]}"),
                object(events.get(1).data()));
    }

    @Test
    void upstreamErrorChunksAndUnreadableEvents() {
        ChatToGeminiStream limited = new ChatToGeminiStream();
        List<SseEvent> events = run(limited, "{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limited\"}}");
        assertEquals(object("{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\"}}"), object(events.get(0).data()));
        ChatToGeminiStream garbled = new ChatToGeminiStream();
        events = run(garbled, "{not json");
        assertEquals(500, object(events.get(0).data()).getJsonObject("error").getInt("code"));
        assertTrue(garbled.finished());
    }

    @Test
    void doneWithoutAnyChoiceIsAnErrorAndDoneWithoutFinishIsAStop() {
        ChatToGeminiStream empty = new ChatToGeminiStream();
        assertEquals("INTERNAL", object(run(empty, "[DONE]").get(0).data()).getJsonObject("error").getString("status"));
        ChatToGeminiStream open = new ChatToGeminiStream();
        List<SseEvent> events = run(open, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}", "[DONE]");
        assertEquals("STOP", object(events.get(1).data()).getJsonArray("candidates").getJsonObject(0).getString("finishReason"));
    }

    /** The same chunks framed as the default (non-SSE) stream: one JSON array, valid as a whole. */
    @Test
    void jsonArrayFraming() {
        ChatToGeminiStream stream = new ChatToGeminiStream();
        GeminiJsonArrayStream array = new GeminiJsonArrayStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (SseEvent event : run(stream, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"},\"finish_reason\":\"stop\"}]}", "[DONE]")) {
            body.writeBytes(array.element(event));
        }
        body.writeBytes(array.end());
        assertEquals(3, JsonIo.read(body.toByteArray()).asJsonArray().size());
        assertTrue(body.toString(StandardCharsets.UTF_8).startsWith("[{\"candidates\""));
    }
}
