package dev.copilotgateway.translate.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** UPSTREAM.md §6.5: the anthropic-beta header sent to /v1/messages. */
class NativeMessagesBetasTest {

    private static final String CLAUDE_CODE = "claude-code-20250219,interleaved-thinking-2025-05-14,"
            + "fine-grained-tool-streaming-2025-05-14,context-management-2025-06-27,context-1m-2025-08-07";

    private final NativeMessagesBetas betas = new NativeMessagesBetas(
            List.of("interleaved-thinking-2025-05-14", "context-management-2025-06-27", "advanced-tool-use-2025-11-20"));

    private static JsonObject json(String text) {
        return JsonIo.read(text.replace('\'', '"')).asJsonObject();
    }

    @Test
    void onlyAllowListedBetasPassInTheClientsOrderOnce() {
        assertEquals(List.of("interleaved-thinking-2025-05-14", "context-management-2025-06-27"), betas.allowed(CLAUDE_CODE));
        assertEquals(List.of("context-management-2025-06-27", "interleaved-thinking-2025-05-14"),
                betas.allowed(" Context-Management-2025-06-27 ,interleaved-thinking-2025-05-14,context-management-2025-06-27"));
        assertEquals(Optional.of("interleaved-thinking-2025-05-14,context-management-2025-06-27"), betas.header(CLAUDE_CODE, json("{}")));
    }

    @Test
    void context1mAndClaudeCodeMarkersAreDropped() {
        assertEquals(Optional.empty(), betas.header("claude-code-20250219,context-1m-2025-08-07,oauth-2025-04-20", json("{}")));
        assertEquals(Optional.empty(), betas.header(null, json("{}")));
    }

    @Test
    void budgetThinkingAddsInterleavedThinking() {
        JsonObject budget = json("{'thinking':{'type':'enabled','budget_tokens':4096}}");
        assertEquals(Optional.of("interleaved-thinking-2025-05-14"), betas.header(null, budget));
        assertEquals(Optional.of("context-management-2025-06-27,interleaved-thinking-2025-05-14"),
                betas.header("context-management-2025-06-27", budget));
    }

    @Test
    void adaptiveThinkingRemovesInterleavedThinking() {
        JsonObject adaptive = json("{'thinking':{'type':'adaptive'}}");
        assertEquals(Optional.of("context-management-2025-06-27"), betas.header(CLAUDE_CODE, adaptive));
        assertEquals(Optional.empty(), betas.header("interleaved-thinking-2025-05-14", adaptive));
    }

    @Test
    void theAllowListIsConfigurable() {
        NativeMessagesBetas withTtl = new NativeMessagesBetas(List.of("extended-cache-ttl-2025-04-11"));
        assertEquals(Optional.of("extended-cache-ttl-2025-04-11"), withTtl.header("extended-cache-ttl-2025-04-11,claude-code-20250219", json("{}")));
        assertEquals(Optional.empty(), withTtl.header(null, json("{'thinking':{'type':'enabled','budget_tokens':4096}}")),
                "interleaved thinking is only added when allowed");
    }
}
