package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatCompletionsTest extends UpstreamFixture {

    @Test
    void nonStreamEchoesTheLastUserMessage() {
        String body = "{\"model\":\"gpt-4.1\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"first\"},"
                + "{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello \"},{\"type\":\"text\",\"text\":\"world\"}]}]}";

        JsonObject completion = TestClient.json(client.capiPost("/chat/completions", copilotToken(), body));

        assertEquals("chat.completion", completion.getString("object"));
        assertTrue(completion.getString("id").startsWith("chatcmpl-"));
        assertEquals("gpt-4.1", completion.getString("model"));
        JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
        assertEquals("assistant", choice.getJsonObject("message").getString("role"));
        assertEquals("Echo: hello world", choice.getJsonObject("message").getString("content"));
        assertEquals("stop", choice.getString("finish_reason"));
        JsonObject usage = completion.getJsonObject("usage");
        assertEquals(usage.getInt("prompt_tokens") + usage.getInt("completion_tokens"), usage.getInt("total_tokens"));
    }

    @Test
    void streamSplitsTheTextIntoTheConfiguredChunksAndEndsWithDone() {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(5));

        List<ReceivedSseEvent> events = client.capiStream("/chat/completions", copilotToken(),
                TestClient.chatRequest("claude-sonnet-4.6", "streaming works", true));

        assertEquals("[DONE]", events.get(events.size() - 1).data());
        List<JsonObject> chunks = events.subList(0, events.size() - 1).stream().map(ReceivedSseEvent::json).toList();
        String id = chunks.get(0).getString("id");
        for (JsonObject chunk : chunks) {
            assertEquals("chat.completion.chunk", chunk.getString("object"));
            assertEquals(id, chunk.getString("id"));
            assertEquals("claude-sonnet-4.6", chunk.getString("model"));
        }
        assertEquals("assistant", delta(chunks.get(0)).getString("role"));
        List<String> pieces = chunks.stream().skip(1).map(ChatCompletionsTest::delta)
                .filter(delta -> delta.containsKey("content")).map(delta -> delta.getString("content")).toList();
        assertEquals(5, pieces.size());
        assertEquals("Echo: streaming works", String.join("", pieces));
        JsonObject last = chunks.get(chunks.size() - 1);
        assertEquals("stop", last.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
        assertTrue(last.getJsonObject("usage").getInt("completion_tokens") > 0);
        chunks.subList(0, chunks.size() - 1).forEach(chunk ->
                assertEquals(JsonValue.NULL, chunk.getJsonArray("choices").getJsonObject(0).get("finish_reason")));
    }

    @Test
    void streamsParallelToolCallsWithArgumentsInPieces() {
        upstream.setStreamSettings(StreamSettings.defaults().withArgumentChunks(3));
        upstream.enqueueReply(Reply.toolCalls(
                ToolCall.of("get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("call_custom", "get_time", "{\"zone\":\"Europe/Paris\"}")));

        List<ReceivedSseEvent> events = client.capiStream("/chat/completions", copilotToken(),
                TestClient.chatRequest("gpt-4.1", "weather?", true));

        Map<Integer, String> names = new HashMap<>();
        Map<Integer, String> ids = new HashMap<>();
        Map<Integer, StringBuilder> arguments = new HashMap<>();
        Map<Integer, Integer> argumentChunks = new HashMap<>();
        String finishReason = null;
        for (ReceivedSseEvent event : events.subList(0, events.size() - 1)) {
            JsonObject choice = event.json().getJsonArray("choices").getJsonObject(0);
            if (choice.get("finish_reason") != JsonValue.NULL) {
                finishReason = choice.getString("finish_reason");
            }
            if (!choice.getJsonObject("delta").containsKey("tool_calls")) {
                continue;
            }
            JsonObject call = choice.getJsonObject("delta").getJsonArray("tool_calls").getJsonObject(0);
            int index = call.getInt("index");
            if (call.containsKey("id")) {
                ids.put(index, call.getString("id"));
                names.put(index, call.getJsonObject("function").getString("name"));
                assertEquals("", call.getJsonObject("function").getString("arguments"));
            } else {
                arguments.computeIfAbsent(index, i -> new StringBuilder()).append(call.getJsonObject("function").getString("arguments"));
                argumentChunks.merge(index, 1, Integer::sum);
            }
        }
        assertEquals(Map.of(0, "get_weather", 1, "get_time"), names);
        assertTrue(ids.get(0).startsWith("call_"));
        assertEquals("call_custom", ids.get(1));
        assertEquals("{\"city\":\"Paris\"}", arguments.get(0).toString());
        assertEquals("{\"zone\":\"Europe/Paris\"}", arguments.get(1).toString());
        assertEquals(Map.of(0, 3, 1, 3), argumentChunks);
        assertEquals("tool_calls", finishReason);
    }

    @Test
    void nonStreamCarriesReasoningAndToolCalls() {
        upstream.enqueueReply(Reply.text("Let me check.")
                .withReasoning("The user wants weather.", "EqoBCkgIB-signature")
                .withToolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}"))
                .withUsage(new Usage(1200, 80, 1000, 40)));

        JsonObject completion = TestClient.json(client.capiPost("/chat/completions", copilotToken(),
                TestClient.chatRequest("claude-sonnet-4.6", "weather?", false)));

        JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
        JsonObject message = choice.getJsonObject("message");
        assertEquals("Let me check.", message.getString("content"));
        assertEquals("The user wants weather.", message.getString("reasoning_text"));
        assertEquals("EqoBCkgIB-signature", message.getString("reasoning_opaque"));
        JsonObject call = message.getJsonArray("tool_calls").getJsonObject(0);
        assertEquals("function", call.getString("type"));
        assertEquals("get_weather", call.getJsonObject("function").getString("name"));
        assertEquals("{\"city\":\"Paris\"}", call.getJsonObject("function").getString("arguments"));
        assertEquals("tool_calls", choice.getString("finish_reason"));
        JsonObject usage = completion.getJsonObject("usage");
        assertEquals(1280, usage.getInt("total_tokens"));
        assertEquals(1000, usage.getJsonObject("prompt_tokens_details").getInt("cached_tokens"));
        assertEquals(40, usage.getJsonObject("completion_tokens_details").getInt("reasoning_tokens"));
    }

    @Test
    void streamSendsReasoningTextThenTheOpaqueSignatureThenContent() {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(3));
        upstream.enqueueReply(Reply.text("Answer").withReasoning("Thinking hard", "sig-1").withFinishReason(FinishReason.LENGTH));

        List<ReceivedSseEvent> events = client.capiStream("/chat/completions", copilotToken(),
                TestClient.chatRequest("claude-sonnet-4.6", "q", true));

        List<String> order = new ArrayList<>();
        StringBuilder reasoning = new StringBuilder();
        for (ReceivedSseEvent event : events.subList(1, events.size() - 2)) {
            JsonObject delta = delta(event.json());
            if (delta.containsKey("reasoning_text")) {
                reasoning.append(delta.getString("reasoning_text"));
                order.add("reasoning");
            } else if (delta.containsKey("reasoning_opaque")) {
                assertEquals("sig-1", delta.getString("reasoning_opaque"));
                order.add("signature");
            } else {
                order.add("content");
            }
        }
        assertEquals(List.of("reasoning", "reasoning", "reasoning", "signature", "content", "content", "content"), order);
        assertEquals("Thinking hard", reasoning.toString());
        assertEquals("length", events.get(events.size() - 2).json().getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void scriptedRepliesAreUsedInOrderThenTheDefaultAgain() {
        upstream.enqueueReply(Reply.text("one"), Reply.text("two"));
        String token = copilotToken();

        assertEquals("one", content(client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "a", false)).body()));
        assertEquals("two", content(client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "b", false)).body()));
        assertEquals("Echo: c", content(client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "c", false)).body()));

        upstream.setDefaultReply(text -> Reply.text(text.toUpperCase()));
        assertEquals("D", content(client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "d", false)).body()));
    }

    @Test
    void toolOnlyReplyHasNullContent() {
        upstream.enqueueReply(Reply.toolCalls(ToolCall.of("noop", "{}")));

        JsonObject message = TestClient.json(client.capiPost("/chat/completions", copilotToken(),
                TestClient.chatRequest("gpt-4.1", "x", false))).getJsonArray("choices").getJsonObject(0).getJsonObject("message");

        assertEquals(JsonValue.NULL, message.get("content"));
        assertFalse(message.containsKey("reasoning_text"));
    }

    private static JsonObject delta(JsonObject chunk) {
        return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    }

    private static String content(String completion) {
        return Jsons.parseObject(completion).getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
    }
}
