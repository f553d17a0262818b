package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.stream.Collectors;

/** Pulls plain text out of the message lists of the three dialects. */
final class MessageText {

    private MessageText() {
    }

    /** Text of the last {@code role: "user"} entry of a message/input list; empty when there is none. */
    static String lastUserText(JsonValue messages) {
        if (!(messages instanceof JsonArray)) {
            return "";
        }
        JsonArray list = (JsonArray) messages;
        for (int i = list.size() - 1; i >= 0; i--) {
            JsonValue entry = list.get(i);
            if (entry instanceof JsonObject && "user".equals(Jsons.string((JsonObject) entry, "role"))) {
                return textOf(((JsonObject) entry).get("content"));
            }
        }
        return "";
    }

    /**
     * The last entry of a message/input list that is not an instruction ({@code role} system or developer, which
     * agents may put anywhere in the list); null when there is none.
     */
    static JsonObject lastConversationEntry(JsonValue messages) {
        if (!(messages instanceof JsonArray)) {
            return null;
        }
        JsonArray list = (JsonArray) messages;
        for (int i = list.size() - 1; i >= 0; i--) {
            JsonValue entry = list.get(i);
            if (entry instanceof JsonObject object) {
                String role = Jsons.string(object, "role");
                if (!"system".equals(role) && !"developer".equals(role)) {
                    return object;
                }
            }
        }
        return null;
    }

    /** A string content as is; an array of parts as the concatenation of their {@code text} members. */
    static String textOf(JsonValue content) {
        if (content instanceof JsonString) {
            return ((JsonString) content).getString();
        }
        if (!(content instanceof JsonArray)) {
            return "";
        }
        return ((JsonArray) content).stream()
                .filter(JsonObject.class::isInstance)
                .map(part -> Jsons.string((JsonObject) part, "text"))
                .filter(text -> text != null)
                .collect(Collectors.joining());
    }
}
