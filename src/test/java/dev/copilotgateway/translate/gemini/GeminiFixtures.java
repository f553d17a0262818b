package dev.copilotgateway.translate.gemini;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Catalogue entries (shaped like UPSTREAM §7) and JSON helpers for the Gemini translator tests. */
final class GeminiFixtures {

    static final CopilotModel GEMINI_25_PRO = model("""
            {"id":"gemini-2.5-pro","vendor":"Google","capabilities":{"type":"chat",
             "limits":{"max_prompt_tokens":128000,"max_output_tokens":64000},
             "supports":{"tool_calls":true,"vision":true,"reasoning_effort":["low","medium","high"]}}}""");
    static final CopilotModel GPT_41 = model("""
            {"id":"gpt-4.1","vendor":"Azure OpenAI","capabilities":{"type":"chat",
             "limits":{"max_output_tokens":16384},"supports":{"tool_calls":true,"vision":true}}}""");

    private GeminiFixtures() {
    }

    static CopilotModel model(String json) {
        return new CopilotModel(object(json));
    }

    static JsonObject object(String json) {
        return (JsonObject) JsonIo.read(json);
    }

    static JsonValue value(String json) {
        return JsonIo.read(json);
    }
}
