package dev.copilotgateway.protocol.gemini;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reading and checking the JSON body of a Gemini {@code generateContent} request; every mistake is a 400
 * {@code INVALID_ARGUMENT} in Google's shape. The fields inside {@code contents} are checked by the translation,
 * whose {@code RequestContentException} {@link #invalid} turns into the same kind of error.
 */
public final class GeminiRequests {

    private GeminiRequests() {
    }

    public static JsonObject parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw GeminiException.invalidArgument("The request body is empty; send a JSON object");
        }
        JsonValue value;
        try {
            value = JsonIo.read(body);
        } catch (JsonException malformed) {
            throw GeminiException.invalidArgument("The request body is not valid JSON");
        }
        if (!(value instanceof JsonObject object)) {
            throw GeminiException.invalidArgument("The request body must be a JSON object");
        }
        return object;
    }

    /** A {@code generateContent} / {@code streamGenerateContent} body: a JSON object with {@link #requireContents contents}. */
    public static JsonObject generateContentRequest(byte[] body) {
        JsonObject request = parseObject(body);
        requireContents(request);
        return request;
    }

    /**
     * {@code contents}: required, a non-empty array of Content objects (or, as some clients send, a non-empty
     * string, which is one user turn; §11.2).
     */
    public static void requireContents(JsonObject request) {
        JsonValue contents = request.get("contents");
        boolean present = contents instanceof JsonArray array && !array.isEmpty()
                || contents instanceof JsonString text && !text.getString().isBlank();
        if (!present) {
            throw GeminiException.invalidArgument("* GenerateContentRequest.contents: contents is not specified");
        }
    }

    /** Google's wording of a bad field ({@code field} null when the request as a whole is at fault). */
    public static GeminiException invalid(String field, String message) {
        return GeminiException.invalidArgument(field == null ? message : "* GenerateContentRequest." + field + ": " + message);
    }
}
