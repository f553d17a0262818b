package dev.copilotgateway.translate.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesToChatResponseTest {

    private final MessagesToChatResponse translator = new MessagesToChatResponse(Clock.fixed(Instant.ofEpochSecond(1732240000L), ZoneOffset.UTC));

    private JsonObject translate(String message) {
        return translator.translate((JsonObject) JsonIo.read(message), "claude-opus-4.5-1m");
    }

    /** §9.2 last paragraph: text joined, tool_use → tool_calls, thinking → reasoning fields, usage per §13.3. */
    @Test
    void messageWithThinkingTextAndToolsOfSection9_2() {
        JsonObject chat = translate("""
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-opus-4.5",
                 "content": [{"type": "thinking", "thinking": "Need the file.", "signature": "sig-1"},
                             {"type": "text", "text": "Let me "}, {"type": "text", "text": "check."},
                             {"type": "tool_use", "id": "toolu_1", "name": "read_file", "input": {"path": "a.ts"}},
                             {"type": "tool_use", "id": "toolu_2", "name": "stat", "input": {}}],
                 "stop_reason": "tool_use", "stop_sequence": null,
                 "usage": {"input_tokens": 100, "output_tokens": 20, "cache_read_input_tokens": 800, "cache_creation_input_tokens": 50},
                 "copilot_usage": {"total_nano_aiu": 42}}""");
        assertEquals(JsonIo.read("""
                {"id": "msg_1", "object": "chat.completion", "created": 1732240000, "model": "claude-opus-4.5-1m",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Let me check.",
                    "reasoning_text": "Need the file.", "reasoning_opaque": "sig-1",
                    "tool_calls": [{"id": "toolu_1", "type": "function", "function": {"name": "read_file", "arguments": "{\\"path\\":\\"a.ts\\"}"}},
                                   {"id": "toolu_2", "type": "function", "function": {"name": "stat", "arguments": "{}"}}]},
                   "logprobs": null, "finish_reason": "tool_calls"}],
                 "usage": {"prompt_tokens": 950, "completion_tokens": 20, "total_tokens": 970, "prompt_tokens_details": {"cached_tokens": 800}},
                 "copilot_usage": {"total_nano_aiu": 42}}"""), chat);
    }

    /** §9.2: stop_reason mapping. */
    @ParameterizedTest
    @CsvSource({"end_turn, stop", "stop_sequence, stop", "pause_turn, stop", "refusal, stop", "max_tokens, length", "tool_use, tool_calls", "null, stop"})
    void stopReasonOfSection9_2(String stopReason, String finishReason) {
        String reason = stopReason.equals("null") ? "null" : "\"" + stopReason + "\"";
        JsonObject chat = translate("{\"id\": \"msg_2\", \"content\": [{\"type\": \"text\", \"text\": \"x\"}], \"stop_reason\": " + reason + "}");
        assertEquals(finishReason, chat.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void redactedThinkingOnlyAndNoTextGiveOpaqueAndNullContent() {
        JsonObject chat = translate("""
                {"id": "msg_3", "content": [{"type": "redacted_thinking", "data": "ENC"}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": 5, "output_tokens": 1}}""");
        assertEquals(JsonIo.read("""
                {"role": "assistant", "content": null, "reasoning_opaque": "ENC"}"""),
                chat.getJsonArray("choices").getJsonObject(0).get("message"));
        assertEquals(JsonIo.read("{\"prompt_tokens\": 5, \"completion_tokens\": 1, \"total_tokens\": 6, \"prompt_tokens_details\": {\"cached_tokens\": 0}}"),
                chat.get("usage"));
    }
}
