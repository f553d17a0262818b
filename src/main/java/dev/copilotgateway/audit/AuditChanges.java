package dev.copilotgateway.audit;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;

/**
 * What an audit entry says was changed: the names of the fields sent, as a JSON object. A value is kept only for the
 * fields known to be harmless (flags, numbers, names, roles, models); every other field — a token, a password, a key,
 * whatever a later form adds — is written as {@value #SET}. Allow-listed, so a new secret field is never written by mistake.
 */
public final class AuditChanges {

    static final String SET = "(set)";
    private static final int MAX_VALUE = 200;
    private static final int MAX_TOTAL = 4000;

    /** Fields whose value may be recorded (admin API and console form names alike). */
    static final Set<String> SHOWN = Set.of("name", "owner", "enabled", "priority", "weight", "accountId", "expiresInDays", "expiresAt",
            "username", "role", "strategy", "sticky", "stickinessTtl", "maxAttempts", "from", "to", "listed", "exposed", "accountType",
            "enterpriseHost", "decision", "models", "limits", "requestsPerMinute", "tokensPerDay", "concurrentRequests");

    private AuditChanges() {
    }

    /** The changes a JSON request body makes; null when it is empty or not a JSON object (nothing to show). */
    public static String ofJson(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        JsonValue parsed;
        try {
            parsed = JsonIo.read(body);
        } catch (JsonException | IllegalStateException malformed) {
            return null;
        }
        if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
            return null;
        }
        JsonObjectBuilder changes = JsonIo.object();
        for (Map.Entry<String, JsonValue> field : parsed.asJsonObject().entrySet()) {
            changes.add(field.getKey(), SHOWN.contains(field.getKey()) ? capped(field.getValue()) : JsonIo.PROVIDER.createValue(SET));
        }
        return bounded(changes.build());
    }

    /** The changes a form post makes (its parameters, the CSRF token left out); null when there are none. */
    public static String ofForm(Map<String, String[]> parameters) {
        JsonObjectBuilder changes = JsonIo.object();
        boolean any = false;
        for (Map.Entry<String, String[]> field : parameters.entrySet()) {
            if (field.getKey().equals("csrf")) {
                continue;
            }
            any = true;
            String value = field.getValue().length == 0 ? "" : field.getValue()[0];
            changes.add(field.getKey(), SHOWN.contains(field.getKey()) ? capped(JsonIo.PROVIDER.createValue(value)) : JsonIo.PROVIDER.createValue(SET));
        }
        return any ? bounded(changes.build()) : null;
    }

    private static JsonValue capped(JsonValue value) {
        String text = value.toString();
        return text.length() <= MAX_VALUE ? value : JsonIo.PROVIDER.createValue(text.substring(0, MAX_VALUE) + "…");
    }

    private static String bounded(JsonObject changes) {
        String text = changes.toString();
        return text.length() <= MAX_TOTAL ? text : JsonIo.object().add("fields", String.join(",", changes.keySet())).build().toString();
    }
}
