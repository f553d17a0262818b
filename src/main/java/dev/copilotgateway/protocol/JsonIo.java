package dev.copilotgateway.protocol;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON-P entry point of the gateway. {@code jakarta.json.Json.createXxx} looks the provider up through a
 * ServiceLoader scan on every call, which showed up in the benchmark's profile; this looks it up once.
 */
public final class JsonIo {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonIo() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    /**
     * Parses one JSON value.
     *
     * @throws JsonException (or its subclass {@code JsonParsingException}) when the bytes are not one JSON value, or one
     *                       nested too deeply to read
     */
    public static JsonValue read(byte[] utf8) {
        return read(PROVIDER.createReader(new ByteArrayInputStream(utf8)));
    }

    /** Parses one JSON value from text; throws like {@link #read(byte[])}. */
    public static JsonValue read(String text) {
        return read(PROVIDER.createReader(new StringReader(text)));
    }

    /** Parses one JSON object (an upstream's answer); throws like {@link #read(byte[])}, also when the value is no object. */
    public static JsonObject readObject(byte[] utf8) {
        if (read(utf8) instanceof JsonObject object) {
            return object;
        }
        throw new JsonException("Expected a JSON object");
    }

    /** Every way the reader refuses its input as the one exception callers handle. */
    private static JsonValue read(JsonReader source) {
        try (JsonReader reader = source) {
            return reader.readValue();
        } catch (JsonException malformed) {
            throw malformed;
        } catch (IllegalStateException trailingContent) {
            throw new JsonException("Unexpected content after the JSON value", trailingContent);
        } catch (RuntimeException unreadable) {
            // Parsson reports nesting past its depth limit (1000) as a bare RuntimeException: still the sender's mistake.
            throw new JsonException("The JSON cannot be read: " + unreadable.getMessage(), unreadable);
        }
    }

    public static byte[] bytes(JsonValue value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
