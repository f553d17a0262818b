package dev.copilotgateway.translate;

import dev.copilotgateway.protocol.RequestContentException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The readers of JSON fields every translator uses: lenient ones for what an upstream sent (a missing or mistyped
 * value reads as nothing), strict ones for the client's request (a mistyped value is a 400 naming the field's path).
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The string, or null when the value is absent or not a string. */
    public static String string(JsonValue value) {
        return value instanceof JsonString text ? text.getString() : null;
    }

    /** The objects of an array value (other elements skipped); nothing when the value is not an array. */
    public static List<JsonObject> objects(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    /** Whether the value is there and not JSON {@code null}. */
    public static boolean present(JsonValue value) {
        return value != null && value != JsonValue.NULL;
    }

    /** The client's object at {@code path}; anything else is a 400 naming it. */
    public static JsonObject object(JsonValue value, String path) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new RequestContentException(path, path + " must be an object");
    }

    /**
     * The texts of the client's message content at {@code path}: a string, or an array of parts that each have a
     * {@code text}; none when absent. Anything else is a 400 naming it.
     */
    public static List<String> texts(JsonValue content, String path) {
        if (!present(content)) {
            return List.of();
        }
        if (content instanceof JsonString text) {
            return List.of(text.getString());
        }
        if (!(content instanceof JsonArray parts)) {
            throw new RequestContentException(path, "content must be a string or an array of text parts");
        }
        List<String> texts = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            texts.add(string(object(parts.get(j), path + "[" + j + "]"), "text", path + "[" + j + "]"));
        }
        return texts;
    }

    /** The client's string {@code key} of the object at {@code path}; anything else is a 400 naming it. */
    public static String string(JsonObject object, String key, String path) {
        if (object.get(key) instanceof JsonString string) {
            return string.getString();
        }
        throw new RequestContentException(path + "." + key, path + "." + key + " must be a string");
    }
}
