package dev.copilotgateway.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArrayBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §2: every example of §2.2 and each rule of §2.1. */
class ModelNameResolverTest {

    private static final Map<String, List<String>> PREFERENCES = Map.of(
            "opus", List.of("claude-opus-4.6", "claude-opus-4.5", "claude-opus-41"),
            "sonnet", List.of("claude-sonnet-4.6", "claude-sonnet-4.5", "claude-sonnet-4"),
            "haiku", List.of("claude-haiku-4.5"));
    private static final Map<String, String> GEMINI = Map.of("gemini-2.5-flash", "gemini-3-flash-preview");

    private final ModelNameResolver resolver = new ModelNameResolver(Map.of(), PREFERENCES, GEMINI);

    private static CopilotModel model(String id) {
        return new CopilotModel(JsonIo.object().add("id", id).add("capabilities", JsonIo.object().add("type", "chat")).build());
    }

    /** A model with {@code max_context_window_tokens} and the efforts it lists. */
    private static CopilotModel model(String id, long context, String... efforts) {
        JsonArrayBuilder listed = JsonIo.array();
        Arrays.stream(efforts).forEach(listed::add);
        return new CopilotModel(JsonIo.object().add("id", id).add("capabilities", JsonIo.object()
                .add("type", "chat")
                .add("limits", JsonIo.object().add("max_context_window_tokens", context))
                .add("supports", JsonIo.object().add("reasoning_effort", listed)))
                .build());
    }

    private static List<CopilotModel> models(String... ids) {
        return Arrays.stream(ids).map(ModelNameResolverTest::model).toList();
    }

    private String upstream(String requested, ModelHints hints, List<CopilotModel> available) {
        ModelResolution resolution = resolver.resolve(requested, hints, available);
        assertTrue(resolution.found(), () -> requested + " not found: " + resolution.notFoundMessage());
        return resolution.upstreamId();
    }

    private String upstream(String requested, String... available) {
        return upstream(requested, ModelHints.none(), models(available));
    }

    // ---- §2.2, one test per row

    @Test
    void datedSonnet45() {
        assertEquals("claude-sonnet-4.5", upstream("claude-sonnet-4-5-20250929", "gpt-4.1", "claude-sonnet-4.5"));
    }

    @Test
    void datedSonnet4() {
        assertEquals("claude-sonnet-4", upstream("claude-sonnet-4-20250514", "claude-sonnet-4"));
    }

    @Test
    void dashedOpus46() {
        assertEquals("claude-opus-4.6", upstream("claude-opus-4-6", "claude-opus-4.6"));
    }

    @Test
    void bracketOneMillionPicksTheOneMillionVariant() {
        ModelResolution resolution = resolver.resolve("claude-opus-4-6[1m]", ModelHints.none(), models("claude-opus-4.6", "claude-opus-4.6-1m"));
        assertEquals("claude-opus-4.6-1m", resolution.upstreamId());
        assertTrue(resolution.context1m());
    }

    @Test
    void bracketOneMillionWithoutAVariantFallsBackToTheBase() {
        assertEquals("claude-sonnet-4.5", upstream("claude-sonnet-4-5[1m]", "claude-sonnet-4.5"));
    }

    @Test
    void versionFirstLegacyNameIsNormalisedAndNotFoundWhenNotListed() {
        ModelResolution resolution = resolver.resolve("claude-3-5-sonnet-20241022", ModelHints.none(), models("gpt-4.1", "gpt-5-mini"));
        assertFalse(resolution.found());
        assertEquals("claude-sonnet-3.5", resolution.lookedFor());
        assertTrue(resolution.notFoundMessage().contains("claude-3-5-sonnet-20241022"));
        assertTrue(resolution.notFoundMessage().contains("claude-sonnet-3.5"));
    }

    @Test
    void datedHaiku45() {
        assertEquals("claude-haiku-4.5", upstream("claude-haiku-4-5-20251001", "claude-haiku-4.5"));
    }

    @Test
    void fastSuffixPicksTheFastVariant() {
        assertEquals("claude-opus-4.6-fast", upstream("claude-opus-4-6-fast", "claude-opus-4.6", "claude-opus-4.6-fast"));
    }

    @Test
    void contextOneMillionBetaPicksTheInternalOneMillionVariant() {
        ModelHints hints = ModelHints.anthropic(null, "claude-code-20250219,context-1m-2025-08-07");
        ModelResolution resolution = resolver.resolve("claude-opus-4.7", hints, models("claude-opus-4.7", "claude-opus-4.7-1m-internal"));
        assertEquals("claude-opus-4.7-1m-internal", resolution.upstreamId());
        assertTrue(resolution.context1m());
    }

    @Test
    void compositeEffortAndContextSuffixes() {
        for (String requested : List.of("claude-opus-4.7-xhigh-1m", "claude-opus-4.7-1m-xhigh")) {
            ModelResolution resolution = resolver.resolve(requested, ModelHints.none(), models("claude-opus-4.7", "claude-opus-4.7-1m-internal"));
            assertEquals("claude-opus-4.7-1m-internal", resolution.upstreamId(), requested);
            assertEquals(Optional.of("xhigh"), resolution.effort(), requested);
        }
    }

    @Test
    void shortAliasTakesTheBestAvailableOfTheFamily() {
        assertEquals("claude-opus-4.6", upstream("opus", "claude-opus-4.5", "claude-opus-4.6"));
        assertEquals("claude-opus-4.5", upstream("opus", "claude-opus-4.5", "claude-opus-41"));
        assertEquals("claude-sonnet-4.5", upstream("Sonnet", "claude-sonnet-4", "claude-sonnet-4.5"));
        assertEquals("claude-haiku-4.5", upstream("haiku", "claude-haiku-4.5"));
    }

    @Test
    void nonClaudeNamesPassThrough() {
        assertEquals("gpt-4.1", upstream("gpt-4.1", "gpt-4.1", "gpt-5-mini"));
        assertEquals("gemini-2.5-pro", upstream("gemini-2.5-pro", "gemini-2.5-pro"));
    }

    // ---- §2.1 rules

    @Test
    void rule1TrimsAndIgnoresCase() {
        ModelResolution resolution = resolver.resolve("  Claude-Sonnet-4-5  ", ModelHints.none(), models("claude-sonnet-4.5"));
        assertEquals("claude-sonnet-4.5", resolution.upstreamId());
        assertEquals("  Claude-Sonnet-4-5  ", resolution.requested());
    }

    @Test
    void rule2BracketsAreCaseInsensitive() {
        assertEquals("claude-opus-4.6-1m", upstream("claude-opus-4-6[1M]", "claude-opus-4.6", "claude-opus-4.6-1m"));
        assertEquals("claude-opus-4.6-fast", upstream("claude-opus-4-6[FAST]", "claude-opus-4.6", "claude-opus-4.6-fast"));
    }

    @Test
    void rule4AllSpellingsOfFamilyAndVersion() {
        assertEquals("claude-haiku-4.5", upstream("claude-haiku-4.5", "claude-haiku-4.5"));
        assertEquals("claude-haiku-3.5", upstream("claude-haiku-3-5", "claude-haiku-3.5"));
        assertEquals("claude-sonnet-3.5", upstream("claude-3-5-sonnet", "claude-sonnet-3.5"));
        assertEquals("claude-sonnet-4", upstream("claude-sonnet-4", "claude-sonnet-4"));
        assertEquals("claude-opus-3", upstream("claude-3-opus-20240229", "claude-opus-3"));
    }

    @Test
    void rule5ModifiersAfterADateInEitherOrder() {
        assertEquals("claude-opus-4.6-fast", upstream("claude-opus-4-6-20250514-fast", "claude-opus-4.6", "claude-opus-4.6-fast"));
        assertEquals("claude-opus-4.6-1m", upstream("claude-opus-4-6-20250514-fast-1m", "claude-opus-4.6", "claude-opus-4.6-1m"));
    }

    @Test
    void rule5UnknownModifierOnNonClaudeIdIsDroppedOnlyIfTheBareIdExists() {
        assertEquals("gpt-4", upstream("gpt-4-fast", "gpt-4"));
        assertEquals("gpt-4-fast", upstream("gpt-4-fast", "gpt-4", "gpt-4-fast"));
        assertFalse(resolver.resolve("gpt-9-fast", ModelHints.none(), models("gpt-4")).found());
    }

    @Test
    void rule6NoHintsPrefersTheBaseElseTheVariantWithFewestParts() {
        assertEquals("claude-opus-4.7", upstream("claude-opus-4-7", "claude-opus-4.7-xhigh", "claude-opus-4.7", "claude-opus-4.7-high"));
        assertEquals("claude-opus-4.7-high", upstream("claude-opus-4-7", "claude-opus-4.7-1m-internal", "claude-opus-4.7-high"));
    }

    @Test
    void rule6OneMillionByContextWindowAndTieBrokenByEffort() {
        List<CopilotModel> available = List.of(
                model("claude-opus-4.7", 200_000, "low", "medium", "high"),
                model("claude-opus-4.7-1m", 1_000_000, "low", "medium", "high"),
                model("claude-opus-4.7-1m-internal", 1_000_000, "low", "medium", "high", "xhigh"));
        assertEquals("claude-opus-4.7-1m", upstream("claude-opus-4.7[1m]", ModelHints.none(), available));
        assertEquals("claude-opus-4.7-1m-internal", upstream("claude-opus-4.7[1m]", ModelHints.anthropic("xhigh", null), available));
    }

    @Test
    void rule6EffortHintPrefersAVariantListingIt() {
        List<CopilotModel> available = List.of(
                model("claude-opus-4.7", 200_000, "low", "medium", "high"),
                model("claude-opus-4.7-xhigh", 200_000, "xhigh"),
                model("claude-opus-4.7-1m-internal", 1_000_000, "xhigh"));
        assertEquals("claude-opus-4.7-xhigh", upstream("claude-opus-4-7", ModelHints.anthropic("xhigh", null), available));
        assertEquals("claude-opus-4.7", upstream("claude-opus-4-7", ModelHints.anthropic("high", null), available));
        assertEquals("claude-opus-4.7", upstream("claude-opus-4-7", ModelHints.anthropic("max", null), available), "nothing lists it: the base");
    }

    @Test
    void rule6EffortInTheNameWinsOverTheRequests() {
        ModelResolution resolution = resolver.resolve("claude-opus-4.7-high", ModelHints.openAi("low"), models("claude-opus-4.7"));
        assertEquals(Optional.of("high"), resolution.effort());
        assertEquals(Optional.of("low"), resolver.resolve("claude-opus-4.7", ModelHints.openAi("LOW"), models("claude-opus-4.7")).effort());
    }

    @Test
    void rule6UnmodifiedIdIsTheLastResort() {
        assertEquals("claude-opus-4.7-1m-internal", upstream("claude-opus-4.7-1m-internal", "claude-opus-4.7-1m-internal"));
    }

    @Test
    void rule7UnlistedVersionOfAFamilyTakesTheBestOfTheFamily() {
        assertEquals("claude-opus-4.6", upstream("claude-opus-4-20250514", "claude-opus-4.5", "claude-opus-4.6"));
        assertEquals("claude-opus-4.7", upstream("claude-opus-4-2", "claude-opus-4.7", "claude-opus-4"), "nothing preferred listed: highest version");
        assertEquals("claude-nova-4.5", upstream("claude-nova-3", "claude-nova-41", "claude-nova-4.5"), "41 is Copilot's 4.1");
        assertEquals("claude-opus-4.7", upstream("opus", "claude-opus-4.7", "claude-opus-4.7-1m-internal"));
    }

    @Test
    void rule7CopilotsDotlessSpellingOfOpus41() {
        assertEquals("claude-opus-41", upstream("claude-opus-4-1-20250805", "claude-opus-41", "claude-opus-4.6"));
    }

    @Test
    void rule7ShortAliasKeepsTheHints() {
        assertEquals("claude-opus-4.6-1m", upstream("opus[1m]", "claude-opus-4.6", "claude-opus-4.6-1m"));
    }

    @Test
    void rule8AliasesWinAndMatchTheNameAsSentOrNormalised() {
        ModelNameResolver aliased = new ModelNameResolver(
                Map.of("gpt-4.1", "gpt-5-mini", "claude-sonnet-4-5", "claude-sonnet-4.6", "fast-one", "haiku"), PREFERENCES, GEMINI);
        List<CopilotModel> available = models("gpt-4.1", "gpt-5-mini", "claude-sonnet-4.5", "claude-sonnet-4.6", "claude-sonnet-4.6-1m", "claude-haiku-4.5");
        assertEquals("gpt-5-mini", aliased.resolve("GPT-4.1", ModelHints.none(), available).upstreamId());
        assertEquals("claude-sonnet-4.6", aliased.resolve("claude-sonnet-4-5-20250929", ModelHints.none(), available).upstreamId());
        assertEquals("claude-sonnet-4.6-1m", aliased.resolve("claude-sonnet-4.5[1m]", ModelHints.none(), available).upstreamId());
        assertEquals("claude-haiku-4.5", aliased.resolve("fast-one", ModelHints.none(), available).upstreamId());
    }

    @Test
    void rule9GeminiIngressStripsCustomToolsAndFallsBack() {
        List<CopilotModel> available = models("gemini-2.5-pro", "gemini-3-flash-preview");
        assertEquals("gemini-2.5-pro", resolver.resolve("gemini-2.5-pro-customtools", ModelHints.gemini(null), available).upstreamId());
        assertEquals("gemini-3-flash-preview", resolver.resolve("gemini-2.5-flash", ModelHints.gemini(null), available).upstreamId());
        assertFalse(resolver.resolve("gemini-2.5-flash", ModelHints.none(), available).found(), "the fallback is for Gemini ingress only");
        assertEquals("gemini-2.5-flash",
                resolver.resolve("gemini-2.5-flash", ModelHints.gemini(null), models("gemini-2.5-flash", "gemini-3-flash-preview")).upstreamId());
    }

    @Test
    void legacyRuleToAvoidIsNotApplied() {
        assertEquals("claude-sonnet-4.5", upstream("claude-sonnet-4-5", "claude-sonnet-4", "claude-sonnet-4.5"));
    }

    // ---- not found

    @Test
    void notFoundSuggestsCloseNamesOfTheSameFamilyFirst() {
        ModelResolution resolution = resolver.resolve("gpt-5.1-mini", ModelHints.none(),
                models("claude-sonnet-4.5", "gpt-5-mini", "gpt-5.1", "gemini-2.5-pro", "gpt-4.1", "text-embedding-3-small"));
        assertFalse(resolution.found());
        assertEquals(List.of("gpt-5-mini", "gpt-5.1", "gpt-4.1"), resolution.suggestions());
        assertTrue(resolution.notFoundMessage().endsWith("did you mean gpt-5-mini, gpt-5.1, gpt-4.1?"), resolution.notFoundMessage());
    }

    @Test
    void notFoundWithNothingCloseSuggestsNothing() {
        ModelResolution resolution = resolver.resolve("llama-3-70b", ModelHints.none(), models("claude-sonnet-4.5", "gpt-5-mini"));
        assertEquals(List.of(), resolution.suggestions());
        assertTrue(resolution.notFoundMessage().contains("GET /v1/models"));
    }

    @Test
    void blankNameIsNotFound() {
        assertFalse(resolver.resolve(null, ModelHints.none(), models("gpt-4.1")).found());
        assertFalse(resolver.resolve("  ", ModelHints.none(), models("gpt-4.1")).found());
    }

    @Test
    void context1mBetaIsRecognisedAnywhereInTheHeader() {
        assertTrue(ModelHints.hasContext1mBeta("claude-code-20250219, Context-1M-2025-08-07 ,interleaved-thinking-2025-05-14"));
        assertFalse(ModelHints.hasContext1mBeta("claude-code-20250219"));
        assertFalse(ModelHints.hasContext1mBeta(null));
    }

    @Test
    void editDistance() {
        assertEquals(3, EditDistance.between("kitten", "sitting"));
        assertEquals(0, EditDistance.between("", ""));
        assertEquals(4, EditDistance.between("", "abcd"));
    }
}
