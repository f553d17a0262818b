package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResponsesTest extends UpstreamFixture {

    @Test
    void nonStreamHasAMessageItemAndUsage() {
        JsonObject response = TestClient.json(client.capiPost("/responses", copilotToken(),
                "{\"model\":\"gpt-5.2-codex\",\"input\":\"fix it\",\"store\":false}"));

        assertTrue(response.getString("id").startsWith("resp_"));
        assertEquals("response", response.getString("object"));
        assertEquals("completed", response.getString("status"));
        JsonObject item = response.getJsonArray("output").getJsonObject(0);
        assertEquals("message", item.getString("type"));
        assertEquals("assistant", item.getString("role"));
        JsonObject part = item.getJsonArray("content").getJsonObject(0);
        assertEquals("output_text", part.getString("type"));
        assertEquals("Echo: fix it", part.getString("text"));
        assertEquals("Echo: fix it", response.getString("output_text"));
        JsonObject usage = response.getJsonObject("usage");
        assertEquals(usage.getInt("input_tokens") + usage.getInt("output_tokens"), usage.getInt("total_tokens"));
    }

    @Test
    void streamHasIncreasingSequenceNumbersAndEndsCompleted() {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(6));

        List<ReceivedSseEvent> events = client.capiStream("/responses", copilotToken(),
                TestClient.responsesRequest("gpt-5.2-codex", "stream me", true));

        assertSequenced(events);
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added"), events.subList(0, 4).stream().map(ReceivedSseEvent::event).toList());
        assertEquals("response.completed", events.get(events.size() - 1).event());
        String text = events.stream().filter(event -> event.event().equals("response.output_text.delta"))
                .map(event -> event.json().getString("delta")).collect(Collectors.joining());
        assertEquals("Echo: stream me", text);
        assertEquals(6, events.stream().filter(event -> event.event().equals("response.output_text.delta")).count());
        JsonObject completed = events.get(events.size() - 1).json().getJsonObject("response");
        assertEquals("completed", completed.getString("status"));
        assertEquals("Echo: stream me", completed.getJsonArray("output").getJsonObject(0)
                .getJsonArray("content").getJsonObject(0).getString("text"));
        assertTrue(completed.getJsonObject("usage").getInt("output_tokens") > 0);
    }

    @Test
    void streamsReasoningSummaryAndFunctionCalls() {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(2).withArgumentChunks(2));
        upstream.enqueueReply(Reply.toolCalls(ToolCall.of("read_file", "{\"path\":\"a.ts\"}"), ToolCall.of("list_dir", "{}"))
                .withReasoning("Look at the file", "gAAAA-encrypted"));

        List<ReceivedSseEvent> events = client.capiStream("/responses", copilotToken(),
                TestClient.responsesRequest("gpt-5-mini", "read", true));

        assertSequenced(events);
        assertEquals("Look at the file", joined(events, "response.reasoning_summary_text.delta", "delta"));
        List<JsonObject> doneItems = events.stream().filter(event -> event.event().equals("response.output_item.done"))
                .map(event -> event.json().getJsonObject("item")).toList();
        assertEquals(List.of("reasoning", "function_call", "function_call"),
                doneItems.stream().map(item -> item.getString("type")).toList());
        assertEquals("gAAAA-encrypted", doneItems.get(0).getString("encrypted_content"));
        assertEquals("read_file", doneItems.get(1).getString("name"));
        assertEquals("{\"path\":\"a.ts\"}", doneItems.get(1).getString("arguments"));
        assertTrue(doneItems.get(1).getString("call_id").startsWith("call_"));
        String firstCallItemId = doneItems.get(1).getString("id");
        String streamedArguments = events.stream()
                .filter(event -> event.event().equals("response.function_call_arguments.delta"))
                .map(ReceivedSseEvent::json)
                .filter(data -> data.getString("item_id").equals(firstCallItemId))
                .map(data -> data.getString("delta")).collect(Collectors.joining());
        assertEquals("{\"path\":\"a.ts\"}", streamedArguments);
        assertEquals(3, events.get(events.size() - 1).json().getJsonObject("response").getJsonArray("output").size());
    }

    @Test
    void lengthLimitEndsIncomplete() {
        upstream.enqueueReply(Reply.text("cut off").withFinishReason(FinishReason.LENGTH).withUsage(Usage.of(10, 2)));

        List<ReceivedSseEvent> events = client.capiStream("/responses", copilotToken(),
                TestClient.responsesRequest("gpt-5.2-codex", "long", true));

        ReceivedSseEvent last = events.get(events.size() - 1);
        assertEquals("response.incomplete", last.event());
        JsonObject response = last.json().getJsonObject("response");
        assertEquals("incomplete", response.getString("status"));
        assertEquals("max_output_tokens", response.getJsonObject("incomplete_details").getString("reason"));
        assertEquals(12, response.getJsonObject("usage").getInt("total_tokens"));
    }

    private static void assertSequenced(List<ReceivedSseEvent> events) {
        int previous = -1;
        for (ReceivedSseEvent event : events) {
            JsonObject data = event.json();
            assertEquals(event.event(), data.getString("type"));
            assertTrue(data.getInt("sequence_number") > previous, "sequence numbers must increase");
            previous = data.getInt("sequence_number");
        }
    }

    private static String joined(List<ReceivedSseEvent> events, String type, String member) {
        return events.stream().filter(event -> event.event().equals(type))
                .map(event -> event.json().getString(member)).collect(Collectors.joining());
    }
}
