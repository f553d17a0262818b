package dev.copilotgateway.protocol.anthropic;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Reading and checking the JSON body of an Anthropic Messages request; every mistake is a 400 in Anthropic's shape. */
public final class AnthropicRequests {

    private static final char[] ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /**
     * Message ids in Anthropic's style ({@code msg_} and 24 base-62 characters) for translated replies: unique, not
     * secret, so from the thread's own generator rather than a shared {@code SecureRandom}'s lock.
     */
    public static final Supplier<String> MESSAGE_IDS = () -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder("msg_");
        for (int i = 0; i < 24; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    };

    private AnthropicRequests() {
    }

    public static JsonObject parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw AnthropicException.invalidRequest("The request body is empty; send a JSON object");
        }
        JsonValue value;
        try {
            value = JsonIo.read(body);
        } catch (JsonException malformed) {
            throw AnthropicException.invalidRequest("The request body is not valid JSON");
        }
        if (!(value instanceof JsonObject object)) {
            throw AnthropicException.invalidRequest("The request body must be a JSON object");
        }
        return object;
    }

    public static String requiredString(JsonObject request, String field) {
        if (!(request.get(field) instanceof JsonString text) || text.getString().isBlank()) {
            throw AnthropicException.invalidRequest(field + ": field required (a non-empty string)");
        }
        return text.getString();
    }

    public static JsonArray requiredMessages(JsonObject request) {
        if (!(request.get("messages") instanceof JsonArray messages)) {
            throw AnthropicException.invalidRequest("messages: field required (an array of messages)");
        }
        return messages;
    }

    /** {@code max_tokens}: required by the Messages API, a positive integer. */
    public static long requiredMaxTokens(JsonObject request) {
        if (!(request.get("max_tokens") instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 1) {
            throw AnthropicException.invalidRequest("max_tokens: field required (a positive integer)");
        }
        return number.longValue();
    }

    /** An optional boolean: absent or null is {@code false}. */
    public static boolean optionalBoolean(JsonObject request, String field) {
        JsonValue value = request.get(field);
        if (value == null || value == JsonValue.NULL) {
            return false;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw AnthropicException.invalidRequest(field + ": must be a boolean");
        }
        return value == JsonValue.TRUE;
    }

    /** {@code stop_sequences}, empty when absent. */
    public static List<String> stopSequences(JsonObject request) {
        JsonValue value = request.get("stop_sequences");
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw AnthropicException.invalidRequest("stop_sequences: must be an array of strings");
        }
        List<String> sequences = new ArrayList<>(array.size());
        for (JsonValue sequence : array) {
            if (!(sequence instanceof JsonString text)) {
                throw AnthropicException.invalidRequest("stop_sequences: must be an array of strings");
            }
            sequences.add(text.getString());
        }
        return List.copyOf(sequences);
    }
}
