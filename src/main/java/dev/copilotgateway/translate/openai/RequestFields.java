package dev.copilotgateway.translate.openai;

import dev.copilotgateway.protocol.RequestContentException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reading the fields of an OpenAI-style request body, each mistake a 400 naming the field's path. */
final class RequestFields {

    private RequestFields() {
    }

    static boolean present(JsonValue value) {
        return value != null && value != JsonValue.NULL;
    }

    static JsonObject object(JsonValue value, String path) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new RequestContentException(path, path + " must be an object");
    }

    static String string(JsonObject object, String key, String path) {
        if (object.get(key) instanceof JsonString string) {
            return string.getString();
        }
        throw new RequestContentException(path + "." + key, path + "." + key + " must be a string");
    }
}
