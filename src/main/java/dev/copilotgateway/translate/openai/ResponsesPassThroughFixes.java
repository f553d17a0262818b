package dev.copilotgateway.translate.openai;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.translate.ReasoningEffort;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * What a {@code /v1/responses} request (Codex CLI) needs before it is forwarded to Copilot's {@code /responses}
 * (TRANSLATION §10, UPSTREAM §9.1): everything else passes unchanged. Copilot is stateless ({@code store:false}),
 * knows no service tiers, runs no hosted tools and rejects {@code custom} tools and efforts the model does not list.
 */
public final class ResponsesPassThroughFixes {

    /**
     * Codex CLI's free-form {@code apply_patch} tool as the function tool Copilot accepts (UPSTREAM §9.1). Its one
     * argument is {@code input}, not the spec's {@code patch}: the stream passes through unchanged, and Codex reads a
     * function call of apply_patch as {@code {"input": <patch>}}.
     */
    private static final JsonObject APPLY_PATCH_PARAMETERS = JsonIo.object()
            .add("type", "object")
            .add("properties", JsonIo.object().add("input", JsonIo.object().add("type", "string")))
            .add("required", JsonIo.array().add("input"))
            .add("additionalProperties", false)
            .build();

    private ResponsesPassThroughFixes() {
    }

    /**
     * The body to forward for {@code model}: its id as {@code model}, {@code service_tier} removed,
     * {@code store:false}, the {@code apply_patch} custom tool (and a {@code tool_choice} naming it) in function
     * form, hosted {@code web_search*} / {@code image_generation} tools removed (with {@code tools} and
     * {@code tool_choice} when nothing is left, or when the choice named a removed tool), {@code reasoning.effort}
     * clamped to the model's list (removed when it lists none).
     */
    public static JsonObject apply(JsonObject responsesRequest, CopilotModel model) {
        JsonObjectBuilder body = JsonIo.PROVIDER.createObjectBuilder(responsesRequest)
                .add("model", model.id())
                .remove("service_tier")
                .add("store", false);
        if (responsesRequest.get("tools") instanceof JsonArray tools) {
            JsonArray kept = tools(tools);
            if (kept.isEmpty()) {
                body.remove("tools").remove("tool_choice");
            } else {
                body.add("tools", kept);
                JsonValue choice = responsesRequest.get("tool_choice");
                if (choice instanceof JsonObject object) {
                    toolChoice(object).ifPresentOrElse(fixed -> body.add("tool_choice", fixed), () -> body.remove("tool_choice"));
                }
            }
        }
        if (responsesRequest.get("reasoning") instanceof JsonObject reasoning && reasoning.get("effort") instanceof JsonString effort) {
            JsonObjectBuilder clamped = JsonIo.PROVIDER.createObjectBuilder(reasoning);
            ReasoningEffort.clamp(effort.getString(), model).ifPresentOrElse(value -> clamped.add("effort", value), () -> clamped.remove("effort"));
            body.add("reasoning", clamped);
        }
        return body.build();
    }

    /**
     * Whether the request's {@code input} holds an image anywhere (Copilot then needs
     * {@code copilot-vision-request: true}): an {@code input_image} part or the legacy {@code image} type, also
     * nested inside tool outputs.
     */
    public static boolean hasImages(JsonObject responsesRequest) {
        return containsImage(responsesRequest.get("input"));
    }

    private static boolean containsImage(JsonValue value) {
        if (value instanceof JsonArray array) {
            return array.stream().anyMatch(ResponsesPassThroughFixes::containsImage);
        }
        if (!(value instanceof JsonObject object)) {
            return false;
        }
        String type = object.getString("type", "");
        return type.equals("input_image") || type.equals("image") || object.values().stream().anyMatch(ResponsesPassThroughFixes::containsImage);
    }

    private static JsonArray tools(JsonArray tools) {
        JsonArrayBuilder kept = JsonIo.array();
        for (JsonValue value : tools) {
            if (!(value instanceof JsonObject tool)) {
                kept.add(value);
                continue;
            }
            String type = tool.getString("type", "");
            if (isHosted(type)) {
                continue;
            }
            kept.add(isApplyPatch(tool) ? applyPatchFunction(tool) : tool);
        }
        return kept.build();
    }

    /** The choice to send: an {@code apply_patch} custom choice in function form; empty when it names a removed hosted tool. */
    private static Optional<JsonObject> toolChoice(JsonObject choice) {
        String type = choice.getString("type", "");
        if (isHosted(type)) {
            return Optional.empty();
        }
        if (isApplyPatch(choice)) {
            return Optional.of(JsonIo.object().add("type", "function").add("name", "apply_patch").build());
        }
        return Optional.of(choice);
    }

    private static boolean isHosted(String type) {
        return type.startsWith("web_search") || type.equals("image_generation");
    }

    private static boolean isApplyPatch(JsonObject tool) {
        return "custom".equals(tool.getString("type", "")) && "apply_patch".equals(tool.getString("name", ""));
    }

    private static JsonObject applyPatchFunction(JsonObject custom) {
        JsonObjectBuilder function = JsonIo.object().add("type", "function").add("name", "apply_patch");
        if (custom.get("description") instanceof JsonString description) {
            function.add("description", description);
        }
        return function.add("parameters", APPLY_PATCH_PARAMETERS).add("strict", false).build();
    }
}
