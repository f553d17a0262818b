package dev.copilotgateway.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The snapshot: which name a request is sent to, and what the model lists show. */
class ModelMappingsTest {

    private static CopilotModel model(String id, long contextWindow) {
        return new CopilotModel(JsonIo.object().add("id", id).add("name", id.toUpperCase()).add("vendor", "Azure OpenAI")
                .add("capabilities", JsonIo.object().add("type", "chat")
                        .add("limits", JsonIo.object().add("max_context_window_tokens", contextWindow).add("max_output_tokens", 4096))
                        .add("supports", JsonIo.object().add("vision", true).add("tool_calls", true)))
                .build());
    }

    private static final List<CopilotModel> CATALOGUE = List.of(model("gpt-4.1", 128_000), model("gpt-5-mini", 264_000),
            model("claude-sonnet-4.6", 200_000));

    private static List<String> ids(List<CopilotModel> models) {
        return models.stream().map(CopilotModel::id).toList();
    }

    @Test
    void aRequestNamingFromGoesToTo() {
        ModelMappings mappings = ModelMappings.of(List.of(new ModelMappings.Entry("team-fast", "gpt-4.1", true)));
        assertEquals(Optional.of("gpt-4.1"), mappings.target("team-fast"));
        assertEquals(Optional.of("gpt-4.1"), mappings.target("  Team-FAST "), "trimmed and ignoring case, like the other name rules");
        assertEquals(Optional.empty(), mappings.target("gpt-4.1"), "the target itself is not mapped");
        assertEquals(Optional.empty(), mappings.target("team-fast-2"));
        assertEquals(Optional.empty(), mappings.target(null));
    }

    @Test
    void noMappingsAnswerWithoutWorkAndListTheCatalogueAsItIs() {
        assertSame(ModelMappings.NONE, ModelMappings.of(List.of()));
        assertTrue(ModelMappings.NONE.isEmpty());
        assertEquals(Optional.empty(), ModelMappings.NONE.target("gpt-4.1"));
        assertSame(CATALOGUE, ModelMappings.NONE.listing(CATALOGUE), "no copy");
    }

    @Test
    void theListShowsExposedMappingsWithTheTargetsCapabilitiesAndHidesTheOthers() {
        ModelMappings mappings = ModelMappings.of(List.of(
                new ModelMappings.Entry("team-fast", "gpt-4.1", true),
                new ModelMappings.Entry("secret-alias", "gpt-5-mini", false)));
        List<CopilotModel> listed = mappings.listing(CATALOGUE);
        assertEquals(List.of("gpt-4.1", "gpt-5-mini", "claude-sonnet-4.6", "team-fast"), ids(listed));

        CopilotModel teamFast = listed.get(3);
        assertEquals(CATALOGUE.get(0).capabilities(), teamFast.capabilities(), "the target's capabilities");
        JsonObject openAi = OpenAiModelList.model(teamFast);
        assertEquals("team-fast", openAi.getString("id"));
        assertEquals(128_000, openAi.getInt("context_window"));
        assertTrue(openAi.getBoolean("vision"));
        JsonObject gemini = GeminiModelList.model(teamFast);
        assertEquals("models/team-fast", gemini.getString("name"));
        assertEquals(4096, gemini.getInt("outputTokenLimit"));
    }

    @Test
    void aMappingFromACopilotIdReplacesThatIdInTheList() {
        ModelMappings shown = ModelMappings.of(List.of(new ModelMappings.Entry("GPT-4.1", "gpt-5-mini", true)));
        List<CopilotModel> listed = shown.listing(CATALOGUE);
        assertEquals(List.of("gpt-5-mini", "claude-sonnet-4.6", "GPT-4.1"), ids(listed), "requests for gpt-4.1 go to gpt-5-mini");
        assertEquals(CATALOGUE.get(1).capabilities(), listed.get(2).capabilities());

        ModelMappings hidden = ModelMappings.of(List.of(new ModelMappings.Entry("gpt-4.1", "gpt-5-mini", false)));
        assertEquals(List.of("gpt-5-mini", "claude-sonnet-4.6"), ids(hidden.listing(CATALOGUE)));
    }

    @Test
    void aMappingToAModelNoAccountHasIsNotListed() {
        ModelMappings mappings = ModelMappings.of(List.of(new ModelMappings.Entry("future", "gpt-9", true)));
        assertEquals(ids(CATALOGUE), ids(mappings.listing(CATALOGUE)));
        assertEquals(Optional.of("gpt-9"), mappings.target("future"), "requests still go there (and get the usual 404)");
    }

    @Test
    void renamingKeepsEveryOtherFieldOfTheEntry() {
        CopilotModel renamed = ModelMappings.renamed(CATALOGUE.get(2), "house-claude");
        assertEquals("house-claude", renamed.id());
        Map<String, Object> before = Map.copyOf(CATALOGUE.get(2).raw());
        Map<String, Object> after = Map.copyOf(renamed.raw());
        assertEquals(before.keySet(), after.keySet());
        assertEquals("CLAUDE-SONNET-4.6", renamed.raw().getString("name"));
        assertFalse(renamed.raw().equals(CATALOGUE.get(2).raw()));
    }
}
