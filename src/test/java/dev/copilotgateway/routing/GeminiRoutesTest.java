package dev.copilotgateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.gemini.GeminiException;
import dev.copilotgateway.upstream.CopilotEndpoint;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The Gemini ingress's plans (TRANSLATION.md §1 fourth row, §11, §11.5). */
class GeminiRoutesTest {

    private static final JsonObject REQUEST = JsonIo.read("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}]}").asJsonObject();

    private final GeminiRoutes routes = new GeminiRoutes(new RoutePlanner(), Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));

    private static CopilotModel model(String id, String endpoints) {
        return new CopilotModel(JsonIo.read("{\"id\":\"" + id + "\",\"capabilities\":{\"type\":\"chat\",\"limits\":{\"max_output_tokens\":4096}}"
                + (endpoints == null ? "" : ",\"supported_endpoints\":[" + endpoints + "]") + "}").asJsonObject());
    }

    private static JsonObject sent(UpstreamPlan plan) {
        return JsonIo.read(plan.body()).asJsonObject();
    }

    @Test
    void chatModelsGetTheChatTranslationAndAGeminiAnswer() {
        UpstreamPlan plan = routes.plan(REQUEST, "gpt-4.1", model("gpt-4.1", null), false);
        assertEquals(CopilotEndpoint.CHAT_COMPLETIONS, plan.endpoint());
        assertEquals("hello", sent(plan).getJsonArray("messages").getJsonObject(0).getString("content"));
        String chat = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1,\"total_tokens\":3}}";
        JsonObject gemini = JsonIo.read(plan.wholeResponse().apply(chat.getBytes(StandardCharsets.UTF_8))).asJsonObject();
        assertEquals("Hi", gemini.getJsonArray("candidates").getJsonObject(0).getJsonObject("content").getJsonArray("parts")
                .getJsonObject(0).getString("text"));
    }

    @Test
    void modelsWithoutChatAreReachedThroughTheChatShape() {
        UpstreamPlan messages = routes.plan(REQUEST, "claude-opus-4.6-1m", model("claude-opus-4.6-1m", "\"/v1/messages\""), true);
        assertEquals(CopilotEndpoint.MESSAGES, messages.endpoint());
        assertTrue(sent(messages).containsKey("max_tokens"), sent(messages).toString());

        UpstreamPlan responses = routes.plan(REQUEST, "gpt-5.2-codex", model("gpt-5.2-codex", "\"/responses\""), true);
        assertEquals(CopilotEndpoint.RESPONSES, responses.endpoint());
        assertTrue(sent(responses).containsKey("input"), sent(responses).toString());
        assertTrue(responses.streamTranslator() != null);
    }

    @Test
    void aModelNoRouteCanServeIsAGoogleInvalidArgument() {
        GeminiException refused = assertThrows(GeminiException.class, () -> routes.plan(REQUEST, "emb", model("emb", "\"/embeddings\""), false));
        assertEquals(400, refused.code());
    }
}
