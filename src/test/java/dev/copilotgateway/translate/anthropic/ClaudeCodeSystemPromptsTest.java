package dev.copilotgateway.translate.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-model extra system prompts of the setting extra-system-prompts. */
class ClaudeCodeSystemPromptsTest {

    private final ClaudeCodeSystemPrompts prompts = new ClaudeCodeSystemPrompts(Map.of("*", "Be kind.", "claude-sonnet-4.6", "Answer briefly."));

    private static JsonObject json(String text) {
        return JsonIo.read(text.replace('\'', '"')).asJsonObject();
    }

    @Test
    void appendedToAStringSystemEveryModelFirst() {
        assertEquals(json("{'system':'You code.\\n\\nBe kind.\\n\\nAnswer briefly.','messages':[]}"),
                prompts.apply(json("{'system':'You code.','messages':[]}"), "claude-sonnet-4.6"));
        assertEquals(json("{'system':'You code.\\n\\nBe kind.'}"), prompts.apply(json("{'system':'You code.'}"), "gpt-5-mini"));
    }

    @Test
    void appendedAsBlocksAfterTheClientsCachedBlocks() {
        assertEquals(json("{'system':[{'type':'text','text':'You code.','cache_control':{'type':'ephemeral'}},"
                + "{'type':'text','text':'Be kind.'},{'type':'text','text':'Answer briefly.'}]}"),
                prompts.apply(json("{'system':[{'type':'text','text':'You code.','cache_control':{'type':'ephemeral'}}]}"), "claude-sonnet-4.6"));
    }

    @Test
    void becomesTheSystemWhenThereIsNone() {
        assertEquals(json("{'messages':[],'system':'Be kind.\\n\\nAnswer briefly.'}"), prompts.apply(json("{'messages':[]}"), "claude-sonnet-4.6"));
    }

    @Test
    void unchangedWhenNothingApplies() {
        JsonObject request = json("{'system':'You code.'}");
        assertSame(request, new ClaudeCodeSystemPrompts(Map.of("claude-opus-4.6", "x")).apply(request, "claude-sonnet-4.6"));
        assertSame(request, new ClaudeCodeSystemPrompts(Map.of()).apply(request, "claude-sonnet-4.6"));
    }
}
