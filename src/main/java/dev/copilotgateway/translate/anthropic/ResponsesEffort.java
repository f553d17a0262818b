package dev.copilotgateway.translate.anthropic;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.translate.RequestContentException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * The reasoning effort for an Anthropic request sent to an OpenAI-style upstream (TRANSLATION §12.1): the client's
 * {@code output_config.effort}, else one derived from its thinking budget, clamped to what the model lists.
 */
final class ResponsesEffort {

    /** OpenAI's efforts from least to most thinking; "nearest listed" is measured along it. */
    private static final List<String> SCALE = List.of("none", "minimal", "low", "medium", "high", "xhigh");

    private ResponsesEffort() {
    }

    /** The effort to send, or empty to leave the upstream's default (no thinking asked for, adaptive, or a model without efforts). */
    static Optional<String> of(JsonObject anthropicRequest, CopilotModel model) {
        return requested(anthropicRequest).flatMap(effort -> clamp(effort, model));
    }

    static Optional<String> requested(JsonObject request) {
        JsonValue outputConfig = request.get("output_config");
        if (outputConfig instanceof JsonObject config && config.get("effort") instanceof JsonString effort
                && !effort.getString().isEmpty()) {
            String value = effort.getString().equals("max") ? "xhigh" : effort.getString();
            if (!SCALE.contains(value)) {
                throw new RequestContentException("output_config.effort", "output_config.effort must be one of low, medium, high, xhigh, max");
            }
            return Optional.of(value);
        }
        if (!(request.get("thinking") instanceof JsonObject thinking) || !"enabled".equals(thinking.getString("type", null))) {
            return Optional.empty();
        }
        JsonValue budget = thinking.get("budget_tokens");
        if (budget != null && !(budget instanceof JsonNumber)) {
            throw new RequestContentException("thinking.budget_tokens", "thinking.budget_tokens must be a number");
        }
        long tokens = budget == null ? 0 : ((JsonNumber) budget).longValue();
        if (tokens <= 0) {
            return Optional.empty();
        }
        return Optional.of(tokens <= 2048 ? "low" : tokens <= 8192 ? "medium" : "high");
    }

    /** {@code effort} if the model lists it, else the nearest listed one (the higher on a tie), empty if it lists none. */
    static Optional<String> clamp(String effort, CopilotModel model) {
        List<String> listed = model.capabilities()
                .map(caps -> caps.get("supports"))
                .filter(JsonObject.class::isInstance)
                .map(supports -> ((JsonObject) supports).get("reasoning_effort"))
                .filter(JsonArray.class::isInstance)
                .map(array -> ((JsonArray) array).stream().filter(JsonString.class::isInstance)
                        .map(value -> ((JsonString) value).getString()).toList())
                .orElse(List.of());
        if (listed.contains(effort)) {
            return Optional.of(effort);
        }
        int wanted = SCALE.indexOf(effort);
        String nearest = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : listed) {
            int rank = SCALE.indexOf(candidate);
            int distance = Math.abs(rank - wanted);
            if (rank >= 0 && (distance < bestDistance || distance == bestDistance && rank > SCALE.indexOf(nearest))) {
                nearest = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(nearest);
    }
}
