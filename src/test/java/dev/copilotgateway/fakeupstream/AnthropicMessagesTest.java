package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicMessagesTest extends UpstreamFixture {

    @Test
    void nonStreamIsAnAnthropicMessage() {
        JsonObject message = TestClient.json(client.capiPost("/v1/messages", copilotToken(),
                TestClient.messagesRequest("claude-sonnet-4.6", "hello", false)));

        assertTrue(message.getString("id").startsWith("msg_"));
        assertEquals("message", message.getString("type"));
        assertEquals("assistant", message.getString("role"));
        assertEquals("claude-sonnet-4.6", message.getString("model"));
        JsonObject text = message.getJsonArray("content").getJsonObject(0);
        assertEquals("text", text.getString("type"));
        assertEquals("Echo: hello", text.getString("text"));
        assertEquals("end_turn", message.getString("stop_reason"));
        assertEquals(JsonValue.NULL, message.get("stop_sequence"));
        assertTrue(message.getJsonObject("usage").getInt("output_tokens") > 0);
    }

    @Test
    void streamFollowsTheAnthropicEventGrammar() {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(4));

        List<ReceivedSseEvent> events = client.capiStream("/v1/messages", copilotToken(),
                TestClient.messagesRequest("claude-haiku-4.5", "grammar", true));

        List<Block> blocks = assertGrammar(events);
        assertEquals(1, blocks.size());
        assertEquals("text", blocks.get(0).type);
        assertEquals(4, blocks.get(0).deltas);
        assertEquals("Echo: grammar", blocks.get(0).content.toString());
        JsonObject messageDelta = events.get(events.size() - 2).json();
        assertEquals("end_turn", messageDelta.getJsonObject("delta").getString("stop_reason"));
    }

    @Test
    void streamsThinkingTextAndToolUseBlocks() {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(3).withArgumentChunks(4));
        upstream.enqueueReply(Reply.text("Checking.")
                .withReasoning("Need the weather.", "sig-abc")
                .withToolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\",\"unit\":\"C\"}")));

        List<ReceivedSseEvent> events = client.capiStream("/v1/messages", copilotToken(),
                TestClient.messagesRequest("claude-sonnet-4.6", "weather", true));

        List<Block> blocks = assertGrammar(events);
        assertEquals(List.of("thinking", "text", "tool_use"), blocks.stream().map(block -> block.type).toList());
        assertEquals("Need the weather.", blocks.get(0).content.toString());
        assertEquals("sig-abc", blocks.get(0).signature);
        assertEquals("Checking.", blocks.get(1).content.toString());
        Block toolUse = blocks.get(2);
        assertEquals("get_weather", toolUse.start.getString("name"));
        assertTrue(toolUse.start.getString("id").startsWith("toolu_"));
        assertEquals(4, toolUse.deltas);
        assertEquals(Jsons.parseObject("{\"city\":\"Paris\",\"unit\":\"C\"}"), Jsons.parseObject(toolUse.content.toString()));
        assertEquals("tool_use", events.get(events.size() - 2).json().getJsonObject("delta").getString("stop_reason"));
    }

    @Test
    void nonStreamCarriesThinkingToolInputAndCacheUsage() {
        upstream.enqueueReply(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}"))
                .withReasoning("thinking", "sig")
                .withUsage(new Usage(100, 10, 60, 0)));

        JsonObject message = TestClient.json(client.capiPost("/v1/messages", copilotToken(),
                TestClient.messagesRequest("claude-sonnet-4.6", "q", false)));

        JsonObject thinking = message.getJsonArray("content").getJsonObject(0);
        assertEquals("thinking", thinking.getString("type"));
        assertEquals("sig", thinking.getString("signature"));
        JsonObject toolUse = message.getJsonArray("content").getJsonObject(1);
        assertEquals("tool_use", toolUse.getString("type"));
        assertEquals("Paris", toolUse.getJsonObject("input").getString("city"));
        assertEquals(2, message.getJsonArray("content").size(), "no text block for a tool-only turn");
        assertEquals("tool_use", message.getString("stop_reason"));
        JsonObject usage = message.getJsonObject("usage");
        assertEquals(40, usage.getInt("input_tokens"), "Anthropic input_tokens exclude cache reads");
        assertEquals(60, usage.getInt("cache_read_input_tokens"));
        assertEquals(10, usage.getInt("output_tokens"));
    }

    /** One content block as reassembled from the stream. */
    private static final class Block {
        JsonObject start;
        String type;
        final StringBuilder content = new StringBuilder();
        String signature;
        int deltas;
    }

    /**
     * Asserts message_start, then per block start / deltas / stop with consecutive indices, then message_delta with
     * usage, then message_stop last; every event's name equals its data's type. Returns the blocks.
     */
    private static List<Block> assertGrammar(List<ReceivedSseEvent> events) {
        for (ReceivedSseEvent event : events) {
            assertEquals(event.event(), event.json().getString("type"));
        }
        assertEquals("message_start", events.get(0).event());
        JsonObject message = events.get(0).json().getJsonObject("message");
        assertEquals(0, message.getJsonArray("content").size());
        assertTrue(message.getJsonObject("usage").containsKey("input_tokens"));
        assertEquals("message_stop", events.get(events.size() - 1).event());
        ReceivedSseEvent messageDelta = events.get(events.size() - 2);
        assertEquals("message_delta", messageDelta.event());
        assertTrue(messageDelta.json().getJsonObject("usage").getInt("output_tokens") > 0);

        List<Block> blocks = new ArrayList<>();
        Block open = null;
        for (ReceivedSseEvent event : events.subList(1, events.size() - 2)) {
            JsonObject data = event.json();
            switch (event.event()) {
                case "content_block_start" -> {
                    assertEquals(null, open, "a block starts while another is open");
                    assertEquals(blocks.size(), data.getInt("index"));
                    open = new Block();
                    open.start = data.getJsonObject("content_block");
                    open.type = open.start.getString("type");
                }
                case "content_block_delta" -> {
                    assertTrue(open != null, "delta outside a block");
                    assertEquals(blocks.size(), data.getInt("index"));
                    JsonObject delta = data.getJsonObject("delta");
                    switch (delta.getString("type")) {
                        case "text_delta" -> open.content.append(delta.getString("text"));
                        case "thinking_delta" -> open.content.append(delta.getString("thinking"));
                        case "input_json_delta" -> open.content.append(delta.getString("partial_json"));
                        case "signature_delta" -> open.signature = delta.getString("signature");
                        default -> throw new AssertionError("unexpected delta " + delta);
                    }
                    open.deltas += delta.getString("type").equals("signature_delta") ? 0 : 1;
                }
                case "content_block_stop" -> {
                    assertTrue(open != null, "stop outside a block");
                    assertEquals(blocks.size(), data.getInt("index"));
                    blocks.add(open);
                    open = null;
                }
                default -> throw new AssertionError("unexpected event " + event.event());
            }
        }
        assertEquals(null, open, "a block was never stopped");
        return blocks;
    }
}
