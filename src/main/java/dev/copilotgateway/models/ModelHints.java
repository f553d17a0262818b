package dev.copilotgateway.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the request says about the model besides its name (TRANSLATION.md §2.1 rule 6): the reasoning effort it
 * asks for ({@code output_config.effort}, {@code reasoning_effort}), whether it wants a 1M-token context (the
 * {@code context-1m-…} beta of Claude Code), and whether it came in through the Gemini API (rule 9).
 */
public record ModelHints(Optional<String> effort, boolean context1m, boolean geminiIngress) {

    public static ModelHints none() {
        return new ModelHints(Optional.empty(), false, false);
    }

    /** An Anthropic request: {@code effort} may be null; {@code anthropicBeta} is the header value or null. */
    public static ModelHints anthropic(String effort, String anthropicBeta) {
        return new ModelHints(effortOf(effort), hasContext1mBeta(anthropicBeta), false);
    }

    /** An OpenAI (Chat or Responses) request; {@code effort} may be null. */
    public static ModelHints openAi(String effort) {
        return new ModelHints(effortOf(effort), false, false);
    }

    /** A Gemini request; {@code effort} may be null. */
    public static ModelHints gemini(String effort) {
        return new ModelHints(effortOf(effort), false, true);
    }

    /** Whether the {@code anthropic-beta} header names a {@code context-1m-<date>} beta (any case, any position). */
    public static boolean hasContext1mBeta(String anthropicBeta) {
        return anthropicBeta != null && Arrays.stream(anthropicBeta.split(","))
                .map(token -> token.strip().toLowerCase(Locale.ROOT))
                .anyMatch(token -> token.startsWith("context-1m-"));
    }

    private static Optional<String> effortOf(String effort) {
        return effort == null || effort.isBlank() ? Optional.empty() : Optional.of(effort.strip().toLowerCase(Locale.ROOT));
    }
}
