package dev.copilotgateway.admin;

import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.security.ApiKeyService;
import dev.copilotgateway.security.KeyLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The body of {@code POST /admin/api/keys}: {@code name}, and optionally {@code owner}, {@code accountId},
 * one of {@code expiresAt} (ISO-8601 with offset) or {@code expiresInDays}, {@code limits} ({@link KeyLimitsJson}) and
 * {@code models} (the model ids the key may use; absent or null: every model). Unknown fields are refused, so a
 * misspelt {@code expires_at} cannot silently create a key that never expires. JSON {@code null} means absent.
 */
record CreateKeyRequest(String name, String owner, Long accountId, Instant expiresAt, Integer expiresInDays, KeyLimits limits,
                        List<String> models) {

    private static final List<String> FIELDS = List.of("name", "owner", "accountId", "expiresAt", "expiresInDays", "limits", "models");

    /** @throws InvalidRequestException when the body is not such an object */
    static CreateKeyRequest parse(String body) {
        JsonBody json = JsonBody.parse(body, FIELDS, "{\"name\":\"laptop\"}");
        Instant expiresAt = time(json, "expiresAt");
        Integer expiresInDays = json.integer("expiresInDays", 1, ApiKeyService.MAX_LIFETIME_DAYS);
        if (expiresAt != null && expiresInDays != null) {
            throw new InvalidRequestException("expiresInDays", "Give expiresAt or expiresInDays, not both");
        }
        return new CreateKeyRequest(json.string("name"), json.string("owner"), json.id("accountId"), expiresAt, expiresInDays,
                KeyLimitsJson.parse(json, "limits"), json.strings("models"));
    }

    /** When the key expires, if ever, for a request made at {@code now}. */
    Instant expiry(Instant now) {
        return expiresInDays == null ? expiresAt : now.plus(Duration.ofDays(expiresInDays));
    }

    private static Instant time(JsonBody json, String field) {
        String text = json.string(field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException invalid) {
            throw new InvalidRequestException(field, field + " must be an ISO-8601 time with an offset, such as 2030-01-31T00:00:00Z");
        }
    }
}
