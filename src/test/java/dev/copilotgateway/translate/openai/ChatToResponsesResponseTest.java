package dev.copilotgateway.translate.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.core.ObjectMappers;
import com.openai.models.responses.Response;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** TRANSLATION §10: a whole Chat response back into a Responses object (§8.2 read backwards). */
class ChatToResponsesResponseTest {

    private static Supplier<String> ids() {
        AtomicInteger next = new AtomicInteger();
        return () -> String.valueOf(next.getAndIncrement());
    }

    private JsonObject translate(String chat, String request) {
        JsonObject response = ChatToResponsesResponse.translate((JsonObject) JsonIo.read(chat), (JsonObject) JsonIo.read(request), ids());
        // The official SDK must read it as a valid Response (every required field present and well typed).
        try {
            ObjectMappers.jsonMapper().readValue(response.toString(), Response.class).validate();
        } catch (Exception invalid) {
            throw new AssertionError("the OpenAI SDK rejects " + response, invalid);
        }
        return response;
    }

    private static JsonValue json(String json) {
        return JsonIo.read(json);
    }

    /** The Chat response of UPSTREAM §8.2 (reasoning, text, a tool call, cached and reasoning tokens). */
    @Test
    void toolCallTurnWithReasoningOfUpstreamSection8_2() {
        JsonObject response = translate("""
                {"id": "chatcmpl-abc", "object": "chat.completion", "created": 1732240000, "model": "claude-sonnet-4.5",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Here you go.",
                   "reasoning_text": "The user wants ...", "reasoning_opaque": "EqoBCkgIB...",
                   "tool_calls": [{"id": "toolu_01A", "type": "function",
                                   "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]},
                   "finish_reason": "tool_calls"}],
                 "usage": {"prompt_tokens": 1200, "completion_tokens": 80, "total_tokens": 1280,
                           "prompt_tokens_details": {"cached_tokens": 1000}, "completion_tokens_details": {"reasoning_tokens": 40}},
                 "copilot_usage": {"total_nano_aiu": 1234567}}""",
                """
                {"model": "sonnet", "instructions": "Be brief.", "input": "weather?", "max_output_tokens": 500,
                 "tools": [{"type": "function", "name": "get_weather", "parameters": {"type": "object", "properties": {}}}],
                 "reasoning": {"effort": "high"}, "store": true}""");
        assertEquals(json("""
                {"id": "resp_0", "object": "response", "created_at": 1732240000, "status": "completed", "background": false,
                 "error": null, "incomplete_details": null, "instructions": "Be brief.", "max_output_tokens": 500,
                 "model": "claude-sonnet-4.5",
                 "output": [
                   {"id": "rs_1", "type": "reasoning", "summary": [{"type": "summary_text", "text": "The user wants ..."}],
                    "encrypted_content": "EqoBCkgIB..."},
                   {"id": "msg_2", "type": "message", "status": "completed", "role": "assistant",
                    "content": [{"type": "output_text", "text": "Here you go.", "annotations": [], "logprobs": []}]},
                   {"id": "fc_3", "type": "function_call", "status": "completed", "arguments": "{\\"city\\":\\"Paris\\"}",
                    "call_id": "toolu_01A", "name": "get_weather"}],
                 "output_text": "Here you go.",
                 "parallel_tool_calls": true, "previous_response_id": null, "reasoning": {"effort": "high", "summary": null},
                 "store": false, "temperature": 1.0, "text": {"format": {"type": "text"}}, "tool_choice": "auto",
                 "tools": [{"type": "function", "name": "get_weather", "parameters": {"type": "object", "properties": {}}}],
                 "top_p": 1.0, "truncation": "disabled",
                 "usage": {"input_tokens": 1200, "input_tokens_details": {"cached_tokens": 1000}, "output_tokens": 80,
                           "output_tokens_details": {"reasoning_tokens": 40}, "total_tokens": 1280},
                 "user": null, "metadata": {}, "copilot_usage": {"total_nano_aiu": 1234567}}"""), response);
    }

    @Test
    void plainTextTurnHasOnlyAMessageAndZeroDetails() {
        JsonObject response = translate("""
                {"id": "c", "created": 5, "model": "gpt-4.1",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi!"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}}""", "{\"input\":\"hello\",\"temperature\":0.3}");
        assertEquals(1, response.getJsonArray("output").size());
        assertEquals("Hi!", response.getString("output_text"));
        assertEquals(json("0.3"), response.get("temperature"));
        assertEquals(json("""
                {"input_tokens": 3, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 2,
                 "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 5}"""), response.get("usage"));
    }

    @Test
    void lengthCutIsIncompleteWithMaxOutputTokens() {
        JsonObject response = translate("""
                {"id": "c", "created": 5, "model": "gpt-4.1",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Once upon a"}, "finish_reason": "length"}]}""",
                "{\"input\":\"story\",\"max_output_tokens\":3}");
        assertEquals("incomplete", response.getString("status"));
        assertEquals(json("{\"reason\":\"max_output_tokens\"}"), response.get("incomplete_details"));
        assertEquals("incomplete", response.getJsonArray("output").getJsonObject(0).getString("status"));
        assertEquals(JsonValue.NULL, response.get("usage"));
        assertEquals("content_filter", translate("""
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": null}, "finish_reason": "content_filter"}]}""",
                "{\"model\":\"m\",\"input\":\"x\"}").getJsonObject("incomplete_details").getString("reason"));
    }

    /** UPSTREAM §8.2: Claude may put the text in one choice and the tool calls in another; opaque-only reasoning still replays. */
    @Test
    void choicesAreMergedAndOpaqueOnlyReasoningIsKept() {
        JsonObject response = translate("""
                {"id": "c", "created": 5, "model": "claude-sonnet-4.5",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Let me look.", "reasoning_opaque": "OP"}, "finish_reason": "stop"},
                             {"index": 1, "message": {"role": "assistant", "tool_calls": [
                                {"id": "a", "type": "function", "function": {"name": "f", "arguments": ""}},
                                {"type": "function", "function": {"name": "g", "arguments": "{\\"x\\":1}"}}]}, "finish_reason": "tool_calls"}]}""",
                "{\"input\":\"x\"}");
        assertEquals(json("""
                [{"id": "rs_1", "type": "reasoning", "summary": [], "encrypted_content": "OP"},
                 {"id": "msg_2", "type": "message", "status": "completed", "role": "assistant",
                  "content": [{"type": "output_text", "text": "Let me look.", "annotations": [], "logprobs": []}]},
                 {"id": "fc_3", "type": "function_call", "status": "completed", "arguments": "{}", "call_id": "a", "name": "f"},
                 {"id": "fc_4", "type": "function_call", "status": "completed", "arguments": "{\\"x\\":1}", "call_id": "call_5", "name": "g"}]"""),
                response.get("output"));
        assertTrue(response.getString("id").startsWith("resp_"));
    }

    @Test
    void refusalBecomesARefusalPart() {
        assertEquals(json("""
                [{"type": "refusal", "refusal": "I can't help with that."}]"""),
                translate("""
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": null, "refusal": "I can't help with that."},
                  "finish_reason": "stop"}]}""", "{\"model\":\"m\",\"input\":\"x\"}")
                        .getJsonArray("output").getJsonObject(0).get("content"));
    }

    /** Not checked by the OpenAI SDK: the version the tests pin does not know namespace tools, which the response echoes. */
    @Test
    void namespacedAndCustomToolCallsComeBackAsTheClientOfferedThem() {
        JsonObject response = ChatToResponsesResponse.translate((JsonObject) JsonIo.read("""
                {"id": "chatcmpl-1", "created": 1, "model": "claude-sonnet-4.5",
                 "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null, "tool_calls": [
                   {"id": "c1", "type": "function", "function": {"name": "multi_agent_v1__close_agent", "arguments": "{\\"target\\":\\"a\\"}"}},
                   {"id": "c2", "type": "function", "function": {"name": "js_repl", "arguments": "{\\"input\\":\\"1+1\\"}"}},
                   {"id": "c3", "type": "function", "function": {"name": "exec_command", "arguments": "{}"}}]}}]}"""), (JsonObject) JsonIo.read("""
                {"model": "sonnet", "input": "hi", "tools": [
                  {"type": "namespace", "name": "multi_agent_v1", "tools": [{"type": "function", "name": "close_agent"}]},
                  {"type": "custom", "name": "js_repl"}, {"type": "function", "name": "exec_command"}]}"""), ids());
        JsonValue output = response.get("output");
        assertEquals("close_agent", output.asJsonArray().getJsonObject(0).getString("name"));
        assertEquals("multi_agent_v1", output.asJsonArray().getJsonObject(0).getString("namespace"));
        assertEquals("{\"target\":\"a\"}", output.asJsonArray().getJsonObject(0).getString("arguments"));
        assertEquals("custom_tool_call", output.asJsonArray().getJsonObject(1).getString("type"));
        assertEquals("1+1", output.asJsonArray().getJsonObject(1).getString("input"));
        assertEquals("exec_command", output.asJsonArray().getJsonObject(2).getString("name"));
        assertTrue(!output.asJsonArray().getJsonObject(2).containsKey("namespace"));
    }
}
