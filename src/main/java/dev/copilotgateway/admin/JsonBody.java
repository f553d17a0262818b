package dev.copilotgateway.admin;

import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Reads an admin API request body strictly: a JSON object with known fields only (a misspelt field must not be
 * silently ignored), each of the expected type. Every mistake is an {@link InvalidRequestException} naming the field
 * (a 400 in OpenAI's error shape). JSON {@code null} means absent.
 */
final class JsonBody {

    private final JsonObject json;

    private JsonBody(JsonObject json) {
        this.json = json;
    }

    /** {@code body} as an object whose fields are all among {@code fields}; {@code example} shows a valid body. */
    static JsonBody parse(String body, List<String> fields, String example) {
        JsonValue value;
        try {
            value = JsonIo.read(body == null ? "" : body);
        } catch (JsonException malformed) {
            throw new InvalidRequestException(null, "The body is not valid JSON; send an object such as " + example);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidRequestException(null, "The body must be a JSON object such as " + example);
        }
        for (String field : value.asJsonObject().keySet()) {
            if (!fields.contains(field)) {
                throw new InvalidRequestException(field, "Unknown field '" + field + "'; the fields are " + String.join(", ", fields));
            }
        }
        return new JsonBody(value.asJsonObject());
    }

    boolean isEmpty() {
        return json.values().stream().allMatch(value -> value.getValueType() == JsonValue.ValueType.NULL);
    }

    private JsonValue field(String field) {
        JsonValue value = json.get(field);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    String string(String field) {
        JsonValue value = field(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw new InvalidRequestException(field, field + " must be a string");
        }
        return text.getString();
    }

    Boolean bool(String field) {
        JsonValue value = field(field);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
            throw new InvalidRequestException(field, field + " must be true or false");
        }
        return value.getValueType() == JsonValue.ValueType.TRUE;
    }

    /** A whole number that fits a long (an id). */
    Long id(String field) {
        JsonValue value = field(field);
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

    /** A whole number from {@code min} to {@code max}. */
    Integer integer(String field, long min, long max) {
        JsonValue value = field(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new InvalidRequestException(field, field + " must be a whole number from " + min + " to " + max);
        }
        long whole;
        try {
            whole = number.longValueExact();
        } catch (ArithmeticException tooLarge) {
            whole = Long.MAX_VALUE;
        }
        if (whole < min || whole > max) {
            throw new InvalidRequestException(field, field + " must be a whole number from " + min + " to " + max);
        }
        return (int) whole;
    }
}
