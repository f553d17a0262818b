package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code GET /models} catalogue (UPSTREAM §7) and the routing rules derived from it.
 * Tests may replace it; it starts as {@link #DEFAULT_MODELS}.
 */
public final class FakeModelCatalog {

    /**
     * A trimmed, realistic catalogue: a legacy chat model without {@code supported_endpoints} (gpt-4.1),
     * chat + responses (gpt-5-mini), responses only (gpt-5.2-codex), Claude with /v1/messages (claude-sonnet-4.6,
     * claude-haiku-4.5), embeddings (text-embedding-3-small) and a code-completion model (gpt-41-copilot).
     */
    public static final String DEFAULT_MODELS = """
            [
              {"id": "gpt-4.1", "name": "GPT-4.1", "object": "model", "vendor": "Azure OpenAI",
               "version": "gpt-4.1-2025-04-14", "preview": false, "model_picker_enabled": true,
               "model_picker_category": "versatile", "is_chat_default": true, "is_chat_fallback": true,
               "billing": {"is_premium": false, "multiplier": 0},
               "policy": {"state": "enabled", "terms": "Enable access to the GPT-4.1 model."},
               "capabilities": {"family": "gpt-4.1", "object": "model_capabilities", "type": "chat", "tokenizer": "o200k_base",
                 "limits": {"max_context_window_tokens": 128000, "max_prompt_tokens": 128000, "max_output_tokens": 16384,
                            "vision": {"max_prompt_image_size": 3145728, "max_prompt_images": 1,
                                       "supported_media_types": ["image/jpeg", "image/png", "image/webp", "image/gif"]}},
                 "supports": {"streaming": true, "tool_calls": true, "parallel_tool_calls": true, "vision": true,
                              "structured_outputs": true}}},
              {"id": "gpt-5-mini", "name": "GPT-5 mini", "object": "model", "vendor": "Azure OpenAI",
               "version": "gpt-5-mini", "preview": false, "model_picker_enabled": true,
               "model_picker_category": "lightweight", "is_chat_default": false, "is_chat_fallback": false,
               "billing": {"is_premium": false, "multiplier": 0},
               "policy": {"state": "enabled", "terms": "Enable access to the GPT-5 mini model."},
               "capabilities": {"family": "gpt-5-mini", "object": "model_capabilities", "type": "chat", "tokenizer": "o200k_base",
                 "limits": {"max_context_window_tokens": 264000, "max_prompt_tokens": 128000, "max_output_tokens": 64000},
                 "supports": {"streaming": true, "tool_calls": true, "parallel_tool_calls": true, "vision": true,
                              "structured_outputs": true, "reasoning_effort": ["low", "medium", "high"]}},
               "supported_endpoints": ["/chat/completions", "/responses"]},
              {"id": "gpt-5.2-codex", "name": "GPT-5.2-Codex", "object": "model", "vendor": "OpenAI",
               "version": "gpt-5.2-codex", "preview": false, "model_picker_enabled": true,
               "model_picker_category": "powerful", "is_chat_default": false, "is_chat_fallback": false,
               "billing": {"is_premium": true, "multiplier": 1,
                           "restricted_to": ["pro", "pro_plus", "individual_trial", "business", "enterprise"]},
               "policy": {"state": "enabled", "terms": "Enable access to the GPT-5.2-Codex model from OpenAI."},
               "capabilities": {"family": "gpt-5.2-codex", "object": "model_capabilities", "type": "chat", "tokenizer": "o200k_base",
                 "limits": {"max_context_window_tokens": 400000, "max_prompt_tokens": 272000, "max_output_tokens": 128000},
                 "supports": {"streaming": true, "tool_calls": true, "parallel_tool_calls": true, "vision": true,
                              "structured_outputs": true, "reasoning_effort": ["low", "medium", "high"]}},
               "supported_endpoints": ["/responses", "ws:/responses"]},
              {"id": "claude-sonnet-4.6", "name": "Claude Sonnet 4.6", "object": "model", "vendor": "Anthropic",
               "version": "claude-sonnet-4.6", "preview": false, "model_picker_enabled": true,
               "model_picker_category": "versatile", "is_chat_default": false, "is_chat_fallback": false,
               "billing": {"is_premium": true, "multiplier": 1,
                           "restricted_to": ["pro", "pro_plus", "individual_trial", "business", "enterprise"]},
               "policy": {"state": "enabled", "terms": "Enable access to the latest Claude Sonnet 4.6 model from Anthropic."},
               "capabilities": {"family": "claude-sonnet-4.6", "object": "model_capabilities", "type": "chat", "tokenizer": "o200k_base",
                 "limits": {"max_context_window_tokens": 200000, "max_prompt_tokens": 168000, "max_output_tokens": 32000,
                            "max_non_streaming_output_tokens": 16000,
                            "vision": {"max_prompt_image_size": 3145728, "max_prompt_images": 5,
                                       "supported_media_types": ["image/jpeg", "image/png", "image/webp"]}},
                 "supports": {"streaming": true, "tool_calls": true, "parallel_tool_calls": true, "vision": true,
                              "structured_outputs": true, "adaptive_thinking": true, "min_thinking_budget": 1024,
                              "max_thinking_budget": 32000, "reasoning_effort": ["low", "medium", "high"]}},
               "supported_endpoints": ["/chat/completions", "/v1/messages"]},
              {"id": "claude-haiku-4.5", "name": "Claude Haiku 4.5", "object": "model", "vendor": "Anthropic",
               "version": "claude-haiku-4.5", "preview": false, "model_picker_enabled": true,
               "model_picker_category": "lightweight", "is_chat_default": false, "is_chat_fallback": false,
               "billing": {"is_premium": true, "multiplier": 0.33,
                           "restricted_to": ["pro", "pro_plus", "individual_trial", "business", "enterprise"]},
               "policy": {"state": "enabled", "terms": "Enable access to the Claude Haiku 4.5 model from Anthropic."},
               "capabilities": {"family": "claude-haiku-4.5", "object": "model_capabilities", "type": "chat", "tokenizer": "o200k_base",
                 "limits": {"max_context_window_tokens": 200000, "max_prompt_tokens": 128000, "max_output_tokens": 32000,
                            "max_non_streaming_output_tokens": 16000},
                 "supports": {"streaming": true, "tool_calls": true, "parallel_tool_calls": true, "vision": true,
                              "structured_outputs": true, "min_thinking_budget": 1024, "max_thinking_budget": 32000}},
               "supported_endpoints": ["/chat/completions", "/v1/messages"]},
              {"id": "text-embedding-3-small", "name": "Embedding V3 small", "object": "model", "vendor": "Azure OpenAI",
               "version": "text-embedding-3-small", "preview": false, "model_picker_enabled": false,
               "billing": {"is_premium": false, "multiplier": 0},
               "capabilities": {"family": "text-embedding-3-small", "object": "model_capabilities", "type": "embeddings",
                 "tokenizer": "cl100k_base", "limits": {"max_inputs": 512}, "supports": {"dimensions": true}}},
              {"id": "gpt-41-copilot", "name": "GPT-4.1 Copilot", "object": "model", "vendor": "Azure OpenAI",
               "version": "gpt-41-copilot", "preview": false, "model_picker_enabled": false,
               "billing": {"is_premium": false, "multiplier": 0},
               "capabilities": {"family": "gpt-41-copilot", "object": "model_capabilities", "type": "completion",
                 "tokenizer": "o200k_base", "limits": {}, "supports": {"streaming": true}}}
            ]
            """;

    private volatile List<JsonObject> models;

    FakeModelCatalog() {
        restoreDefaults();
    }

    public List<JsonObject> models() {
        return models;
    }

    /** Replaces the catalogue with the given {@code data} array of model objects. */
    public void replace(JsonArray data) {
        models = data.getValuesAs(JsonObject.class);
    }

    public void add(JsonObject model) {
        List<JsonObject> more = new ArrayList<>(models);
        more.add(model);
        models = List.copyOf(more);
    }

    public void remove(String id) {
        models = models.stream().filter(model -> !id.equals(Jsons.string(model, "id"))).toList();
    }

    public void restoreDefaults() {
        replace(Jsons.parseArray(DEFAULT_MODELS));
    }

    public Optional<JsonObject> find(String id) {
        return models.stream().filter(model -> id.equals(Jsons.string(model, "id"))).findFirst();
    }

    JsonObject listing() {
        return Jsons.object().add("object", "list").add("data", Jsons.array(models)).build();
    }

    /**
     * Whether {@code model} may be called on {@code endpoint}: listed in {@code supported_endpoints}; without that
     * field chat models take /chat/completions only and embeddings models /embeddings only (§7).
     */
    static boolean supports(JsonObject model, String endpoint) {
        JsonValue endpoints = model.get("supported_endpoints");
        if (endpoints instanceof JsonArray) {
            return ((JsonArray) endpoints).getValuesAs(JsonString.class).stream()
                    .anyMatch(value -> value.getString().equals(endpoint));
        }
        JsonValue capabilities = model.get("capabilities");
        String type = capabilities instanceof JsonObject ? Jsons.string((JsonObject) capabilities, "type") : null;
        return ("chat".equals(type) && endpoint.equals("/chat/completions"))
                || ("embeddings".equals(type) && endpoint.equals("/embeddings"));
    }
}
