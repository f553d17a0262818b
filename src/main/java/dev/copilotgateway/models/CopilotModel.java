package dev.copilotgateway.models;

import dev.copilotgateway.upstream.CopilotEndpoint;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/** One entry of Copilot's {@code /models} list (UPSTREAM.md §7), kept as it came, with the reads the gateway needs. */
public record CopilotModel(JsonObject raw) {

    public String id() {
        return raw.getString("id");
    }

    /** {@code chat}, {@code embeddings} or {@code completion}. */
    public String type() {
        return capabilities().map(caps -> caps.getString("type", "chat")).orElse("chat");
    }

    public String vendor() {
        return raw.getString("vendor", "GitHub Copilot");
    }

    public Optional<JsonObject> capabilities() {
        JsonValue caps = raw.get("capabilities");
        return caps instanceof JsonObject object ? Optional.of(object) : Optional.empty();
    }

    /** The endpoints the model advertises; empty when the field is absent (legacy: chat only, see {@link #supports}). */
    public Optional<List<String>> supportedEndpoints() {
        JsonValue endpoints = raw.get("supported_endpoints");
        if (!(endpoints instanceof JsonArray array)) {
            return Optional.empty();
        }
        return Optional.of(array.stream().filter(JsonString.class::isInstance).map(value -> ((JsonString) value).getString()).toList());
    }

    /** Whether {@code endpoint} can serve this model; a chat model without the field supports /chat/completions only. */
    public boolean supports(CopilotEndpoint endpoint) {
        return supportedEndpoints()
                .map(list -> list.contains(endpoint.path()))
                .orElseGet(() -> endpoint == CopilotEndpoint.CHAT_COMPLETIONS && type().equals("chat")
                        || endpoint == CopilotEndpoint.EMBEDDINGS && type().equals("embeddings"));
    }

    /** Premium requests a user turn on this model costs ({@code billing.multiplier}; 0 for a base model or none given). */
    public double premiumMultiplier() {
        if (!(raw.get("billing") instanceof JsonObject billing) || !(billing.get("multiplier") instanceof JsonNumber multiplier)) {
            return 0;
        }
        return Math.max(0, multiplier.doubleValue());
    }
}
