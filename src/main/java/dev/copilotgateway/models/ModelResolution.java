package dev.copilotgateway.models;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of resolving a client's model name (TRANSLATION.md §2): the Copilot model to call, or none with the
 * name that was looked for and up to three close matches; plus the hints parsed off the name ({@code -xhigh},
 * {@code [1m]}) merged with the request's own, which the caller applies to the payload (e.g. {@code output_config}).
 *
 * @param requested the model string as the client sent it
 * @param model the model to send upstream, empty when not available
 * @param lookedFor the normalised id that was looked for (e.g. {@code claude-sonnet-3.5}), for error messages
 * @param effort the reasoning effort asked for: a name suffix ({@code -high}, {@code -xhigh}) or else the request's
 * @param context1m whether a 1M-token context was asked for ({@code [1m]}, {@code -1m} or the beta)
 * @param suggestions available ids close to the one looked for, best first (empty when found)
 */
public record ModelResolution(String requested, Optional<CopilotModel> model, String lookedFor, Optional<String> effort,
        boolean context1m, List<String> suggestions) {

    public ModelResolution {
        suggestions = List.copyOf(suggestions);
    }

    public boolean found() {
        return model.isPresent();
    }

    /** The id to put in the upstream body; throws when not {@link #found()}. */
    public String upstreamId() {
        return model.orElseThrow().id();
    }

    /** A sentence for the client when the model is not available, naming the close matches if there are any. */
    public String notFoundMessage() {
        String message = "The model '" + requested + "' is not available to this gateway's Copilot accounts"
                + (lookedFor.equalsIgnoreCase(requested.strip()) ? "" : " (looked for '" + lookedFor + "')");
        return suggestions.isEmpty()
                ? message + "; GET /v1/models lists the available ones"
                : message + "; did you mean " + String.join(", ", suggestions) + "?";
    }
}
