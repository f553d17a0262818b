package dev.copilotgateway.admin;

import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.security.KeyChanges;
import java.util.List;

/**
 * The body of {@code PATCH /admin/api/keys/{id}}: any of {@code name}, {@code owner} (null clears it), {@code limits}
 * (a field given changes that limit, null clears it, an absent one is kept; {@code "limits": null} clears all) and
 * {@code models} (replaces the list; null allows every model). Unknown fields are refused; an empty body is a 400.
 */
final class UpdateKeyRequest {

    private static final List<String> FIELDS = List.of("name", "owner", "limits", "models");
    private static final String EXAMPLE = "{\"limits\":{\"requestsPerMinute\":60},\"models\":[\"gpt-4.1\"]}";

    private UpdateKeyRequest() {
    }

    /** @throws InvalidRequestException when the body is not such an object */
    static KeyChanges parse(String body) {
        JsonBody json = JsonBody.parse(body, FIELDS, EXAMPLE);
        if (!FIELDS.stream().anyMatch(json::has)) {
            throw new InvalidRequestException(null, "Nothing to change: send any of " + String.join(", ", FIELDS) + ", such as " + EXAMPLE);
        }
        if (json.has("name") && json.string("name") == null) {
            throw new InvalidRequestException("name", "name cannot be removed");
        }
        KeyChanges changes = new KeyChanges(json.string("name"),
                json.has("owner") ? new KeyChanges.Change<>(json.string("owner")) : null,
                null, null, null,
                json.has("models") ? new KeyChanges.Change<>(json.strings("models")) : null);
        return KeyLimitsJson.limitChanges(json, "limits", changes);
    }
}
