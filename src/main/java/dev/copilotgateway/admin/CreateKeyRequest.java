package dev.copilotgateway.admin;

import dev.copilotgateway.api.InvalidRequestException;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.security.ApiKeyService;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The body of {@code POST /admin/api/keys}: {@code name}, and optionally {@code owner}, {@code accountId} and
 * one of {@code expiresAt} (ISO-8601 with offset) or {@code expiresInDays}. Unknown fields are refused, so a
 * misspelt {@code expires_at} cannot silently create a key that never expires. JSON {@code null} means absent.
 */
record CreateKeyRequest(String name, String owner, Long accountId, Instant expiresAt, Integer expiresInDays) {

    private static final List<String> FIELDS = List.of("name", "owner", "accountId", "expiresAt", "expiresInDays");

    /** @throws InvalidRequestException when the body is not such an object */
    static CreateKeyRequest parse(String body) {
        JsonObject json = object(body);
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidRequestException(field, "Unknown field '" + field + "'; the fields are " + String.join(", ", FIELDS));
            }
        }
        Instant expiresAt = time(json, "expiresAt");
        Integer expiresInDays = days(json, "expiresInDays");
        if (expiresAt != null && expiresInDays != null) {
            throw new InvalidRequestException("expiresInDays", "Give expiresAt or expiresInDays, not both");
        }
        return new CreateKeyRequest(string(json, "name"), string(json, "owner"), id(json, "accountId"), expiresAt, expiresInDays);
    }

    /** When the key expires, if ever, for a request made at {@code now}. */
    Instant expiry(Instant now) {
        return expiresInDays == null ? expiresAt : now.plus(Duration.ofDays(expiresInDays));
    }

    private static JsonObject object(String body) {
        JsonValue value;
        try {
            value = JsonIo.read(body == null ? "" : body);
        } catch (JsonException malformed) {
            throw new InvalidRequestException(null, "The body is not valid JSON; send an object such as {\"name\":\"laptop\"}");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidRequestException(null, "The body must be a JSON object such as {\"name\":\"laptop\"}");
        }
        return value.asJsonObject();
    }

    private static JsonValue field(JsonObject json, String field) {
        JsonValue value = json.get(field);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private static String string(JsonObject json, String field) {
        JsonValue value = field(json, field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw new InvalidRequestException(field, field + " must be a string");
        }
        return text.getString();
    }

    private static Long id(JsonObject json, String field) {
        JsonValue value = field(json, field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new InvalidRequestException(field, field + " must be a whole number");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new InvalidRequestException(field, field + " is out of range");
        }
    }

    private static Integer days(JsonObject json, String field) {
        JsonValue value = field(json, field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()
                || number.bigIntegerValue().compareTo(BigInteger.ONE) < 0
                || number.bigIntegerValue().compareTo(BigInteger.valueOf(ApiKeyService.MAX_LIFETIME_DAYS)) > 0) {
            throw new InvalidRequestException(field, field + " must be a whole number from 1 to " + ApiKeyService.MAX_LIFETIME_DAYS);
        }
        return number.intValue();
    }

    private static Instant time(JsonObject json, String field) {
        String text = string(json, field);
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
