package dev.copilotgateway.routing;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.upstream.CopilotEndpoint;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision table of TRANSLATION.md §1: for an ingress and a model, the Copilot endpoint to send to. Each ingress
 * prefers its own protocol (no translation), then the endpoints it can be translated to, in the spec's order; the
 * model's {@code supported_endpoints} decides what is usable ({@link CopilotModel#supports}, which treats a model
 * without the field as chat-only and ignores {@code ws:/responses}).
 */
public final class RoutePlanner {

    private static final Map<Ingress, List<CopilotEndpoint>> PREFERENCES = new EnumMap<>(Map.of(
            Ingress.ANTHROPIC_MESSAGES, List.of(CopilotEndpoint.MESSAGES, CopilotEndpoint.RESPONSES, CopilotEndpoint.CHAT_COMPLETIONS),
            Ingress.OPENAI_CHAT, List.of(CopilotEndpoint.CHAT_COMPLETIONS, CopilotEndpoint.MESSAGES, CopilotEndpoint.RESPONSES),
            Ingress.OPENAI_RESPONSES, List.of(CopilotEndpoint.RESPONSES, CopilotEndpoint.MESSAGES, CopilotEndpoint.CHAT_COMPLETIONS),
            Ingress.GEMINI, List.of(CopilotEndpoint.CHAT_COMPLETIONS, CopilotEndpoint.MESSAGES, CopilotEndpoint.RESPONSES)));

    private final Map<Ingress, List<CopilotEndpoint>> preferences;

    /** The spec's table. */
    public RoutePlanner() {
        this(PREFERENCES);
    }

    /** A table with some endpoints switched off (e.g. the native Messages path, TRANSLATION.md §1 note). */
    RoutePlanner(Map<Ingress, List<CopilotEndpoint>> preferences) {
        this.preferences = preferences;
    }

    /** The same table without {@code endpoint} (an operator switched that upstream path off). */
    public RoutePlanner without(CopilotEndpoint endpoint) {
        Map<Ingress, List<CopilotEndpoint>> reduced = new EnumMap<>(Ingress.class);
        preferences.forEach((ingress, endpoints) -> reduced.put(ingress, endpoints.stream().filter(e -> e != endpoint).toList()));
        return new RoutePlanner(reduced);
    }

    /** The endpoint to use, or empty when the model supports none this ingress can reach. */
    public Optional<CopilotEndpoint> choose(Ingress ingress, CopilotModel model) {
        return preferences.get(ingress).stream().filter(model::supports).findFirst();
    }

    /** The endpoints this ingress can reach, in order of preference (for error messages). */
    public List<CopilotEndpoint> reachable(Ingress ingress) {
        return preferences.get(ingress);
    }
}
