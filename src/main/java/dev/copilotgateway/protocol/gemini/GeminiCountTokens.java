package dev.copilotgateway.protocol.gemini;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * {@code :countTokens} (TRANSLATION.md §11.6): the request is either {@code {"contents":[…]}} or
 * {@code {"generateContentRequest":{…}}} (preferred when present); the answer is {@code {"totalTokens":N}}.
 * Counting itself is done on the Chat translation of the request by the caller.
 */
public final class GeminiCountTokens {

    private GeminiCountTokens() {
    }

    /** The generateContent-shaped request to count, checked like one (400 {@code INVALID_ARGUMENT} otherwise). */
    public static JsonObject request(JsonObject countTokensBody) {
        JsonValue nested = countTokensBody.get("generateContentRequest");
        if (nested != null && nested != JsonValue.NULL && !(nested instanceof JsonObject)) {
            throw GeminiException.invalidArgument("* CountTokensRequest.generateContentRequest: must be an object");
        }
        JsonObject request = nested instanceof JsonObject object ? object : countTokensBody;
        GeminiRequests.requireContents(request);
        return request;
    }

    public static JsonObject response(long totalTokens) {
        return JsonIo.object().add("totalTokens", totalTokens).build();
    }
}
