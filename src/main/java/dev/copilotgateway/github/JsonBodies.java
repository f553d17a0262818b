package dev.copilotgateway.github;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Optional;

/** Defensive reading of GitHub's JSON answers: a missing or mistyped member is empty, never an exception. */
final class JsonBodies {

    static final JsonProvider JSON = JsonIo.PROVIDER;

    private JsonBodies() {
    }

    /** The body as a JSON object, or empty when it is not one. */
    static Optional<JsonObject> object(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException | IllegalStateException notJson) {
            return Optional.empty();
        }
    }

    static Optional<String> string(JsonObject object, String key) {
        return object.get(key) instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty();
    }

    static Optional<JsonObject> child(JsonObject object, String key) {
        return object.get(key) instanceof JsonObject child ? Optional.of(child) : Optional.empty();
    }

    static Optional<Long> integer(JsonObject object, String key) {
        return object.get(key) instanceof JsonNumber number ? Optional.of(number.longValue()) : Optional.empty();
    }

    static Double decimal(JsonObject object, String key) {
        return object.get(key) instanceof JsonNumber number ? number.doubleValue() : null;
    }

    static Boolean bool(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value == JsonValue.TRUE) {
            return Boolean.TRUE;
        }
        return value == JsonValue.FALSE ? Boolean.FALSE : null;
    }
}
