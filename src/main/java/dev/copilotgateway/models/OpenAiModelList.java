package dev.copilotgateway.models;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Copilot models in OpenAI's list shape ({@code {"object":"list","data":[{"id","object":"model","created","owned_by"}]}})
 * plus the capability fields clients use to pick models: name, vendor, context window, output limit, vision,
 * tool calls, supported endpoints, and Copilot's whole {@code capabilities} object.
 */
public final class OpenAiModelList {

    private OpenAiModelList() {
    }

    /** Code-completion models ({@code type: completion}) cannot serve chat and are not listed. */
    public static boolean listed(CopilotModel model) {
        return !model.type().equals("completion");
    }

    public static JsonObject list(List<CopilotModel> models) {
        JsonArrayBuilder data = JsonIo.array();
        models.stream().filter(OpenAiModelList::listed).forEach(model -> data.add(model(model)));
        return JsonIo.object().add("object", "list").add("data", data).build();
    }

    public static JsonObject model(CopilotModel model) {
        JsonObject raw = model.raw();
        JsonObjectBuilder entry = JsonIo.object()
                .add("id", model.id())
                .add("object", "model")
                .add("created", 0)
                .add("owned_by", model.vendor())
                .add("name", raw.getString("name", model.id()))
                .add("vendor", model.vendor())
                .add("type", model.type())
                .add("preview", raw.getBoolean("preview", false));
        model.capabilities().ifPresent(caps -> {
            JsonObject limits = caps.get("limits") instanceof JsonObject l ? l : JsonValue.EMPTY_JSON_OBJECT;
            JsonObject supports = caps.get("supports") instanceof JsonObject s ? s : JsonValue.EMPTY_JSON_OBJECT;
            if (limits.containsKey("max_context_window_tokens")) {
                entry.add("context_window", limits.get("max_context_window_tokens"));
            }
            if (limits.containsKey("max_output_tokens")) {
                entry.add("max_output_tokens", limits.get("max_output_tokens"));
            }
            entry.add("vision", supports.getBoolean("vision", false));
            entry.add("tool_calls", supports.getBoolean("tool_calls", false));
            entry.add("capabilities", caps);
        });
        JsonArrayBuilder endpoints = JsonIo.array();
        model.supportedEndpoints().orElseGet(() -> List.of(model.type().equals("embeddings") ? "/embeddings" : "/chat/completions"))
                .forEach(endpoints::add);
        entry.add("supported_endpoints", endpoints);
        return entry.build();
    }
}
