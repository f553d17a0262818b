package dev.copilotgateway.translate;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How much a model should think, across protocols (TRANSLATION.md §12): Anthropic's {@code thinking} /
 * {@code output_config.effort} and Gemini's {@code thinkingConfig} become an OpenAI {@code reasoning_effort}, and an
 * effort becomes Anthropic's {@code thinking}. Every result is fitted to what the target model advertises in
 * {@code capabilities.supports}, because Copilot rejects an effort the model does not list
 * ({@code invalid_reasoning_effort}).
 */
public final class ReasoningEffort {

    /** Efforts from least to most thinking; "nearest" in {@link #clamp} is measured along this scale. */
    private static final List<String> SCALE = List.of("none", "minimal", "low", "medium", "high", "xhigh", "max");

    /** Anthropic's smallest thinking budget; models that state no minimum get this one. */
    private static final int DEFAULT_MIN_THINKING_BUDGET = 1024;

    private ReasoningEffort() {
    }

    /**
     * §12.1: the {@code reasoning_effort} for a Chat or Responses upstream from an Anthropic request, clamped to the
     * model; empty when the request asks for no particular effort or the model takes none.
     *
     * @throws RequestContentException when {@code thinking} or {@code output_config.effort} is malformed
     */
    public static Optional<String> fromAnthropic(JsonObject anthropicRequest, CopilotModel model) {
        Optional<String> requested = requestedOutputEffort(anthropicRequest);
        if (requested.isEmpty()) {
            requested = fromBudget(thinkingBudgetTokens(anthropicRequest));
        }
        return requested.flatMap(effort -> clamp(effort, model));
    }

    /** The client's {@code output_config.effort}, lower-cased; it wins over a thinking budget (§3.1). */
    public static Optional<String> requestedOutputEffort(JsonObject anthropicRequest) {
        JsonValue outputConfig = anthropicRequest.get("output_config");
        if (outputConfig == null || outputConfig == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(outputConfig instanceof JsonObject config)) {
            throw new RequestContentException("output_config", "'output_config' must be an object");
        }
        JsonValue effort = config.get("effort");
        if (effort == null || effort == JsonValue.NULL) {
            return Optional.empty();
        }
        String value = effort instanceof JsonString text ? text.getString().strip().toLowerCase(Locale.ROOT) : "";
        if (!SCALE.contains(value)) {
            throw new RequestContentException("output_config.effort", "'output_config.effort' must be one of low, medium, high, xhigh or max");
        }
        return Optional.of(value);
    }

    /** Whether an Anthropic request turns thinking on ({@code thinking.type} {@code enabled} or {@code adaptive}). */
    public static boolean thinkingRequested(JsonObject anthropicRequest) {
        JsonObject thinking = thinking(anthropicRequest);
        String type = thinking == null ? "disabled" : thinking.getString("type", "");
        return type.equals("enabled") || type.equals("adaptive");
    }

    /**
     * §12.2: the Copilot {@code thinking_budget} for a Claude model on {@code /chat/completions}:
     * {@code max(min(budget_tokens ?? max, max), min_thinking_budget ?? 1024)} with
     * {@code max = min(max_thinking_budget, max_output_tokens − 1)}; empty when thinking is off or the model
     * states no budget range.
     */
    public static OptionalInt claudeThinkingBudget(JsonObject anthropicRequest, CopilotModel model) {
        if (!thinkingRequested(anthropicRequest)) {
            return OptionalInt.empty();
        }
        JsonObject supports = capabilities(model, "supports");
        long maxOutput = number(capabilities(model, "limits"), "max_output_tokens").orElse(0);
        long max = Math.min(number(supports, "max_thinking_budget").orElse(0), maxOutput - 1);
        if (max <= 0) {
            return OptionalInt.empty();
        }
        long requested = thinkingBudgetTokens(anthropicRequest).orElse(max);
        long budget = Math.max(Math.min(requested, max), number(supports, "min_thinking_budget").orElse(DEFAULT_MIN_THINKING_BUDGET));
        return OptionalInt.of((int) Math.min(budget, Integer.MAX_VALUE));
    }

    /**
     * §12.3: the effort for a Gemini {@code generationConfig.thinkingConfig}, clamped to the model: a known
     * {@code thinkingLevel} wins, else {@code thinkingBudget} by the same thresholds as Anthropic budgets
     * (0 = off and −1 = dynamic ask for no particular effort).
     */
    public static Optional<String> fromGeminiThinkingConfig(JsonObject thinkingConfig, CopilotModel model) {
        if (thinkingConfig == null) {
            return Optional.empty();
        }
        String level = thinkingConfig.get("thinkingLevel") instanceof JsonString text ? text.getString().strip().toLowerCase(Locale.ROOT) : "";
        Optional<String> effort = switch (level) {
            case "minimal", "low" -> Optional.of("low");
            case "medium" -> Optional.of("medium");
            case "high" -> Optional.of("high");
            default -> fromBudget(number(thinkingConfig, "thinkingBudget"));
        };
        return effort.flatMap(value -> clamp(value, model));
    }

    /**
     * §12.4: the Anthropic fields that ask a Messages upstream for {@code effort}, to set on the request:
     * {@code {"thinking":{"type":"adaptive"},"output_config":{"effort":...}}} for models with adaptive thinking,
     * else {@code {"thinking":{"type":"enabled","budget_tokens":B}}} with B fitted into the model's budget range and
     * below {@code maxTokens}. Empty for {@code none}, an unknown effort, or when no budget fits.
     */
    public static Optional<JsonObject> toAnthropicThinking(String effort, CopilotModel model, long maxTokens) {
        String value = effort == null ? "" : effort.strip().toLowerCase(Locale.ROOT);
        if (!SCALE.contains(value) || value.equals("none")) {
            return Optional.empty();
        }
        if (value.equals("minimal")) {
            value = "low";
        }
        JsonObject supports = capabilities(model, "supports");
        if (supports.getBoolean("adaptive_thinking", false)) {
            if (value.equals("xhigh") && !listedEfforts(model).contains("xhigh")) {
                value = "max";
            }
            return Optional.of(JsonIo.object()
                    .add("thinking", JsonIo.object().add("type", "adaptive"))
                    .add("output_config", JsonIo.object().add("effort", value))
                    .build());
        }
        long budget = switch (value) {
            case "low" -> 1024;
            case "medium" -> 4096;
            case "high" -> 16384;
            default -> 32768;
        };
        long min = number(supports, "min_thinking_budget").orElse(DEFAULT_MIN_THINKING_BUDGET);
        budget = Math.max(budget, min);
        OptionalLong max = number(supports, "max_thinking_budget");
        if (max.isPresent()) {
            budget = Math.min(budget, max.getAsLong());
        }
        budget = Math.min(budget, maxTokens - 1);
        if (budget < min) {
            return Optional.empty();
        }
        return Optional.of(JsonIo.object()
                .add("thinking", JsonIo.object().add("type", "enabled").add("budget_tokens", budget))
                .build());
    }

    /**
     * §12.1 step 5: {@code effort} if the model lists it, else the nearest listed effort on the scale
     * none…max (a tie goes to the lesser effort, which costs less and never exceeds the request); {@code max},
     * which OpenAI does not know, counts as {@code xhigh}. Empty when the model lists no efforts or the value is
     * unknown and not listed.
     */
    public static Optional<String> clamp(String effort, CopilotModel model) {
        List<String> listed = listedEfforts(model);
        if (listed.isEmpty() || effort == null) {
            return Optional.empty();
        }
        if (listed.contains(effort)) {
            return Optional.of(effort);
        }
        int wanted = SCALE.indexOf(effort.equals("max") ? "xhigh" : effort);
        if (wanted < 0) {
            return Optional.empty();
        }
        String nearest = null;
        int nearestDistance = Integer.MAX_VALUE;
        for (int rank = 0; rank < SCALE.size(); rank++) {
            int distance = Math.abs(rank - wanted);
            if (listed.contains(SCALE.get(rank)) && distance < nearestDistance) {
                nearest = SCALE.get(rank);
                nearestDistance = distance;
            }
        }
        return Optional.ofNullable(nearest);
    }

    /** §12.1 steps 2–4 and §12.3: {@code B ≤ 2048 → low}, {@code ≤ 8192 → medium}, above → high; none for B ≤ 0. */
    private static Optional<String> fromBudget(OptionalLong budget) {
        if (budget.isEmpty() || budget.getAsLong() <= 0) {
            return Optional.empty();
        }
        long tokens = budget.getAsLong();
        return Optional.of(tokens <= 2048 ? "low" : tokens <= 8192 ? "medium" : "high");
    }

    /** {@code thinking.budget_tokens} when thinking is {@code enabled}; adaptive and disabled thinking have none. */
    private static OptionalLong thinkingBudgetTokens(JsonObject anthropicRequest) {
        JsonObject thinking = thinking(anthropicRequest);
        if (thinking == null || !"enabled".equals(thinking.getString("type", ""))) {
            return OptionalLong.empty();
        }
        JsonValue budget = thinking.get("budget_tokens");
        if (budget == null || budget == JsonValue.NULL) {
            return OptionalLong.empty();
        }
        if (!(budget instanceof JsonNumber number) || !number.isIntegral()) {
            throw new RequestContentException("thinking.budget_tokens", "'thinking.budget_tokens' must be an integer");
        }
        return OptionalLong.of(number.longValue());
    }

    private static JsonObject thinking(JsonObject anthropicRequest) {
        JsonValue thinking = anthropicRequest.get("thinking");
        if (thinking == null || thinking == JsonValue.NULL) {
            return null;
        }
        if (!(thinking instanceof JsonObject object) || !(object.get("type") instanceof JsonString)) {
            throw new RequestContentException("thinking", "'thinking' must be an object with a 'type' (enabled, adaptive or disabled)");
        }
        return object;
    }

    private static List<String> listedEfforts(CopilotModel model) {
        if (!(capabilities(model, "supports").get("reasoning_effort") instanceof JsonArray efforts)) {
            return List.of();
        }
        return efforts.stream().filter(JsonString.class::isInstance).map(value -> ((JsonString) value).getString()).toList();
    }

    /** {@code capabilities.<section>} of the model, or an empty object. */
    private static JsonObject capabilities(CopilotModel model, String section) {
        return model.capabilities()
                .map(caps -> caps.get(section))
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .orElse(JsonValue.EMPTY_JSON_OBJECT);
    }

    private static OptionalLong number(JsonObject object, String field) {
        return object.get(field) instanceof JsonNumber number ? OptionalLong.of(number.longValue()) : OptionalLong.empty();
    }
}
