package dev.copilotgateway.admin;

import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an admin API request body strictly: a JSON object with known fields only (a misspelt field must not be
 * silently ignored), each of the expected type. Every mistake is an {@link InvalidRequestException} naming the field
 * (a 400 in OpenAI's error shape). JSON {@code null} means absent.
 */
final class JsonBody {

    private final JsonObject json;
    /** Put before field names in errors: {@code limits.} for the fields of a nested {@code limits} object. */
    private final String prefix;

    private JsonBody(JsonObject json, String prefix) {
        this.json = json;
        this.prefix = prefix;
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
        return known(value.asJsonObject(), fields, "");
    }

    private static JsonBody known(JsonObject json, List<String> fields, String prefix) {
        for (String field : json.keySet()) {
            if (!fields.contains(field)) {
                throw new InvalidRequestException(prefix + field, "Unknown field '" + prefix + field + "'; the fields are "
                        + String.join(", ", fields.stream().map(known -> prefix + known).toList()));
            }
        }
        return new JsonBody(json, prefix);
    }

    /** Whether {@code field} was sent at all, {@code null} included (PATCH: {@code null} clears, absent keeps). */
    boolean has(String field) {
        return json.containsKey(field);
    }

    /** The object in {@code field} with known fields only (errors name them {@code field.name}), or null. */
    JsonBody object(String field, List<String> fields) {
        JsonValue value = field(field);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidRequestException(name(field), name(field) + " must be an object with the fields " + String.join(", ", fields));
        }
        return known(value.asJsonObject(), fields, name(field) + ".");
    }

    /** An array of strings, or null. */
    List<String> strings(String field) {
        JsonValue value = field(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidRequestException(name(field), name(field) + " must be an array of strings, or null");
        }
        List<String> strings = new ArrayList<>();
        for (JsonValue element : array) {
            if (!(element instanceof JsonString text)) {
                throw new InvalidRequestException(name(field), name(field) + " must be an array of strings, or null");
            }
            strings.add(text.getString());
        }
        return strings;
    }

    /** A whole number (its range is the caller's to check), or null. */
    Long wholeNumber(String field) {
        JsonValue value = field(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new InvalidRequestException(name(field), name(field) + " must be a positive whole number, or null for no limit");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException tooLarge) {
            return Long.MAX_VALUE;
        }
    }

    private String name(String field) {
        return prefix + field;
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
            throw new InvalidRequestException(name(field), name(field) + " must be a string");
        }
        return text.getString();
    }

    Boolean bool(String field) {
        JsonValue value = field(field);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
            throw new InvalidRequestException(name(field), name(field) + " must be true or false");
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
            throw new InvalidRequestException(name(field), name(field) + " must be a whole number");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new InvalidRequestException(name(field), name(field) + " is out of range");
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    Integer integer(String field, long min, long max) {
        JsonValue value = field(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new InvalidRequestException(name(field), name(field) + " must be a whole number from " + min + " to " + max);
        }
        long whole;
        try {
            whole = number.longValueExact();
        } catch (ArithmeticException tooLarge) {
            whole = Long.MAX_VALUE;
        }
        if (whole < min || whole > max) {
            throw new InvalidRequestException(name(field), name(field) + " must be a whole number from " + min + " to " + max);
        }
        return (int) whole;
    }
}
