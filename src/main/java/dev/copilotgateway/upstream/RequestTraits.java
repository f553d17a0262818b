package dev.copilotgateway.upstream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the Copilot request headers depend on besides the account (UPSTREAM.md §6): who initiated the turn
 * ({@code user} or {@code agent}, §6.4), whether the payload carries images ({@code copilot-vision-request}),
 * the interaction type and intent, and whether there is a JSON body (no {@code content-type} on GET).
 */
public record RequestTraits(String initiator, boolean vision, String interactionType, String intent, boolean jsonBody,
                            Map<String, String> extraHeaders) {

    /** Intent and interaction type are part of every Copilot request's header set (§6.1); the initiator may be unknown. */
    public RequestTraits {
        Objects.requireNonNull(interactionType, "interactionType");
        Objects.requireNonNull(intent, "intent");
        extraHeaders = Map.copyOf(extraHeaders);
    }

    public RequestTraits(String initiator, boolean vision, String interactionType, String intent, boolean jsonBody) {
        this(initiator, vision, interactionType, intent, jsonBody, Map.of());
    }

    /** These traits plus a header the request carries for its endpoint, e.g. {@code anthropic-beta} on /v1/messages. */
    public RequestTraits withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(extraHeaders);
        more.put(name, value);
        return new RequestTraits(initiator, vision, interactionType, intent, jsonBody, more);
    }

    public static RequestTraits modelsListing() {
        return new RequestTraits(null, false, "model-access", "model-access", false);
    }

    /** Embeddings carry no conversation turn, so no x-initiator (UPSTREAM.md §11). */
    public static RequestTraits embeddings() {
        return new RequestTraits(null, false, "conversation-agent", "conversation-agent", true);
    }

    public static RequestTraits conversation(String initiator, boolean vision) {
        return new RequestTraits(initiator, vision, "conversation-agent", "conversation-agent", true);
    }
}
