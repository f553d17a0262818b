package dev.copilotgateway.translate.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatToResponsesRequestTest {

    static final CopilotModel CODEX = new CopilotModel((JsonObject) JsonIo.read("""
            {"id": "gpt-5.2-codex", "capabilities": {"type": "chat", "limits": {"max_output_tokens": 128000},
             "supports": {"reasoning_effort": ["low", "medium", "high"]}}, "supported_endpoints": ["/responses"]}"""));

    private JsonObject translate(String chat) {
        return ChatToResponsesRequest.translate((JsonObject) JsonIo.read(chat), CODEX);
    }

    private static JsonValue json(String json) {
        return JsonIo.read(json);
    }

    @Test
    void conversationWithToolsOfSection8_1() {
        JsonObject responses = translate("""
                {"model": "codex", "stream": true, "top_p": 0.5, "user": "u-1", "temperature": 0.3, "stop": ["x"], "n": 1,
                 "seed": 7, "frequency_penalty": 0.1, "max_tokens": 500, "max_completion_tokens": 900, "reasoning_effort": "high",
                 "stream_options": {"include_usage": true},
                 "messages": [
                   {"role": "system", "content": "You are terse."},
                   {"role": "user", "content": [{"type": "text", "text": "What is in a.ts?"},
                                                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAA", "detail": "high"}},
                                                {"type": "image_url", "image_url": {"url": "https://x/y.png"}}]},
                   {"role": "developer", "content": [{"type": "text", "text": "Prefer tools."}]},
                   {"role": "assistant", "content": null,
                    "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "read_file", "arguments": "{\\"path\\":\\"a.ts\\"}"}},
                                   {"id": "call_2", "type": "function", "function": {"name": "stat", "arguments": "{}"}}]},
                   {"role": "tool", "tool_call_id": "call_1", "content": "export {}"},
                   {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "size 9"}, {"type": "text", "text": "mode 644"}]},
                   {"role": "assistant", "content": "It exports nothing."}],
                 "tools": [{"type": "function", "function": {"name": "read_file", "description": "Read a file",
                            "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}}},
                           {"type": "function", "function": {"name": "stat", "parameters": {"type": "object", "properties": {}}, "strict": true}}],
                 "tool_choice": {"type": "function", "function": {"name": "read_file"}},
                 "parallel_tool_calls": false}""");
        assertEquals(json("""
                {"model": "gpt-5.2-codex",
                 "instructions": "You are terse.\\n\\nPrefer tools.",
                 "input": [
                   {"type": "message", "role": "user", "content": [
                      {"type": "input_text", "text": "What is in a.ts?"},
                      {"type": "input_image", "image_url": "data:image/png;base64,AAA", "detail": "high"},
                      {"type": "input_image", "image_url": "https://x/y.png", "detail": "auto"}]},
                   {"type": "function_call", "call_id": "call_1", "name": "read_file", "arguments": "{\\"path\\":\\"a.ts\\"}", "status": "completed"},
                   {"type": "function_call", "call_id": "call_2", "name": "stat", "arguments": "{}", "status": "completed"},
                   {"type": "function_call_output", "call_id": "call_1", "output": "export {}"},
                   {"type": "function_call_output", "call_id": "call_2", "output": "size 9\\n\\nmode 644"},
                   {"type": "message", "role": "assistant", "content": "It exports nothing."}],
                 "stream": true, "top_p": 0.5, "user": "u-1",
                 "max_output_tokens": 900,
                 "tools": [{"type": "function", "name": "read_file", "description": "Read a file",
                            "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}, "strict": null},
                           {"type": "function", "name": "stat", "description": null,
                            "parameters": {"type": "object", "properties": {}}, "strict": true}],
                 "tool_choice": {"type": "function", "name": "read_file"},
                 "parallel_tool_calls": false,
                 "reasoning": {"effort": "high"},
                 "store": false}"""), responses);
    }

    @Test
    void minimalRequestHasNoOptionalFields() {
        JsonObject responses = translate("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(json("""
                {"model": "gpt-5.2-codex", "instructions": null,
                 "input": [{"type": "message", "role": "user", "content": "hi"}],
                 "parallel_tool_calls": true, "store": false}"""), responses);
        assertFalse(translate("{\"messages\":[],\"tools\":[]}").containsKey("tools"));
    }

    @Test
    void assistantTextPartsAreOutputTextAndEmptyContentIsNoMessage() {
        assertEquals(json("""
                [{"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "A"}, {"type": "refusal", "refusal": "No"}]},
                 {"type": "function_call", "call_id": "c", "name": "f", "arguments": "{}", "status": "completed"},
                 {"type": "message", "role": "user", "content": [{"type": "input_file", "file_data": "data:application/pdf;base64,JVB", "filename": "a.pdf"}]}]"""),
                translate("""
                {"messages": [
                   {"role": "assistant", "content": [{"type": "text", "text": "A"}, {"type": "refusal", "refusal": "No"}]},
                   {"role": "assistant", "content": "", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
                   {"role": "user", "content": [{"type": "file", "file": {"file_data": "data:application/pdf;base64,JVB", "filename": "a.pdf"}}]},
                   {"role": "user", "content": []}]}""").get("input"));
    }

    @Test
    void toolOutputsWithNonTextPartsAreTheirJsonAndNullIsEmpty() {
        assertEquals(json("""
                [{"type": "function_call_output", "call_id": "a", "output": "[{\\"type\\":\\"image_url\\",\\"image_url\\":{\\"url\\":\\"u\\"}}]"},
                 {"type": "function_call_output", "call_id": "b", "output": ""}]"""),
                translate("""
                {"messages": [{"role": "tool", "tool_call_id": "a", "content": [{"type": "image_url", "image_url": {"url": "u"}}]},
                              {"role": "tool", "tool_call_id": "b", "content": null}]}""").get("input"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "\"auto\"      | \"auto\"",
            "\"none\"      | \"none\"",
            "\"required\"  | \"required\""})
    void toolChoiceStringsPassThrough(String chat, String responses) {
        assertEquals(json(responses), translate("{\"messages\":[],\"tool_choice\":" + chat + "}").get("tool_choice"));
    }

    @Test
    void jsonObjectFormat() {
        assertEquals(json("{\"format\":{\"type\":\"json_object\"}}"),
                translate("{\"messages\":[],\"response_format\":{\"type\":\"json_object\"}}").get("text"));
        assertFalse(translate("{\"messages\":[],\"response_format\":{\"type\":\"text\"}}").containsKey("text"));
    }

    @Test
    void jsonSchemaFormatClosesEveryObjectSchema() {
        JsonObject request = (JsonObject) JsonIo.read("""
                {"messages": [], "response_format": {"type": "json_schema", "json_schema": {"name": "person", "schema":
                  {"type": "object", "properties": {
                     "name": {"type": "string"},
                     "address": {"type": "object", "properties": {"city": {"type": "string"}}},
                     "pets": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string"}}}},
                     "extra": {"type": "object", "additionalProperties": true}}}}}}""");
        JsonObject responses = ChatToResponsesRequest.translate(request, CODEX);
        assertEquals(json("""
                {"format": {"type": "json_schema", "name": "person", "strict": true, "schema":
                  {"type": "object", "additionalProperties": false, "properties": {
                     "name": {"type": "string"},
                     "address": {"type": "object", "properties": {"city": {"type": "string"}}, "additionalProperties": false},
                     "pets": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string"}}, "additionalProperties": false}},
                     "extra": {"type": "object", "additionalProperties": true}}}}}"""), responses.get("text"));
        assertFalse(request.getJsonObject("response_format").getJsonObject("json_schema").getJsonObject("schema").containsKey("additionalProperties"),
                "the client's request is left as it was");
        assertEquals(false, translate("""
                {"messages": [], "response_format": {"type": "json_schema", "json_schema": {"name": "x", "strict": false, "schema": {"type": "object"}}}}""")
                .getJsonObject("text").getJsonObject("format").getBoolean("strict"));
    }

    @ParameterizedTest(name = "{0} → 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                                                   | messages",
            "{\"messages\":[{\"content\":\"x\"}]}                                                 | messages[0].role",
            "{\"messages\":[{\"role\":\"function\",\"content\":\"x\"}]}                           | messages[0].role",
            "{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}                               | messages[0].tool_call_id",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}        | messages[0].content[0].type",
            "{\"messages\":[{\"role\":\"user\",\"content\":7}]}                                   | messages[0].content",
            "{\"messages\":[],\"max_tokens\":0}                                                   | max_tokens",
            "{\"messages\":[],\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}]}      | tools[0].type",
            "{\"messages\":[],\"tool_choice\":{\"type\":\"allowed_tools\"}}                       | tool_choice.type",
            "{\"messages\":[],\"response_format\":{\"type\":\"yaml\"}}                            | response_format.type"})
    void malformedRequestsAreRejectedNamingTheField(String chat, String field) {
        assertEquals(field, assertThrows(RequestContentException.class, () -> translate(chat)).field());
    }
}
