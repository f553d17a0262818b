package dev.copilotgateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.translate.StreamTranslator;
import dev.copilotgateway.upstream.CopilotEndpoint;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Responses ingress's plans (TRANSLATION.md §1 third row, §10). */
class ResponsesRoutesTest {

    private static final JsonObject REQUEST = JsonIo.read("{\"model\":\"m\",\"input\":\"hello\",\"instructions\":\"Be brief.\","
            + "\"store\":true,\"service_tier\":\"priority\",\"stream\":true}").asJsonObject();

    private final ResponsesRoutes routes = new ResponsesRoutes(new RoutePlanner(), Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));

    private static CopilotModel model(String id, String endpoints) {
        return new CopilotModel(JsonIo.read("{\"id\":\"" + id + "\",\"capabilities\":{\"type\":\"chat\",\"limits\":{\"max_output_tokens\":4096}}"
                + (endpoints == null ? "" : ",\"supported_endpoints\":[" + endpoints + "]") + "}").asJsonObject());
    }

    private static JsonObject sent(UpstreamPlan plan) {
        return JsonIo.read(plan.body()).asJsonObject();
    }

    @Test
    void responsesModelsGetTheFixedBodyAndAPassThroughStream() {
        UpstreamPlan plan = routes.plan(REQUEST, "gpt-5-mini", model("gpt-5-mini", "\"/chat/completions\",\"/responses\""), null);
        assertEquals(CopilotEndpoint.RESPONSES, plan.endpoint());
        assertFalse(sent(plan).getBoolean("store"));
        assertFalse(sent(plan).containsKey("service_tier"));
        assertTrue(plan.passThroughStream());
        assertEquals("user", plan.traits().initiator());
    }

    @Test
    void chatOnlyModelsAreTranslatedToChatAndTheStreamBackToResponsesEvents() {
        UpstreamPlan plan = routes.plan(REQUEST, "gpt-4.1", model("gpt-4.1", null), null);
        assertEquals(CopilotEndpoint.CHAT_COMPLETIONS, plan.endpoint());
        assertEquals("Be brief.", sent(plan).getJsonArray("messages").getJsonObject(0).getString("content"));

        List<SseEvent> events = new ArrayList<>();
        StreamTranslator stream = plan.streamTranslator().get();
        stream.onEvent(SseEvent.data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4.1\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}"), events::add);
        assertEquals("response.created", events.get(0).event());
    }

    @Test
    void claudeModelsGoToMessagesAndComeBackThroughTheChatShape() {
        UpstreamPlan plan = routes.plan(REQUEST, "claude-sonnet-4.6", model("claude-sonnet-4.6", "\"/chat/completions\",\"/v1/messages\""), null);
        assertEquals(CopilotEndpoint.MESSAGES, plan.endpoint());
        assertTrue(String.valueOf(sent(plan).get("system")).contains("Be brief."), sent(plan).toString());

        List<SseEvent> events = new ArrayList<>();
        StreamTranslator stream = plan.streamTranslator().get();
        stream.onEvent(SseEvent.named("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4.6\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":0}}}"), events::add);
        stream.onEvent(SseEvent.named("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"), events::add);
        stream.onEvent(SseEvent.named("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"), events::add);
        stream.onEvent(SseEvent.named("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"), events::add);
        stream.onEvent(SseEvent.named("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}"), events::add);
        stream.onEvent(SseEvent.named("message_stop", "{\"type\":\"message_stop\"}"), events::add);

        assertEquals("response.created", events.get(0).event());
        assertTrue(events.stream().anyMatch(event -> "response.output_text.delta".equals(event.event()) && event.data().contains("\"Hi\"")), events.toString());
        assertEquals("response.completed", events.get(events.size() - 1).event());
        assertTrue(stream.finished());
    }

    @Test
    void aModelNoRouteCanServeIsA400() {
        OpenAiException refused = assertThrows(OpenAiException.class, () -> routes.plan(REQUEST, "emb", model("emb", "\"/embeddings\""), null));
        assertEquals(400, refused.getResponse().getStatus());
    }
}
