package dev.copilotgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The answer's model, back to the name the client asked for, in every shape that carries one. */
class ReportedModelTest {

    private static JsonObject json(String text) {
        return JsonIo.read(text).asJsonObject();
    }

    private static String body(String answer) {
        return new String(ReportedModel.inBody(answer.getBytes(StandardCharsets.UTF_8), "team-fast"), StandardCharsets.UTF_8);
    }

    @Test
    void wholeAnswersOfEveryApiNameTheClientsModel() {
        assertEquals(json("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"team-fast\",\"choices\":[]}"),
                json(body("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4.1-2025-04-14\",\"choices\":[]}")), "OpenAI chat");
        assertEquals("team-fast", json(body("{\"object\":\"list\",\"data\":[],\"model\":\"text-embedding-3-small\"}")).getString("model"), "embeddings");
        assertEquals("team-fast", json(body("{\"id\":\"resp_1\",\"object\":\"response\",\"model\":\"gpt-5.2-codex\",\"output\":[]}")).getString("model"),
                "Responses");
        assertEquals("team-fast", json(body("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4.6\"}"))
                .getString("model"), "Anthropic");
    }

    @Test
    void streamEventsNameTheClientsModelWhereTheirProtocolPutsIt() {
        SseEvent chunk = ReportedModel.inEvent(SseEvent.data("{\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1\",\"choices\":[]}"), "team-fast");
        assertEquals("team-fast", json(chunk.data()).getString("model"));

        SseEvent created = ReportedModel.inEvent(SseEvent.named("response.created",
                "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt-5.2-codex\",\"status\":\"in_progress\"}}"), "team-fast");
        assertEquals("response.created", created.event());
        assertEquals("team-fast", json(created.data()).getJsonObject("response").getString("model"));
        assertEquals("in_progress", json(created.data()).getJsonObject("response").getString("status"), "the rest as it was");

        SseEvent messageStart = ReportedModel.inEvent(SseEvent.named("message_start",
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-sonnet-4.6\",\"content\":[]}}"), "team-fast");
        assertEquals("team-fast", json(messageStart.data()).getJsonObject("message").getString("model"));
    }

    @Test
    void whatNamesNoModelIsLeftAsItIs() {
        SseEvent delta = SseEvent.named("content_block_delta", "{\"type\":\"content_block_delta\",\"delta\":{\"text\":\"the model\"}}");
        assertSame(delta, ReportedModel.inEvent(delta, "team-fast"));
        SseEvent done = SseEvent.data("[DONE]");
        assertSame(done, ReportedModel.inEvent(done, "team-fast"));
        SseEvent quoted = SseEvent.data("{\"delta\":{\"text\":\"say \\\"model\\\"\"}}");
        assertSame(quoted, ReportedModel.inEvent(quoted, "team-fast"), "\"model\" inside a text is not a model field");
        SseEvent already = SseEvent.data("{\"model\":\"team-fast\"}");
        assertSame(already, ReportedModel.inEvent(already, "team-fast"));

        byte[] notJson = "<html>model</html>".getBytes(StandardCharsets.UTF_8);
        assertSame(notJson, ReportedModel.inBody(notJson, "team-fast"));
        byte[] array = "[{\"model\":\"gpt-4.1\"}]".getBytes(StandardCharsets.UTF_8);
        assertSame(array, ReportedModel.inBody(array, "team-fast"));
        byte[] nested = "{\"choices\":[{\"message\":{\"content\":\"hi\"}}]}".getBytes(StandardCharsets.UTF_8);
        assertSame(nested, ReportedModel.inBody(nested, "team-fast"), "no model field to rename");
    }
}
