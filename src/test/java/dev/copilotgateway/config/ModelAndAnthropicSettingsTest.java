package dev.copilotgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of model-name resolution, token counting and the Anthropic/Claude Code handling. */
class ModelAndAnthropicSettingsTest {

    private final Map<String, String> environment = new HashMap<>();

    private GatewayConfig load() {
        return TestConfigs.fromEnvironment(environment);
    }

    /** The start-up message for {@code variable=value} alone. */
    private String problem(String variable, String value) {
        environment.clear();
        environment.put(variable, value);
        return assertThrows(InvalidSettingException.class, this::load).getMessage();
    }

    @Test
    void defaults() {
        GatewayConfig config = load();
        assertEquals(Map.of(), config.modelAliases());
        assertEquals(List.of("claude-opus-4.6", "claude-opus-4.5", "claude-opus-41"), config.modelFamilyPreference().get("opus"));
        assertEquals(List.of("claude-sonnet-4.6", "claude-sonnet-4.5", "claude-sonnet-4"), config.modelFamilyPreference().get("sonnet"));
        assertEquals(List.of("claude-haiku-4.5"), config.modelFamilyPreference().get("haiku"));
        assertEquals("gemini-3-flash-preview", config.geminiModelFallbacks().get("gemini-2.5-flash-lite"));
        assertEquals("gpt-5-mini", config.smallModel());
        assertFalse(config.compactionUseSmallModel());
        assertEquals(1.15, config.claudeTokenMultiplier());
        assertEquals(346, config.claudeToolTokenOverhead());
        assertEquals(Map.of(), config.extraSystemPrompts());
        assertEquals(List.of("interleaved-thinking-2025-05-14", "context-management-2025-06-27", "advanced-tool-use-2025-11-20"),
                config.anthropicBetaAllowList());
        assertEquals("high", config.claudeDefaultEffort());
    }

    @Test
    void aliasesArePairs() {
        environment.put("COPILOT_GATEWAY_MODEL_ALIASES", " gpt-4 = gpt-4.1 ,, claude-3-opus=opus");
        assertEquals(Map.of("gpt-4", "gpt-4.1", "claude-3-opus", "opus"), load().modelAliases());
        assertTrue(problem("COPILOT_GATEWAY_MODEL_ALIASES", "gpt-4").contains("without '='"));
        assertTrue(problem("COPILOT_GATEWAY_MODEL_ALIASES", "a=b,a=c").contains("names 'a' twice"));
        assertTrue(problem("COPILOT_GATEWAY_MODEL_ALIASES", "a=two words").contains("is not a model name"));
    }

    @Test
    void familyPreferenceIsATable() {
        environment.put("COPILOT_GATEWAY_MODEL_FAMILY_PREFERENCE", "opus=claude-opus-4.7 > claude-opus-4.6");
        assertEquals(Map.of("opus", List.of("claude-opus-4.7", "claude-opus-4.6")), load().modelFamilyPreference());
    }

    @Test
    void tokenSettingsAreRangeChecked() {
        environment.put("COPILOT_GATEWAY_CLAUDE_TOKEN_MULTIPLIER", "1.05");
        environment.put("COPILOT_GATEWAY_CLAUDE_TOOL_TOKEN_OVERHEAD", "0");
        assertEquals(1.05, load().claudeTokenMultiplier());
        assertEquals(0, load().claudeToolTokenOverhead());
        assertTrue(problem("COPILOT_GATEWAY_CLAUDE_TOKEN_MULTIPLIER", "0").contains("above 0"));
        assertTrue(problem("COPILOT_GATEWAY_CLAUDE_TOKEN_MULTIPLIER", "NaN").contains("above 0"));
        assertTrue(problem("COPILOT_GATEWAY_CLAUDE_TOOL_TOKEN_OVERHEAD", "-1").contains("whole number"));
    }

    @Test
    void extraSystemPromptsAreAJsonObjectOfStrings() {
        environment.put("COPILOT_GATEWAY_EXTRA_SYSTEM_PROMPTS", "{\"*\":\"Be kind.\",\"claude-sonnet-4.6\":\"Answer briefly.\\nNo lists.\"}");
        assertEquals(Map.of("*", "Be kind.", "claude-sonnet-4.6", "Answer briefly.\nNo lists."), load().extraSystemPrompts());
        assertTrue(problem("COPILOT_GATEWAY_EXTRA_SYSTEM_PROMPTS", "[1]").contains("not a JSON object"));
        assertTrue(problem("COPILOT_GATEWAY_EXTRA_SYSTEM_PROMPTS", "{\"a\":1}").contains("non-string value for 'a'"));
        assertTrue(problem("COPILOT_GATEWAY_EXTRA_SYSTEM_PROMPTS", "{oops").contains("is not JSON"));
    }

    @Test
    void betaAllowListAndEffort() {
        environment.put("COPILOT_GATEWAY_ANTHROPIC_BETA_ALLOW_LIST", "interleaved-thinking-2025-05-14, extended-cache-ttl-2025-04-11");
        environment.put("COPILOT_GATEWAY_CLAUDE_DEFAULT_EFFORT", "Medium");
        assertEquals(List.of("interleaved-thinking-2025-05-14", "extended-cache-ttl-2025-04-11"), load().anthropicBetaAllowList());
        assertEquals("medium", load().claudeDefaultEffort());
        assertTrue(problem("COPILOT_GATEWAY_CLAUDE_DEFAULT_EFFORT", "extreme").contains("not a reasoning effort"));
        assertTrue(problem("COPILOT_GATEWAY_ANTHROPIC_BETA_ALLOW_LIST", "a b").contains("not a plain token"));
    }

    @Test
    void smallModelSettings() {
        environment.put("COPILOT_GATEWAY_SMALL_MODEL", "claude-haiku-4.5");
        environment.put("COPILOT_GATEWAY_COMPACTION_USE_SMALL_MODEL", "true");
        assertEquals("claude-haiku-4.5", load().smallModel());
        assertTrue(load().compactionUseSmallModel());
    }
}
