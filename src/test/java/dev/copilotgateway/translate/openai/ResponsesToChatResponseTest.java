package dev.copilotgateway.translate.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsesToChatResponseTest {

    private JsonObject translate(String responses) {
        return ResponsesToChatResponse.translate((JsonObject) JsonIo.read(responses));
    }

    private static JsonValue json(String json) {
        return JsonIo.read(json);
    }

    /** The non-stream sample of UPSTREAM §9.2 in the shape of TRANSLATION §8.2. */
    @Test
    void upstreamSampleOfSection9_2() {
        assertEquals(json("""
                {"id": "resp_abc", "object": "chat.completion", "created": 1732240000, "model": "gpt-5.2-codex",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello",
                   "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "read_file", "arguments": "{\\"path\\":\\"a.ts\\"}"}}]},
                   "logprobs": null, "finish_reason": "tool_calls"}],
                 "usage": {"prompt_tokens": 1000, "completion_tokens": 50, "total_tokens": 1050,
                           "prompt_tokens_details": {"cached_tokens": 800}, "completion_tokens_details": {"reasoning_tokens": 20}},
                 "copilot_usage": {"total_nano_aiu": 42}}"""),
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

    @ParameterizedTest(name = "{0} / {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "completed  | null                              | stop",
            "incomplete | {\"reason\":\"max_output_tokens\"} | length",
            "incomplete | {\"reason\":\"content_filter\"}    | content_filter"})
    void finishReasonOfSection8_2(String status, String details, String finishReason) {
        JsonObject chat = translate("""
                {"id": "r", "status": "%s", "incomplete_details": %s, "output": [{"type": "message", "content": [{"type": "output_text", "text": "Hi"}]}]}"""
                .formatted(status, details));
        assertEquals(finishReason, chat.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void noTextIsNullContentWithoutToolCallsAndUsageNullIsOmitted() {
        JsonObject chat = translate("{\"id\":\"r\",\"status\":\"completed\",\"output\":[],\"usage\":null}");
        assertEquals(json("{\"role\":\"assistant\",\"content\":null}"), chat.getJsonArray("choices").getJsonObject(0).get("message"));
        assertFalse(chat.containsKey("usage"));
    }

    @Test
    void usageWithoutDetailsHasNone() {
        assertEquals(json("{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}"),
                translate("{\"status\":\"completed\",\"usage\":{\"input_tokens\":7,\"output_tokens\":2}}").get("usage"));
    }

    @Test
    void failedResponseIsAnError() {
        assertEquals("Model crashed", assertThrows(ResponsesToChatResponse.FailedResponse.class,
                () -> translate("{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"Model crashed\"}}")).getMessage());
        assertEquals("The response failed due to an unknown error.", assertThrows(ResponsesToChatResponse.FailedResponse.class,
                () -> translate("{\"status\":\"failed\",\"error\":null}")).getMessage());
    }
}
