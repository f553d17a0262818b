package dev.copilotgateway.translate.anthropic;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Catalogue entries (shaped like UPSTREAM §7) and JSON helpers for the Anthropic ↔ Chat translator tests. */
final class ChatTranslationFixtures {

    static final CopilotModel GPT_41 = model("""
            {"id":"gpt-4.1","vendor":"Azure OpenAI","capabilities":{"type":"chat",
             "limits":{"max_output_tokens":16384},"supports":{"tool_calls":true,"vision":true}}}""");
    static final CopilotModel GPT_5_MINI = model("""
            {"id":"gpt-5-mini","vendor":"Azure OpenAI","capabilities":{"type":"chat",
             "limits":{"max_output_tokens":64000},"supports":{"reasoning_effort":["low","medium","high"]}},
             "supported_endpoints":["/chat/completions","/responses"]}""");
    static final CopilotModel GEMINI_3 = model("""
            {"id":"gemini-3-pro-preview","vendor":"Google","capabilities":{"type":"chat",
             "limits":{"max_output_tokens":64000},"supports":{"reasoning_effort":["low","high"]}}}""");
    static final CopilotModel CLAUDE_SONNET_46 = model("""
            {"id":"claude-sonnet-4.6","vendor":"Anthropic","capabilities":{"type":"chat",
             "limits":{"max_output_tokens":32000},
             "supports":{"adaptive_thinking":true,"min_thinking_budget":1024,"max_thinking_budget":32000,
                         "reasoning_effort":["low","medium","high"]}},
             "supported_endpoints":["/chat/completions","/v1/messages"]}""");
    /** caozhiyuan's test model for "maps thinking budget within selected model limits" (§12.2). */
    static final CopilotModel GPT_THINKING = model("""
            {"id":"gpt-thinking","vendor":"OpenAI","capabilities":{"type":"chat",
             "limits":{"max_output_tokens":4096},"supports":{"min_thinking_budget":1024,"max_thinking_budget":3000}}}""");

    private ChatTranslationFixtures() {
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
