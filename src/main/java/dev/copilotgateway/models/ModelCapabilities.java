package dev.copilotgateway.models;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Typed reads of a model's {@code capabilities} (UPSTREAM.md §7): its tokenizer, limits and {@code supports}
 * flags. A field that is absent or of another type reads as absent, never as an exception.
 */
public record ModelCapabilities(JsonObject capabilities) {

    public static ModelCapabilities of(CopilotModel model) {
        return new ModelCapabilities(model.capabilities().orElse(JsonValue.EMPTY_JSON_OBJECT));
    }

    /** {@code o200k_base}, {@code cl100k_base}, … */
    public Optional<String> tokenizer() {
        return string(capabilities.get("tokenizer"));
    }

    public OptionalLong maxContextWindowTokens() {
        return number(section("limits").get("max_context_window_tokens"));
    }

    public OptionalLong maxOutputTokens() {
        return number(section("limits").get("max_output_tokens"));
    }

    /** The efforts the model accepts, in the upstream's order (e.g. {@code low, medium, high}); empty if none listed. */
    public List<String> reasoningEfforts() {
        JsonValue efforts = section("supports").get("reasoning_effort");
        if (!(efforts instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().map(ModelCapabilities::string).flatMap(Optional::stream).toList();
    }

    /** Whether the model takes {@code thinking: {"type":"adaptive"}} (Claude 4.6 and later). */
    public boolean adaptiveThinking() {
        return section("supports").get("adaptive_thinking") == JsonValue.TRUE;
    }

    public OptionalLong minThinkingBudget() {
        return number(section("supports").get("min_thinking_budget"));
    }

    public OptionalLong maxThinkingBudget() {
        return number(section("supports").get("max_thinking_budget"));
    }

    private JsonObject section(String name) {
        return capabilities.get(name) instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static OptionalLong number(JsonValue value) {
        return value instanceof JsonNumber number ? OptionalLong.of(number.longValue()) : OptionalLong.empty();
    }

    private static Optional<String> string(JsonValue value) {
        return value instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty();
    }
}
