package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** JSON-P helpers. The provider is looked up once: {@code Json.createXxx} repeats a ServiceLoader scan per call. */
final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    static JsonArrayBuilder array(Collection<?> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    /** A JSON string, or JSON null for a Java null (builders reject plain nulls). */
    /** The strings of {@code value}: a JSON string alone, the strings of an array, or none. */
    static List<String> strings(JsonValue value) {
        if (value instanceof JsonString text) {
            return List.of(text.getString());
        }
        if (value instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(item -> ((JsonString) item).getString()).toList();
        }
        return List.of();
    }

    static JsonValue stringOrNull(String value) {
        return value == null ? JsonValue.NULL : PROVIDER.createValue(value);
    }

    static JsonObject parseObject(String text) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static JsonArray parseArray(String text) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }

    /** The body as a JSON object, or empty when it is blank or not a JSON object. */
    static Optional<JsonObject> tryParseObject(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parseObject(text));
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    /** The string member {@code key}, or null when absent or not a string. */
    static String string(JsonObject object, String key) {
        JsonValue value = object.get(key);
        return value instanceof JsonString ? ((JsonString) value).getString() : null;
    }
}
