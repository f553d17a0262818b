package dev.copilotgateway.models;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.gemini.GeminiException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Copilot models in the Gemini API's shapes (TRANSLATION.md §2.3): {@code GET /v1beta/models} →
 * {@code {"models":[…]}} and {@code GET /v1beta/models/{model}} → one entry
 * {@code {"name":"models/<id>","displayName","supportedGenerationMethods","inputTokenLimit","outputTokenLimit"}}.
 * Only chat models are listed: the Gemini ingress serves generation only.
 */
public final class GeminiModelList {

    private static final List<String> METHODS = List.of("generateContent", "streamGenerateContent", "countTokens");

    private GeminiModelList() {
    }

    public static boolean listed(CopilotModel model) {
        return model.type().equals("chat");
    }

    public static JsonObject list(List<CopilotModel> models) {
        JsonArrayBuilder entries = JsonIo.array();
        models.stream().filter(GeminiModelList::listed).forEach(model -> entries.add(model(model)));
        return JsonIo.object().add("models", entries).build();
    }

    /**
     * The entry for {@code name} ({@code models/<id>} or {@code <id>}) among {@code models}.
     *
     * @throws GeminiException 404 {@code NOT_FOUND} when no listed model has that id
     */
    public static JsonObject find(List<CopilotModel> models, String name) {
        String id = name.startsWith("models/") ? name.substring("models/".length()) : name;
        return models.stream()
                .filter(model -> listed(model) && model.id().equals(id))
                .findFirst()
                .map(GeminiModelList::model)
                .orElseThrow(() -> GeminiException.notFound("models/" + id + " is not found for API version v1beta"));
    }

    public static JsonObject model(CopilotModel model) {
        JsonObject raw = model.raw();
        JsonObjectBuilder entry = JsonIo.object()
                .add("name", "models/" + model.id())
                .add("baseModelId", model.id())
                .add("version", raw.getString("version", model.id()))
                .add("displayName", raw.getString("name", model.id()))
                .add("description", model.vendor() + " model served through GitHub Copilot");
        JsonObject limits = section(model, "limits");
        if (limits.containsKey("max_prompt_tokens") || limits.containsKey("max_context_window_tokens")) {
            entry.add("inputTokenLimit", limits.containsKey("max_prompt_tokens") ? limits.get("max_prompt_tokens") : limits.get("max_context_window_tokens"));
        }
        if (limits.containsKey("max_output_tokens")) {
            entry.add("outputTokenLimit", limits.get("max_output_tokens"));
        }
        JsonArrayBuilder methods = JsonIo.array();
        METHODS.forEach(methods::add);
        entry.add("supportedGenerationMethods", methods);
        if (section(model, "supports").get("reasoning_effort") instanceof JsonArray efforts && !efforts.isEmpty()) {
            entry.add("thinking", true);
        }
        return entry.build();
    }

    private static JsonObject section(CopilotModel model, String name) {
        return model.capabilities()
                .map(caps -> caps.get(name))
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .orElse(JsonValue.EMPTY_JSON_OBJECT);
    }
}
