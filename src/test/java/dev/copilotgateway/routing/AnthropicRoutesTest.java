package dev.copilotgateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.anthropic.AnthropicException;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.translate.StreamTranslator;
import dev.copilotgateway.translate.anthropic.ClaudeCodeSystemPrompts;
import dev.copilotgateway.translate.anthropic.NativeMessagesBetas;
import dev.copilotgateway.translate.anthropic.NativeMessagesFixes;
import dev.copilotgateway.upstream.CopilotEndpoint;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Anthropic ingress's plans: which endpoint, what is sent, how answers come back (TRANSLATION.md §1, §3, §6, §7). */
class AnthropicRoutesTest {

    private static final CopilotModel CLAUDE = model("claude-sonnet-4.6", "\"/chat/completions\",\"/v1/messages\"");
    private static final CopilotModel GPT = model("gpt-4.1", null);
    private static final CopilotModel CODEX = model("gpt-5.2-codex", "\"/responses\",\"ws:/responses\"");
    private static final CopilotModel EMBEDDINGS = model("text-embedding-3-small", "\"/embeddings\"");

    private final AnthropicRoutes routes = new AnthropicRoutes(new RoutePlanner(),
            new NativeMessagesFixes(new NativeMessagesBetas(List.of("interleaved-thinking-2025-05-14")), "high"),
            new ClaudeCodeSystemPrompts(Map.of("gpt-4.1", "Answer in English.")));

    private static CopilotModel model(String id, String endpoints) {
        String json = "{\"id\":\"" + id + "\",\"capabilities\":{\"type\":\"chat\",\"limits\":{\"max_output_tokens\":32000},"
                + "\"supports\":{\"tool_calls\":true,\"vision\":true}}" + (endpoints == null ? "" : ",\"supported_endpoints\":[" + endpoints + "]") + "}";
        return new CopilotModel(JsonIo.read(json).asJsonObject());
    }

    private static JsonObject request(String json) {
        return JsonIo.read(json).asJsonObject();
    }

    private static JsonObject sent(UpstreamPlan plan) {
        return JsonIo.read(plan.body()).asJsonObject();
    }

    private UpstreamPlan plan(JsonObject body, String clientModel, CopilotModel model, String beta) {
        return routes.plan(new AnthropicRoutes.Request(body, clientModel, model, Optional.empty(), beta, null));
    }

    private static final JsonObject HELLO = request("{\"model\":\"x\",\"max_tokens\":100,\"system\":\"Be brief.\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");

    @Test
    void claudeGoesNativeWithCopilotsIdAndTheAllowedBetasOnly() {
        UpstreamPlan plan = plan(HELLO, "claude-sonnet-4-6", CLAUDE, "interleaved-thinking-2025-05-14,claude-code-20250219");

        assertEquals(CopilotEndpoint.MESSAGES, plan.endpoint());
        assertEquals("claude-sonnet-4.6", sent(plan).getString("model"));
        assertEquals("interleaved-thinking-2025-05-14", plan.traits().extraHeaders().get("anthropic-beta"));
        assertEquals("user", plan.traits().initiator());
        assertTrue(plan.passThroughStream(), "same protocol: the stream is not re-encoded");
        byte[] upstreamAnswer = "{\"type\":\"message\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(upstreamAnswer, plan.wholeResponse().apply(upstreamAnswer), "the whole answer passes as it is");
    }

    @Test
    void gptIsTranslatedToChatWithTheExtraSystemPromptAndBack() {
        UpstreamPlan plan = plan(HELLO, "gpt-4.1", GPT, null);

        assertEquals(CopilotEndpoint.CHAT_COMPLETIONS, plan.endpoint());
        JsonObject chat = sent(plan);
        assertEquals("gpt-4.1", chat.getString("model"));
        String system = chat.getJsonArray("messages").getJsonObject(0).getString("content");
        assertTrue(system.contains("Be brief.") && system.contains("Answer in English."), system);
        assertTrue(plan.traits().extraHeaders().isEmpty());

        String answer = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi!\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}";
        JsonObject message = JsonIo.read(plan.wholeResponse().apply(answer.getBytes(StandardCharsets.UTF_8))).asJsonObject();
        assertEquals("message", message.getString("type"));
        assertEquals("Hi!", message.getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals("end_turn", message.getString("stop_reason"));
        assertEquals("gpt-4.1", message.getString("model"));

        StreamTranslator stream = plan.streamTranslator().get();
        List<SseEvent> events = new ArrayList<>();
        stream.onEvent(SseEvent.data("{\"id\":\"c\",\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}"), events::add);
        assertEquals("message_start", events.get(0).event());
    }

    @Test
    void aResponsesOnlyModelIsTranslatedToResponses() {
        UpstreamPlan plan = plan(HELLO, "gpt-5.2-codex", CODEX, null);

        assertEquals(CopilotEndpoint.RESPONSES, plan.endpoint());
        JsonObject responses = sent(plan);
        assertEquals("gpt-5.2-codex", responses.getString("model"));
        assertEquals("Be brief.", responses.getString("instructions"));
        assertFalse(plan.passThroughStream());
    }

    @Test
    void aFailedResponsesResultIsAnErrorNotAnEmptyMessage() {
        UpstreamPlan plan = plan(HELLO, "gpt-5.2-codex", CODEX, null);
        byte[] failed = "{\"id\":\"resp_1\",\"status\":\"failed\",\"error\":{\"message\":\"overloaded\"},\"output\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        AnthropicException error = assertThrows(AnthropicException.class, () -> plan.wholeResponse().apply(failed));
        assertTrue(error.getMessage().contains("overloaded"), error.getMessage());
    }

    @Test
    void toolResultsAreAgentTurns() {
        JsonObject toolResult = request("{\"model\":\"x\",\"max_tokens\":100,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"weather?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"w\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"sunny\"}]}]}");
        for (CopilotModel model : List.of(CLAUDE, GPT, CODEX)) {
            assertEquals("agent", plan(toolResult, model.id(), model, null).traits().initiator(), model.id());
        }
    }

    @Test
    void imagesSetTheVisionTraitOnEveryRoute() {
        JsonObject image = request("{\"model\":\"x\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}},"
                + "{\"type\":\"text\",\"text\":\"what is it?\"}]}]}");
        for (CopilotModel model : List.of(CLAUDE, GPT, CODEX)) {
            assertTrue(plan(image, model.id(), model, null).traits().vision(), model.id());
        }
        assertFalse(plan(HELLO, "gpt-4.1", GPT, null).traits().vision());
    }

    @Test
    void aModelNoEndpointCanServeIsA400NamingWhatItSupports() {
        AnthropicException refused = assertThrows(AnthropicException.class, () -> plan(HELLO, "text-embedding-3-small", EMBEDDINGS, null));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("/embeddings"), refused.getMessage());
    }

    @Test
    void anAssistantPrefillCanBeRetriedWithAContinuationAndIsSentUpfrontOnceRefused() {
        JsonObject prefill = request("{\"model\":\"x\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"list\"},"
                + "{\"role\":\"assistant\",\"content\":\"1.\"}]}");
        UpstreamPlan first = plan(prefill, "claude-sonnet-4-6", CLAUDE, null);
        assertEquals("assistant", last(sent(first)));
        byte[] refusal = "{\"error\":{\"message\":\"This model does not support assistant message prefill.\"}}".getBytes(StandardCharsets.UTF_8);
        assertTrue(first.retriesPrefill(400, refusal));
        assertFalse(first.retriesPrefill(500, refusal));
        assertEquals(NativeMessagesFixes.PREFILL_CONTINUATION, lastText(JsonIo.read(first.prefillRetry().body()).asJsonObject()));

        first.prefillRetry().rememberRefusal().run();
        UpstreamPlan next = plan(prefill, "claude-sonnet-4-6", CLAUDE, null);
        assertEquals(NativeMessagesFixes.PREFILL_CONTINUATION, lastText(sent(next)), "the continuation goes upfront now");
        assertFalse(next.retriesPrefill(400, refusal));
        assertFalse(plan(HELLO, "claude-sonnet-4-6", CLAUDE, null).retriesPrefill(400, refusal), "no prefill, nothing to retry");
    }

    private static String last(JsonObject payload) {
        return payload.getJsonArray("messages").getJsonObject(payload.getJsonArray("messages").size() - 1).getString("role");
    }

    private static String lastText(JsonObject payload) {
        return payload.getJsonArray("messages").getJsonObject(payload.getJsonArray("messages").size() - 1).getString("content");
    }
}
