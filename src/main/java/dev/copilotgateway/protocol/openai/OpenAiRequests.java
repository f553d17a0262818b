package dev.copilotgateway.protocol.openai;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/** Reading and checking the JSON body of an OpenAI-style request; every mistake is a 400 naming the field. */
public final class OpenAiRequests {

    private OpenAiRequests() {
    }

    public static JsonObject parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw OpenAiException.invalidRequest("The request body is empty; send a JSON object", null);
        }
        try {
            JsonValue value = JsonIo.read(body);
            if (!(value instanceof JsonObject object)) {
                throw OpenAiException.invalidRequest("The request body must be a JSON object", null);
            }
            return object;
        } catch (JsonParsingException malformed) {
            throw OpenAiException.invalidRequest("The request body is not valid JSON: " + malformed.getMessage(), null);
        } catch (jakarta.json.JsonException unreadable) {
            throw OpenAiException.invalidRequest("The request body is not valid JSON: " + unreadable.getMessage(), null);
        }
    }

    public static String requiredString(JsonObject request, String field) {
        JsonValue value = request.get(field);
        if (!(value instanceof JsonString text) || text.getString().isBlank()) {
            throw OpenAiException.invalidRequest("'" + field + "' is required and must be a non-empty string", field);
        }
        return text.getString();
    }

    public static JsonArray requiredNonEmptyArray(JsonObject request, String field) {
        JsonValue value = request.get(field);
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw OpenAiException.invalidRequest("'" + field + "' is required and must be a non-empty array", field);
        }
        return array;
    }

    /** An optional boolean: absent or null is {@code false}. */
    public static boolean optionalBoolean(JsonObject request, String field) {
        JsonValue value = request.get(field);
        if (value == null || value == JsonValue.NULL) {
            return false;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw OpenAiException.invalidRequest("'" + field + "' must be a boolean", field);
        }
        return value == JsonValue.TRUE;
    }

    /** Whether any message carries an image part (Copilot then needs {@code copilot-vision-request: true}). */
    public static boolean hasImages(JsonArray messages) {
        for (JsonValue message : messages) {
            if (message instanceof JsonObject object && object.get("content") instanceof JsonArray parts) {
                for (JsonValue part : parts) {
                    if (part instanceof JsonObject partObject && "image_url".equals(partObject.getString("type", null))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
