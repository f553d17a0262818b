package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.anthropic.ResponsesFixtures.CODEX;
import static dev.copilotgateway.translate.anthropic.ResponsesFixtures.json;
import static dev.copilotgateway.translate.anthropic.ResponsesFixtures.model;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.models.CopilotModel;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsesEffortTest {

    private static CopilotModel listing(String efforts) {
        return model("{\"id\":\"m\",\"capabilities\":{\"type\":\"chat\",\"supports\":{\"reasoning_effort\":" + efforts + "}}}");
    }

    @ParameterizedTest(name = "budget {0} → {1}")
    @CsvSource({"1024, low", "2048, low", "4096, medium", "8192, medium", "10000, high", "16000, high", "31999, high"})
    void thinkingBudgetTableOfSection12_1(int budget, String effort) {
        assertEquals(Optional.of(effort), ResponsesEffort.of(json("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}}"), CODEX));
    }

    @Test
    void outputConfigEffortWinsOverTheBudget() {
        assertEquals(Optional.of("low"), ResponsesEffort.of(json("""
                {"thinking": {"type": "enabled", "budget_tokens": 16000}, "output_config": {"effort": "low"}}"""), CODEX));
    }

    @Test
    void maxMeansXhighForOpenAi() {
        assertEquals(Optional.of("xhigh"), ResponsesEffort.of(json("{\"output_config\":{\"effort\":\"max\"}}"), listing("[\"low\",\"high\",\"xhigh\"]")));
    }

    @ParameterizedTest(name = "{0} → none")
    @CsvSource(delimiter = '|', value = {
            "{}",
            "{\"thinking\":{\"type\":\"adaptive\"}}",
            "{\"thinking\":{\"type\":\"disabled\"}}",
            "{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":0}}",
            "{\"thinking\":{\"type\":\"enabled\"}}",
            "{\"output_config\":{\"effort\":\"\"}}"})
    void noThinkingAskedForMeansNoEffort(String request) {
        assertEquals(Optional.empty(), ResponsesEffort.of(json(request), CODEX));
    }

    @ParameterizedTest(name = "{0} on {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "xhigh  | [\"low\",\"medium\",\"high\"] | high",
            "medium | [\"low\",\"high\"]            | high",
            "low    | [\"medium\",\"high\"]         | medium",
            "high   | [\"low\",\"medium\",\"high\"] | high"})
    void effortsTheModelDoesNotListBecomeTheNearestListed(String effort, String listed, String expected) {
        assertEquals(Optional.of(expected), ResponsesEffort.clamp(effort, listing(listed)));
    }

    @Test
    void aModelWithoutEffortsGetsNone() {
        assertEquals(Optional.empty(), ResponsesEffort.clamp("high", model("{\"id\":\"m\",\"capabilities\":{\"type\":\"chat\"}}")));
        assertEquals(Optional.empty(), ResponsesEffort.clamp("high", listing("[]")));
    }
}
