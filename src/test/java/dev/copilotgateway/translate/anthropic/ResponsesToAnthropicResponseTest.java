package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.anthropic.ResponsesFixtures.CODEX;
import static dev.copilotgateway.translate.anthropic.ResponsesFixtures.json;
import static dev.copilotgateway.translate.anthropic.ResponsesFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsesToAnthropicResponseTest {

    private final ResponsesToAnthropicResponse translator = new ResponsesToAnthropicResponse();

    private JsonObject translate(String responses) {
        return translator.translate(json(responses));
    }

    /** The non-stream sample of UPSTREAM §9.2, translated by the rules of TRANSLATION §7.2. */
    @Test
    void upstreamSampleOfSection9_2() {
        assertEquals(json("""
                {"id": "resp_abc", "type": "message", "role": "assistant", "model": "gpt-5.2-codex",
                 "content": [
                   {"type": "thinking", "thinking": "Thinking about it", "signature": "gAAAA...@rs_01"},
                   {"type": "text", "text": "Hello"},
                   {"type": "tool_use", "id": "call_1", "name": "read_file", "input": {"path": "a.ts"}}],
                 "stop_reason": "tool_use", "stop_sequence": null,
                 "usage": {"input_tokens": 200, "output_tokens": 50, "cache_read_input_tokens": 800}}"""),
                translate("""
                {"id": "resp_abc", "object": "response", "created_at": 1732240000,
                 "model": "gpt-5.2-codex", "status": "completed",
                 "output": [
                   {"type": "reasoning", "id": "rs_01", "summary": [{"type":"summary_text","text":"Thinking about it"}], "encrypted_content": "gAAAA..."},
                   {"type": "message", "id": "msg_01", "role": "assistant", "status": "completed",
                    "content": [{"type": "output_text", "text": "Hello", "annotations": []}]},
                   {"type": "function_call", "id": "fc_01", "call_id": "call_1", "name": "read_file",
                    "arguments": "{\\"path\\":\\"a.ts\\"}", "status": "completed"}],
                 "output_text": "Hello",
                 "usage": {"input_tokens": 1000, "output_tokens": 50, "total_tokens": 1050,
                           "input_tokens_details": {"cached_tokens": 800},
                           "output_tokens_details": {"reasoning_tokens": 20}},
                 "incomplete_details": null, "error": null,
                 "copilot_usage": {"total_nano_aiu": 42}}"""));
    }

    @Test
    void withoutThinkingAskedForReasoningIsLeftOut() {
        JsonObject message = new ResponsesToAnthropicResponse(false).translate(json("""
                {"id": "r", "model": "gpt-5-mini", "status": "completed",
                 "output": [
                   {"type": "reasoning", "id": "rs_1", "summary": [{"type":"summary_text","text":"Hmm"}], "encrypted_content": "E"},
                   {"type": "message", "id": "m", "role": "assistant", "content": [{"type": "output_text", "text": "Hello"}]}],
                 "usage": {"input_tokens": 3, "output_tokens": 2, "total_tokens": 5}}"""));
        assertEquals(value("[{\"type\":\"text\",\"text\":\"Hello\"}]"), message.get("content"), "content[0].text is the answer");
    }

    @ParameterizedTest(name = "{0} / {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "completed   | null                                  | \"end_turn\"",
            "incomplete  | {\"reason\":\"max_output_tokens\"}     | \"max_tokens\"",
            "incomplete  | {\"reason\":\"content_filter\"}        | \"end_turn\"",
            "incomplete  | null                                  | null",
            "in_progress | null                                  | null"})
    void stopReasonOfSection7_2(String status, String incompleteDetails, String stopReason) {
        JsonObject message = translate("""
                {"id": "r", "model": "m", "status": "%s", "incomplete_details": %s,
                 "output": [{"type": "message", "content": [{"type": "output_text", "text": "Hi"}]}]}""".formatted(status, incompleteDetails));
        assertEquals(value(stopReason), message.get("stop_reason"));
    }

    @ParameterizedTest(name = "arguments {0} → input {1}")
    @CsvSource(delimiter = '|', value = {
            "''                      | {}",
            "'{\"a\":1}'             | {\"a\":1}",
            "'[1,2]'                 | {\"arguments\":[1,2]}",
            "'42'                    | {\"value\":42}",
            "'{\"a\":'               | {\"raw_arguments\":\"{\\\"a\\\":\"}"})
    void toolInputOfSection7_2(String arguments, String input) {
        JsonObject call = JsonIo.object().add("type", "function_call").add("call_id", "c").add("name", "f").add("arguments", arguments).build();
        JsonObject response = JsonIo.object().add("status", "completed").add("output", JsonIo.array().add(call)).build();
        JsonObject toolUse = translator.translate(response).getJsonArray("content").getJsonObject(0);
        assertEquals(json(input), toolUse.get("input"));
    }

    @Test
    void messageTextsAndRefusalsAreOneBlockAndEmptyMessagesNone() {
        JsonObject message = translate("""
                {"status": "completed", "output": [
                   {"type": "message", "content": [{"type": "output_text", "text": "I can't "}, {"type": "refusal", "refusal": "help with that."}]},
                   {"type": "message", "content": [{"type": "output_text", "text": ""}]}]}""");
        assertEquals(value("[{\"type\":\"text\",\"text\":\"I can't help with that.\"}]"), message.get("content"));
    }

    @Test
    void reasoningWithoutSummaryIsThinkingDotsAndPartsAreParagraphs() {
        JsonObject message = translate("""
                {"status": "completed", "output": [
                   {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": "E1"},
                   {"type": "reasoning", "id": "rs_2", "summary": [{"type": "summary_text", "text": "**Plan**\\n\\nRead it. "},
                                                                   {"type": "summary_text", "text": "**Check**\\n\\nDone."}],
                    "encrypted_content": "E2"},
                   {"type": "reasoning", "id": "rs_3", "summary": [{"type": "summary_text", "text": "No state"}]}]}""");
        assertEquals(value("""
                [{"type": "thinking", "thinking": "Thinking...", "signature": "E1@rs_1"},
                 {"type": "thinking", "thinking": "**Plan**\\n\\nRead it. \\n\\n**Check**\\n\\nDone.", "signature": "E2@rs_2"},
                 {"type": "thinking", "thinking": "No state", "signature": ""}]"""), message.get("content"));
    }

    @Test
    void outputTextIsUsedWhenNoItemGaveContent() {
        JsonObject message = translate("{\"status\":\"completed\",\"output\":[],\"output_text\":\"Plain\"}");
        assertEquals(value("[{\"type\":\"text\",\"text\":\"Plain\"}]"), message.get("content"));
    }

    @Test
    void usageWithoutCachedTokensHasNoCacheRead() {
        assertEquals(json("{\"input_tokens\":12,\"output_tokens\":3}"),
                translate("{\"status\":\"completed\",\"output\":[],\"usage\":{\"input_tokens\":12,\"output_tokens\":3}}").get("usage"));
        assertEquals(json("{\"input_tokens\":0,\"output_tokens\":0}"), translate("{\"status\":\"completed\",\"usage\":null}").get("usage"));
    }

    /** §7.1 ↔ §7.2: a reasoning item survives the trip through the client as a thinking block and back. */
    @Test
    void reasoningRoundTripsThroughTheClient() {
        JsonObject reasoning = json("""
                {"type": "reasoning", "id": "rs_01", "summary": [{"type": "summary_text", "text": "Look at a.ts"}], "encrypted_content": "gAAAA+/=="}""");
        JsonObject message = translator.translate(JsonIo.object().add("status", "completed").add("output", JsonIo.array().add(reasoning)).build());
        JsonObject replay = JsonIo.object()
                .add("max_tokens", 100)
                .add("messages", JsonIo.array().add(JsonIo.object().add("role", "assistant").add("content", message.get("content"))))
                .build();
        JsonValue input = AnthropicToResponsesRequest.translate(replay, CODEX).get("input");
        assertEquals(JsonIo.array().add(reasoning).build(), input);
    }
}
