package dev.copilotgateway.upstream;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Who started a turn, for {@code x-initiator} (UPSTREAM.md §6.4): {@code user} for a turn a person typed,
 * {@code agent} for the follow-ups an agent makes on its own (tool results, continuations), which Copilot does not
 * bill as new premium requests. Decided from the structure of the payload being sent upstream.
 */
public final class Initiators {

    public static final String USER = "user";
    public static final String AGENT = "agent";

    private Initiators() {
    }

    /** Chat Completions: the last message that is not {@code system}/{@code developer} is from the assistant or a tool. */
    public static String forChatCompletions(JsonObject payload) {
        List<JsonObject> messages = objects(payload.get("messages"));
        for (int i = messages.size() - 1; i >= 0; i--) {
            String role = string(messages.get(i).get("role"));
            if ("system".equals(role) || "developer".equals(role)) {
                continue;
            }
            return "assistant".equals(role) || "tool".equals(role) ? AGENT : USER;
        }
        return USER;
    }

    /**
     * Anthropic Messages: the last message is not the user's, or it is the user's but carries only
     * {@code tool_result} blocks.
     */
    public static String forAnthropicMessages(JsonObject payload) {
        List<JsonObject> messages = objects(payload.get("messages"));
        if (messages.isEmpty()) {
            return USER;
        }
        JsonObject last = messages.get(messages.size() - 1);
        if (!"user".equals(string(last.get("role")))) {
            return AGENT;
        }
        List<JsonObject> blocks = objects(last.get("content"));
        boolean onlyToolResults = !blocks.isEmpty() && blocks.stream().allMatch(block -> "tool_result".equals(string(block.get("type"))));
        return onlyToolResults ? AGENT : USER;
    }

    /** Responses: the last input item has no role (e.g. {@code function_call_output}) or is the assistant's. */
    public static String forResponses(JsonObject payload) {
        if (!(payload.get("input") instanceof JsonArray input) || input.isEmpty()) {
            return USER;
        }
        JsonValue last = input.get(input.size() - 1);
        String role = last instanceof JsonObject item ? string(item.get("role")) : null;
        return role == null || role.isEmpty() || "assistant".equals(role) ? AGENT : USER;
    }

    /**
     * The client's own {@code x-initiator} header is trusted when it says {@code agent} (it knows its agent turns);
     * it never makes a turn {@code user}, which would bill a premium request the payload does not call for.
     */
    public static String withClientHint(String structural, String clientHeader) {
        return clientHeader != null && AGENT.equalsIgnoreCase(clientHeader.strip()) ? AGENT : structural;
    }

    private static List<JsonObject> objects(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    private static String string(JsonValue value) {
        return value instanceof JsonString text ? text.getString() : null;
    }
}
