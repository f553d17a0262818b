package dev.copilotgateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationKeysTest {

    private static JsonObject json(String text) {
        return JsonIo.read(text).asJsonObject();
    }

    @Test
    void theClientsOwnSessionIdComesFirst() {
        assertEquals("cache:codex-thread-1", ConversationKeys.openAi(json("{\"prompt_cache_key\":\"codex-thread-1\",\"input\":\"hi\"}"), null));
        String claudeCode = "{\"metadata\":{\"user_id\":\"{\\\"device_id\\\":\\\"d1\\\",\\\"session_id\\\":\\\"s-42\\\"}\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertEquals("session:s-42", ConversationKeys.anthropic(json(claudeCode)));
        assertEquals("session:codex-7", ConversationKeys.openAi(json("{\"input\":\"hi\"}"), "codex-7"));
        assertEquals("cache:k", ConversationKeys.openAi(json("{\"prompt_cache_key\":\"k\",\"input\":\"hi\"}"), "codex-7"),
                "the body's key first");
        assertEquals("x", ConversationKeys.sessionHeader(Map.of("x-session-id", "x", "conversation_id", "y")::get));
        assertNull(ConversationKeys.sessionHeader(Map.<String, String>of()::get));
    }

    @Test
    void laterTurnsOfAConversationHaveTheKeyOfItsFirst() {
        String first = "{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"question one\"}]}";
        String later = "{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"question one\"},"
                + "{\"role\":\"assistant\",\"content\":\"answer\"},{\"role\":\"user\",\"content\":\"question two\"}]}";
        String other = "{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"another topic\"}]}";
        assertEquals(ConversationKeys.openAi(json(first), null), ConversationKeys.openAi(json(later), null));
        assertNotEquals(ConversationKeys.openAi(json(first), null), ConversationKeys.openAi(json(other), null));
        assertTrue(ConversationKeys.openAi(json(first), null).startsWith("start:"));

        String responsesFirst = "{\"instructions\":\"x\",\"input\":[{\"role\":\"user\",\"content\":\"q\"}]}";
        String responsesLater = "{\"instructions\":\"x\",\"input\":[{\"role\":\"user\",\"content\":\"q\"},{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"o\"}]}";
        assertEquals(ConversationKeys.openAi(json(responsesFirst), null), ConversationKeys.openAi(json(responsesLater), null));

        String geminiFirst = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}]}";
        String geminiLater = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"a\"}]}]}";
        assertEquals(ConversationKeys.gemini(json(geminiFirst)), ConversationKeys.gemini(json(geminiLater)));

        String anthropicFirst = "{\"system\":\"s\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}";
        String anthropicOther = "{\"system\":\"t\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}";
        assertNotEquals(ConversationKeys.anthropic(json(anthropicFirst)), ConversationKeys.anthropic(json(anthropicOther)));
    }

    @Test
    void nothingToGoByIsNoKey() {
        assertNull(ConversationKeys.openAi(json("{\"input\":[]}"), null));
        assertNull(ConversationKeys.openAi(null, null));
        assertNull(ConversationKeys.gemini(json("{}")));
    }
}
