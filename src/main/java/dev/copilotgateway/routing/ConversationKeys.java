package dev.copilotgateway.routing;

import dev.copilotgateway.security.Hashes;
import dev.copilotgateway.translate.anthropic.ClaudeCodeRequests;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What identifies a conversation, so that the pool keeps its requests on one account: the client's own session id
 * when it sends one (Claude Code's {@code metadata.user_id} session, Codex's and the OpenAI SDK's
 * {@code prompt_cache_key}, a session header such as Codex's {@code session_id}), or else a hash of how the conversation began (its instructions and first message),
 * which every later request of the conversation repeats. Null when the request has nothing to go by.
 */
public final class ConversationKeys {

    /** Request headers that carry a client's session id, first found wins. */
    public static final List<String> SESSION_HEADERS = List.of("session_id", "x-session-id", "conversation_id");

    private ConversationKeys() {
    }

    /** The first session header the request has ({@code header}: a look-up by name), or null. */
    public static String sessionHeader(Function<String, String> header) {
        return SESSION_HEADERS.stream().map(header).filter(value -> value != null && !value.isBlank()).findFirst().orElse(null);
    }

    /** Chat Completions and Responses requests; {@code sessionHeader}: the value of a session header, or null. */
    public static String openAi(JsonObject request, String sessionHeader) {
        if (request == null) {
            return null;
        }
        if (request.get("prompt_cache_key") instanceof JsonString key && !key.getString().isBlank()) {
            return "cache:" + key.getString();
        }
        if (sessionHeader != null && !sessionHeader.isBlank()) {
            return "session:" + sessionHeader.strip();
        }
        if (request.get("messages") instanceof JsonArray messages) {
            return beginning(firstOfRole(messages, "system", "developer"), firstOfRole(messages, "user"));
        }
        JsonValue input = request.get("input");
        return beginning(request.get("instructions"), input instanceof JsonArray ? first(input) : input);
    }

    /** Anthropic Messages requests. */
    public static String anthropic(JsonObject request) {
        Optional<String> session = ClaudeCodeRequests.userId(request).flatMap(ClaudeCodeRequests.UserId::sessionId);
        if (session.isPresent()) {
            return "session:" + session.get();
        }
        return beginning(request.get("system"), first(request.get("messages")));
    }

    /** Gemini generateContent requests. */
    public static String gemini(JsonObject request) {
        JsonValue system = request.get("systemInstruction") != null ? request.get("systemInstruction") : request.get("system_instruction");
        return beginning(system, first(request.get("contents")));
    }

    private static JsonValue first(JsonValue list) {
        return list instanceof JsonArray array && !array.isEmpty() ? array.get(0) : null;
    }

    private static JsonValue firstOfRole(JsonArray messages, String... roles) {
        for (JsonValue message : messages) {
            if (message instanceof JsonObject object && object.get("role") instanceof JsonString role
                    && Arrays.asList(roles).contains(role.getString())) {
                return message;
            }
        }
        return null;
    }

    private static String beginning(JsonValue instructions, JsonValue firstMessage) {
        if (firstMessage == null) {
            return null;
        }
        String text = (instructions == null ? "" : instructions.toString()) + "\u0000" + firstMessage;
        return "start:" + Hashes.sha256Hex(text);
    }
}
