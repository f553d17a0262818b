package dev.copilotgateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChatRoutesTest {

    private static final String BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"vendor_extra\":1}";
    private static final byte[] RAW = BODY.getBytes(StandardCharsets.UTF_8);
    private static final JsonObject CHAT = JsonIo.read(BODY).asJsonObject();
    private static final RequestTraits TRAITS = RequestTraits.conversation("user", false);

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private final ChatRoutes routes = new ChatRoutes(new RoutePlanner(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static CopilotModel model(String id, String endpoints) {
        return new CopilotModel(JsonIo.read("{\"id\":\"" + id + "\",\"capabilities\":{\"type\":\"chat\",\"limits\":{\"max_output_tokens\":4096}}"
                + (endpoints == null ? "" : ",\"supported_endpoints\":[" + endpoints + "]") + "}").asJsonObject());
    }

    @Test
    void chatModelsGetTheBodyExactlyAsSent() {
        UpstreamPlan plan = routes.plan(CHAT, RAW, "gpt-4.1", model("gpt-4.1", null), TRAITS);
        assertEquals(CopilotEndpoint.CHAT_COMPLETIONS, plan.endpoint());
        assertSame(RAW, plan.body(), "not re-encoded");
        assertTrue(plan.passThroughStream());
    }

    @Test
    void responsesOnlyModelsAreTranslatedAndAnsweredAsChat() {
        UpstreamPlan plan = routes.plan(CHAT, RAW, "gpt-5.2-codex", model("gpt-5.2-codex", "\"/responses\""), TRAITS);
        assertEquals(CopilotEndpoint.RESPONSES, plan.endpoint());
        JsonObject sent = JsonIo.read(plan.body()).asJsonObject();
        assertEquals("gpt-5.2-codex", sent.getString("model"));
        assertTrue(sent.containsKey("input"), sent.toString());
        assertFalse(plan.passThroughStream());

        String result = "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,\"status\":\"completed\",\"model\":\"gpt-5.2-codex\","
                + "\"output\":[{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"status\":\"completed\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\",\"annotations\":[]}]}],"
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1,\"total_tokens\":4}}";
        JsonObject chat = JsonIo.read(plan.wholeResponse().apply(result.getBytes(StandardCharsets.UTF_8))).asJsonObject();
        assertEquals("chat.completion", chat.getString("object"));
        assertEquals("Hi", chat.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
    }

    @Test
    void aFailedResponseIsAnUpstreamErrorNotAnEmptyAnswer() {
        UpstreamPlan plan = routes.plan(CHAT, RAW, "gpt-5.2-codex", model("gpt-5.2-codex", "\"/responses\""), TRAITS);
        byte[] failed = "{\"id\":\"resp_1\",\"status\":\"failed\",\"error\":{\"message\":\"boom\"},\"output\":[]}".getBytes(StandardCharsets.UTF_8);
        OpenAiException error = assertThrows(OpenAiException.class, () -> plan.wholeResponse().apply(failed));
        assertEquals(502, error.getResponse().getStatus());
    }

    @Test
    void aModelNoChatRouteCanServeIsA400() {
        OpenAiException refused = assertThrows(OpenAiException.class,
                () -> routes.plan(CHAT, RAW, "text-embedding-3-small", model("text-embedding-3-small", "\"/embeddings\""), TRAITS));
        assertEquals(400, refused.getResponse().getStatus());
        assertTrue(refused.getMessage().contains("/embeddings"), refused.getMessage());
    }

    @Test
    void messagesOnlyModelsAreTranslatedToMessagesAndAnsweredAsChat() {
        UpstreamPlan plan = routes.plan(CHAT, RAW, "claude-opus-4.6-1m", model("claude-opus-4.6-1m", "\"/v1/messages\""), TRAITS);
        assertEquals(CopilotEndpoint.MESSAGES, plan.endpoint());
        JsonObject sent = JsonIo.read(plan.body()).asJsonObject();
        assertEquals("hello", sent.getJsonArray("messages").getJsonObject(0).getJsonArray("content").getJsonObject(0).getString("text"));
        assertTrue(sent.getInt("max_tokens") > 0);

        String message = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-opus-4.6-1m\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";
        JsonObject chat = JsonIo.read(plan.wholeResponse().apply(message.getBytes(StandardCharsets.UTF_8))).asJsonObject();
        JsonObject choice = chat.getJsonArray("choices").getJsonObject(0);
        assertEquals("Hi", choice.getJsonObject("message").getString("content"));
        assertEquals("stop", choice.getString("finish_reason"));
        assertEquals(NOW.getEpochSecond(), chat.getJsonNumber("created").longValue(), "the gateway's clock: Anthropic messages carry no time");
    }
}
