package dev.copilotgateway.models;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.gemini.GeminiException;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** TRANSLATION.md §2.3: {@code GET /v1beta/models} and {@code /v1beta/models/{model}}. */
class GeminiModelListTest {

    private static CopilotModel model(String json) {
        return new CopilotModel((JsonObject) JsonIo.read(json));
    }

    private static final CopilotModel GEMINI = model("""
            {"id":"gemini-2.5-pro","name":"Gemini 2.5 Pro","vendor":"Google","version":"gemini-2.5-pro",
             "capabilities":{"type":"chat","limits":{"max_context_window_tokens":128000,"max_prompt_tokens":108000,"max_output_tokens":64000},
              "supports":{"reasoning_effort":["low","high"]}}}""");
    private static final CopilotModel GPT = model("""
            {"id":"gpt-4.1","name":"GPT-4.1","vendor":"Azure OpenAI","capabilities":{"type":"chat","limits":{"max_output_tokens":16384}}}""");
    private static final CopilotModel EMBEDDING = model("""
            {"id":"text-embedding-3-small","capabilities":{"type":"embeddings"}}""");

    @Test
    void listShowsChatModelsInGeminisShape() {
        JsonObject list = GeminiModelList.list(List.of(GEMINI, EMBEDDING, GPT));
        assertEquals(JsonIo.read("""
                {"models":[
                  {"name":"models/gemini-2.5-pro","baseModelId":"gemini-2.5-pro","version":"gemini-2.5-pro","displayName":"Gemini 2.5 Pro",
                   "description":"Google model served through GitHub Copilot","inputTokenLimit":108000,"outputTokenLimit":64000,
                   "supportedGenerationMethods":["generateContent","streamGenerateContent","countTokens"],"thinking":true},
                  {"name":"models/gpt-4.1","baseModelId":"gpt-4.1","version":"gpt-4.1","displayName":"GPT-4.1",
                   "description":"Azure OpenAI model served through GitHub Copilot","outputTokenLimit":16384,
                   "supportedGenerationMethods":["generateContent","streamGenerateContent","countTokens"]}]}"""), list);
    }

    @Test
    void oneModelByNameOr404() {
        assertEquals("models/gpt-4.1", GeminiModelList.find(List.of(GEMINI, GPT), "models/gpt-4.1").getString("name"));
        assertEquals("models/gpt-4.1", GeminiModelList.find(List.of(GEMINI, GPT), "gpt-4.1").getString("name"));
        GeminiException missing = assertThrows(GeminiException.class, () -> GeminiModelList.find(List.of(GEMINI, EMBEDDING), "text-embedding-3-small"));
        assertEquals(404, missing.code());
    }
}
