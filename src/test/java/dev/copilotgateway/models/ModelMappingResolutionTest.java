package dev.copilotgateway.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.copilotgateway.protocol.JsonIo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Model mappings in name resolution: they come before the model-aliases setting and the TRANSLATION.md §2 rules. */
class ModelMappingResolutionTest {

    private static final List<CopilotModel> AVAILABLE = Arrays.stream(new String[] {"gpt-4.1", "gpt-5-mini", "claude-sonnet-4.5",
            "claude-sonnet-4.6", "claude-opus-4.6", "claude-opus-4.6-1m"})
            .map(id -> new CopilotModel(JsonIo.object().add("id", id).add("capabilities", JsonIo.object().add("type", "chat")).build()))
            .toList();

    private static ModelMappings mappings(String... fromTo) {
        ModelMappings.Entry[] entries = new ModelMappings.Entry[fromTo.length / 2];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new ModelMappings.Entry(fromTo[2 * i], fromTo[2 * i + 1], true);
        }
        return ModelMappings.of(List.of(entries));
    }

    private static ModelNameResolver resolverWithAliases(Map<String, String> aliases) {
        return new ModelNameResolver(aliases, Map.of("opus", List.of("claude-opus-4.6")), Map.of());
    }

    private static String upstream(ModelNameResolver resolver, String requested, ModelMappings mappings) {
        return resolver.resolve(requested, ModelHints.none(), AVAILABLE, mappings).upstreamId();
    }

    @Test
    void aMappingWinsOverAnAliasOfTheSameName() {
        ModelNameResolver resolver = resolverWithAliases(Map.of("team-model", "claude-sonnet-4.5"));
        assertEquals("claude-sonnet-4.5", upstream(resolver, "team-model", ModelMappings.NONE), "without a mapping the alias applies");
        assertEquals("gpt-5-mini", upstream(resolver, "team-model", mappings("team-model", "gpt-5-mini")));
        assertEquals("gpt-5-mini", upstream(resolver, "TEAM-MODEL", mappings("team-model", "gpt-5-mini")));
    }

    @Test
    void aMappingWinsOverTheClaudeNameRules() {
        ModelNameResolver resolver = resolverWithAliases(Map.of());
        assertEquals("claude-sonnet-4.5", upstream(resolver, "claude-sonnet-4-5-20250929", ModelMappings.NONE));
        assertEquals("claude-sonnet-4.6", upstream(resolver, "claude-sonnet-4-5-20250929",
                mappings("claude-sonnet-4-5-20250929", "claude-sonnet-4.6")), "an old Claude Code pin moved to a newer model");
    }

    @Test
    void theTargetThenGoesThroughTheAliasesAndNameRules() {
        ModelNameResolver resolver = resolverWithAliases(Map.of("house-default", "gpt-4.1"));
        assertEquals("gpt-4.1", upstream(resolver, "fast", mappings("fast", "house-default")), "the configured alias of the target");
        assertEquals("claude-opus-4.6", upstream(resolver, "big", mappings("big", "opus")), "a family name as the target");
        assertEquals("claude-opus-4.6-1m", upstream(resolver, "big-long", mappings("big-long", "claude-opus-4-6[1m]")),
                "the target's own suffixes count");
    }

    @Test
    void theResolutionKeepsTheClientsNameAndSaysWhatWasLookedFor() {
        ModelResolution missing = resolverWithAliases(Map.of()).resolve("future", ModelHints.none(), AVAILABLE, mappings("future", "gpt-9"));
        assertFalse(missing.found());
        assertEquals("future", missing.requested());
        assertEquals("The model 'future' is not available to this gateway's Copilot accounts (looked for 'gpt-9'); "
                + "did you mean gpt-4.1, gpt-5-mini?", missing.notFoundMessage(), "close matches of the target");

        ModelResolution found = resolverWithAliases(Map.of()).resolve("fast", ModelHints.none(), AVAILABLE, mappings("fast", "gpt-4.1"));
        assertEquals("fast", found.requested());
        assertEquals(Optional.of("gpt-4.1"), found.model().map(CopilotModel::id));
    }
}
