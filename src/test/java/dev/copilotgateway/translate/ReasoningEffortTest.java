package dev.copilotgateway.translate;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReasoningEffortTest {

    static CopilotModel model(String id, String vendor, String supports, String limits) {
        return new CopilotModel((JsonObject) JsonIo.read("{\"id\":\"" + id + "\",\"vendor\":\"" + vendor + "\",\"capabilities\":{\"type\":\"chat\","
                + "\"limits\":" + limits + ",\"supports\":" + supports + "}}"));
    }

    static final CopilotModel GPT_41 = model("gpt-4.1", "Azure OpenAI", "{\"tool_calls\":true}", "{\"max_output_tokens\":16384}");
    static final CopilotModel GPT_5_MINI = model("gpt-5-mini", "Azure OpenAI", "{\"reasoning_effort\":[\"low\",\"medium\",\"high\"]}",
            "{\"max_output_tokens\":64000}");
    static final CopilotModel GPT_XHIGH = model("gpt-5.2", "OpenAI", "{\"reasoning_effort\":[\"low\",\"medium\",\"high\",\"xhigh\"]}",
            "{\"max_output_tokens\":128000}");
    static final CopilotModel GEMINI_3 = model("gemini-3-pro-preview", "Google", "{\"reasoning_effort\":[\"low\",\"high\"]}",
            "{\"max_output_tokens\":64000}");
    static final CopilotModel CLAUDE_SONNET_46 = model("claude-sonnet-4.6", "Anthropic", "{\"adaptive_thinking\":true,"
            + "\"min_thinking_budget\":1024,\"max_thinking_budget\":32000,\"reasoning_effort\":[\"low\",\"medium\",\"high\"]}",
            "{\"max_output_tokens\":32000}");
    static final CopilotModel CLAUDE_HAIKU_45 = model("claude-haiku-4.5", "Anthropic", "{\"min_thinking_budget\":1024,\"max_thinking_budget\":32000}",
            "{\"max_output_tokens\":32000}");
    /** caozhiyuan's test model "gpt-thinking" (§12.2). */
    static final CopilotModel GPT_THINKING = model("gpt-thinking", "OpenAI", "{\"min_thinking_budget\":1024,\"max_thinking_budget\":3000}",
            "{\"max_output_tokens\":4096}");

    private static JsonObject request(String json) {
        return (JsonObject) JsonIo.read(json);
    }

    private static JsonObject enabled(int budget) {
        return request("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}}");
    }

    /** §12.1 worked table. */
    @ParameterizedTest(name = "budget {0} → {1}")
    @CsvSource({"1024, low", "2048, low", "4096, medium", "8192, medium", "10000, high", "16000, high", "31999, high"})
    void anthropicBudgetTableOf12_1(int budget, String effort) {
        assertEquals(Optional.of(effort), ReasoningEffort.fromAnthropic(enabled(budget), GPT_5_MINI));
    }

    @Test
    void outputConfigEffortIsUsedVerbatimAndWinsOverTheBudget() {
        JsonObject request = request("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":16000},\"output_config\":{\"effort\":\"low\"}}");
        assertEquals(Optional.of("low"), ReasoningEffort.fromAnthropic(request, GPT_5_MINI));
    }

    @Test
    void maxBecomesXhighForOpenAiThenIsClamped() {
        JsonObject request = request("{\"output_config\":{\"effort\":\"max\"}}");
        assertEquals(Optional.of("xhigh"), ReasoningEffort.fromAnthropic(request, GPT_XHIGH));
        assertEquals(Optional.of("high"), ReasoningEffort.fromAnthropic(request, GPT_5_MINI));
    }

    @Test
    void adaptiveDisabledZeroAndAbsentThinkingAskForNoEffort() {
        assertEquals(Optional.empty(), ReasoningEffort.fromAnthropic(request("{\"thinking\":{\"type\":\"adaptive\"}}"), GPT_5_MINI));
        assertEquals(Optional.empty(), ReasoningEffort.fromAnthropic(request("{\"thinking\":{\"type\":\"disabled\"}}"), GPT_5_MINI));
        assertEquals(Optional.empty(), ReasoningEffort.fromAnthropic(enabled(0), GPT_5_MINI));
        assertEquals(Optional.empty(), ReasoningEffort.fromAnthropic(request("{}"), GPT_5_MINI));
    }

    @Test
    void aModelWithoutEffortsGetsNone() {
        assertEquals(Optional.empty(), ReasoningEffort.fromAnthropic(enabled(16000), GPT_41));
        assertEquals(Optional.empty(), ReasoningEffort.fromAnthropic(request("{\"output_config\":{\"effort\":\"high\"}}"), CLAUDE_HAIKU_45));
    }

    @Test
    void clampPicksTheNearestListedEffortAndTheLesserOnATie() {
        assertEquals(Optional.of("low"), ReasoningEffort.clamp("medium", GEMINI_3));
        assertEquals(Optional.of("high"), ReasoningEffort.clamp("xhigh", GEMINI_3));
        assertEquals(Optional.of("low"), ReasoningEffort.clamp("minimal", GPT_5_MINI));
        assertEquals(Optional.of("medium"), ReasoningEffort.clamp("medium", GPT_5_MINI));
        assertEquals(Optional.empty(), ReasoningEffort.clamp("ultra", GPT_5_MINI));
    }

    @Test
    void malformedThinkingOrEffortIsTheClientsMistake() {
        RequestContentException effort = assertThrows(RequestContentException.class,
                () -> ReasoningEffort.fromAnthropic(request("{\"output_config\":{\"effort\":\"turbo\"}}"), GPT_5_MINI));
        assertEquals("output_config.effort", effort.field());
        RequestContentException budget = assertThrows(RequestContentException.class,
                () -> ReasoningEffort.fromAnthropic(request("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":\"many\"}}"), GPT_5_MINI));
        assertEquals("thinking.budget_tokens", budget.field());
        assertThrows(RequestContentException.class, () -> ReasoningEffort.fromAnthropic(request("{\"thinking\":true}"), GPT_5_MINI));
    }

    /** §12.2: max = min(max_thinking_budget, max_output_tokens − 1) = 31999; budget clamped into [1024, 31999]. */
    @ParameterizedTest(name = "budget {0} → thinking_budget {1}")
    @CsvSource({"10000, 10000", "500, 1024", "50000, 31999"})
    void claudeThinkingBudgetOf12_2(int requested, int budget) {
        assertEquals(OptionalInt.of(budget), ReasoningEffort.claudeThinkingBudget(enabled(requested), CLAUDE_SONNET_46));
    }

    @Test
    void claudeThinkingBudgetWithoutABudgetIsTheMaximumAndNoneWhenThinkingIsOff() {
        assertEquals(OptionalInt.of(31999), ReasoningEffort.claudeThinkingBudget(request("{\"thinking\":{\"type\":\"enabled\"}}"), CLAUDE_SONNET_46));
        assertEquals(OptionalInt.of(3000), ReasoningEffort.claudeThinkingBudget(request("{\"thinking\":{\"type\":\"enabled\"}}"), GPT_THINKING));
        assertEquals(OptionalInt.empty(), ReasoningEffort.claudeThinkingBudget(request("{\"thinking\":{\"type\":\"disabled\"}}"), CLAUDE_SONNET_46));
        assertEquals(OptionalInt.empty(), ReasoningEffort.claudeThinkingBudget(request("{}"), CLAUDE_SONNET_46));
        assertEquals(OptionalInt.empty(), ReasoningEffort.claudeThinkingBudget(enabled(4096), GPT_41), "no max_thinking_budget");
    }

    /** §12.3: thinkingLevel, and thinkingBudget by the same thresholds (10000 → high). */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "'{\"thinkingLevel\":\"minimal\"}', low",
        "'{\"thinkingLevel\":\"low\"}', low",
        "'{\"thinkingLevel\":\"medium\"}', medium",
        "'{\"thinkingLevel\":\"high\"}', high",
        "'{\"thinkingLevel\":\"high\",\"thinkingBudget\":1024}', high",
        "'{\"thinkingBudget\":1024}', low",
        "'{\"thinkingBudget\":2048}', low",
        "'{\"thinkingBudget\":8192}', medium",
        "'{\"thinkingBudget\":10000}', high",
        "'{\"thinkingBudget\":0}', ''",
        "'{\"thinkingBudget\":-1}', ''",
        "'{\"includeThoughts\":true}', ''"})
    void geminiThinkingConfigOf12_3(String thinkingConfig, String effort) {
        Optional<String> expected = effort == null || effort.isEmpty() ? Optional.empty() : Optional.of(effort);
        assertEquals(expected, ReasoningEffort.fromGeminiThinkingConfig(request(thinkingConfig), GPT_5_MINI));
    }

    @Test
    void geminiEffortIsClampedToTheModel() {
        assertEquals(Optional.of("low"), ReasoningEffort.fromGeminiThinkingConfig(request("{\"thinkingLevel\":\"medium\"}"), GEMINI_3));
        assertEquals(Optional.empty(), ReasoningEffort.fromGeminiThinkingConfig(null, GEMINI_3));
    }

    /** §12.4: low 1024, medium 4096, high 16384, xhigh 32768 budget tokens, clamped to the model's range. */
    @ParameterizedTest(name = "{0} → budget {1}")
    @CsvSource({"low, 1024", "medium, 4096", "high, 16384", "xhigh, 32000", "minimal, 1024"})
    void effortToAnthropicBudgetOf12_4(String effort, int budget) {
        JsonObject expected = request("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}}");
        assertEquals(Optional.of(expected), ReasoningEffort.toAnthropicThinking(effort, CLAUDE_HAIKU_45, 64000));
    }

    @Test
    void effortBudgetStaysBelowMaxTokensOrIsOmittedWhenNoneFits() {
        assertEquals(Optional.of(request("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1999}}")),
                ReasoningEffort.toAnthropicThinking("high", CLAUDE_HAIKU_45, 2000));
        assertEquals(Optional.empty(), ReasoningEffort.toAnthropicThinking("high", CLAUDE_HAIKU_45, 1000));
        assertEquals(Optional.empty(), ReasoningEffort.toAnthropicThinking("none", CLAUDE_HAIKU_45, 64000));
        assertEquals(Optional.of(request("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":32768}}")),
                ReasoningEffort.toAnthropicThinking("xhigh", GPT_41, 64000), "no model range: the table value");
    }

    @Test
    void adaptiveModelsGetAdaptiveThinkingAndAnEffortWithXhighAsMax() {
        assertEquals(Optional.of(request("{\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"high\"}}")),
                ReasoningEffort.toAnthropicThinking("high", CLAUDE_SONNET_46, 64000));
        assertEquals(Optional.of(request("{\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"max\"}}")),
                ReasoningEffort.toAnthropicThinking("xhigh", CLAUDE_SONNET_46, 64000));
    }
}
