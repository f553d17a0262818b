package dev.copilotgateway.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.upstream.CopilotEndpoint;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopilotModelTest {

    private static CopilotModel model(String json) {
        return new CopilotModel(Json.createReader(new StringReader(json)).readObject());
    }

    private static final CopilotModel LEGACY_CHAT = model("{\"id\":\"gpt-4.1\",\"vendor\":\"Azure OpenAI\",\"capabilities\":{\"type\":\"chat\","
            + "\"limits\":{\"max_context_window_tokens\":128000,\"max_output_tokens\":16384},\"supports\":{\"vision\":true,\"tool_calls\":true}}}");
    private static final CopilotModel CODEX = model("{\"id\":\"gpt-5.2-codex\",\"capabilities\":{\"type\":\"chat\"},"
            + "\"supported_endpoints\":[\"/responses\",\"ws:/responses\"]}");
    private static final CopilotModel EMBEDDING = model("{\"id\":\"text-embedding-3-small\",\"capabilities\":{\"type\":\"embeddings\"}}");
    private static final CopilotModel COMPLETION = model("{\"id\":\"gpt-41-copilot\",\"capabilities\":{\"type\":\"completion\"}}");

    @Test
    void missingSupportedEndpointsMeansChatOnly() {
        assertTrue(LEGACY_CHAT.supports(CopilotEndpoint.CHAT_COMPLETIONS));
        assertFalse(LEGACY_CHAT.supports(CopilotEndpoint.RESPONSES));
        assertFalse(LEGACY_CHAT.supports(CopilotEndpoint.EMBEDDINGS));
        assertTrue(EMBEDDING.supports(CopilotEndpoint.EMBEDDINGS));
        assertFalse(EMBEDDING.supports(CopilotEndpoint.CHAT_COMPLETIONS));
    }

    @Test
    void advertisedEndpointsAreTheRoutingKey() {
        assertFalse(CODEX.supports(CopilotEndpoint.CHAT_COMPLETIONS));
        assertTrue(CODEX.supports(CopilotEndpoint.RESPONSES));
    }

    @Test
    void openAiListCarriesCapabilitiesAndSkipsCompletionModels() {
        JsonObject list = OpenAiModelList.list(List.of(LEGACY_CHAT, CODEX, EMBEDDING, COMPLETION));
        assertEquals("list", list.getString("object"));
        assertEquals(List.of("gpt-4.1", "gpt-5.2-codex", "text-embedding-3-small"),
                list.getJsonArray("data").getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList());
        JsonObject gpt41 = list.getJsonArray("data").getJsonObject(0);
        assertEquals("model", gpt41.getString("object"));
        assertEquals("Azure OpenAI", gpt41.getString("owned_by"));
        assertEquals(128000, gpt41.getInt("context_window"));
        assertEquals(16384, gpt41.getInt("max_output_tokens"));
        assertTrue(gpt41.getBoolean("vision"));
        assertTrue(gpt41.getBoolean("tool_calls"));
        assertEquals("[\"/chat/completions\"]", gpt41.getJsonArray("supported_endpoints").toString());
    }
}
