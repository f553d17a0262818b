package dev.copilotgateway.translate.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TRANSLATION §10 second paragraph: a Responses request for a model served only by /chat/completions (§8.1 read backwards). */
class ResponsesToChatRequestTest {

    static final CopilotModel SONNET = new CopilotModel((JsonObject) JsonIo.read("""
            {"id": "claude-sonnet-4.5", "capabilities": {"type": "chat", "limits": {"max_output_tokens": 32000},
             "supports": {"reasoning_effort": ["low", "medium", "high"]}}, "supported_endpoints": ["/chat/completions", "/v1/messages"]}"""));

    static final CopilotModel NO_EFFORT = new CopilotModel((JsonObject) JsonIo.read("""
            {"id": "gpt-4.1", "capabilities": {"type": "chat", "supports": {}}}"""));

    private JsonObject translate(String responses) {
        return ResponsesToChatRequest.translate((JsonObject) JsonIo.read(responses), SONNET);
    }

    private static JsonValue json(String json) {
        return JsonIo.read(json);
    }

    @Test
    void codexConversationOfUpstreamSection9_1BecomesChatMessages() {
        JsonObject chat = translate("""
                {"model": "claude-sonnet-4.5", "instructions": "You are a coding agent.",
                 "input": [
                   {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": "Sandbox: read-only."}]},
                   {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Fix the bug"},
                                                                  {"type": "input_image", "image_url": "data:image/png;base64,AAA", "detail": "high"}]},
                   {"type": "reasoning", "id": "rs_01", "summary": [{"type": "summary_text", "text": "Look at a.ts"}], "encrypted_content": "SIG"},
                   {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Reading it."}], "phase": "commentary"},
                   {"type": "function_call", "call_id": "call_1", "name": "read_file", "arguments": "{\\"path\\":\\"a.ts\\"}", "status": "completed"},
                   {"type": "function_call", "call_id": "call_2", "name": "stat", "arguments": "{}"},
                   {"type": "function_call_output", "call_id": "call_1", "output": "file contents"},
                   {"type": "function_call_output", "call_id": "call_2", "output": [{"type": "input_text", "text": "size 9"}, {"type": "input_text", "text": "mode 644"}]},
                   {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Done."}], "phase": "final_answer"},
                   {"role": "user", "content": "thanks"}],
                 "tools": [{"type": "function", "name": "read_file", "description": "Read a file",
                            "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}, "strict": false},
                           {"type": "function", "name": "stat", "parameters": {"type": "object"}},
                           {"type": "web_search_preview"},
                           {"type": "custom", "name": "apply_patch", "description": "Apply a patch", "format": {"type": "grammar"}}],
                 "tool_choice": "auto", "parallel_tool_calls": true, "max_output_tokens": 32000, "top_p": null,
                 "stream": true, "store": false, "reasoning": {"effort": "high", "summary": "auto"},
                 "include": ["reasoning.encrypted_content"], "prompt_cache_key": "s-1", "metadata": {"user_id": "u"}}""");
        assertEquals(json("""
                {"model": "claude-sonnet-4.5",
                 "messages": [
                   {"role": "system", "content": "You are a coding agent."},
                   {"role": "system", "content": "Sandbox: read-only."},
                   {"role": "user", "content": [{"type": "text", "text": "Fix the bug"},
                                                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAA", "detail": "high"}}]},
                   {"role": "assistant", "content": "Reading it.",
                    "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "read_file", "arguments": "{\\"path\\":\\"a.ts\\"}"}},
                                   {"id": "call_2", "type": "function", "function": {"name": "stat", "arguments": "{}"}}],
                    "reasoning_text": "Look at a.ts", "reasoning_opaque": "SIG"},
                   {"role": "tool", "tool_call_id": "call_1", "content": "file contents"},
                   {"role": "tool", "tool_call_id": "call_2", "content": "size 9\\n\\nmode 644"},
                   {"role": "assistant", "content": "Done."},
                   {"role": "user", "content": "thanks"}],
                 "max_tokens": 32000,
                 "tools": [{"type": "function", "function": {"name": "read_file", "description": "Read a file",
                             "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}, "strict": false}},
                           {"type": "function", "function": {"name": "stat", "parameters": {"type": "object", "properties": {}}}},
                           {"type": "function", "function": {"name": "apply_patch", "description": "Apply a patch",
                             "parameters": {"type": "object", "properties": {"input": {"type": "string"}}, "required": ["input"], "additionalProperties": false}}}],
                 "tool_choice": "auto", "parallel_tool_calls": true,
                 "reasoning_effort": "high",
                 "stream": true, "stream_options": {"include_usage": true}}"""), chat);
    }

    @Test
    void stringInputIsOneUserMessageAndNothingOptionalIsAdded() {
        assertEquals(json("""
                {"model": "claude-sonnet-4.5", "messages": [{"role": "user", "content": "hi"}]}"""),
                translate("{\"input\": \"hi\", \"store\": true, \"stream\": false, \"instructions\": null}"));
    }

    @Test
    void samplingUserAndJsonFormatsCarryOver() {
        JsonObject chat = translate("""
                {"input": "x", "temperature": 0.2, "top_p": 0.9, "user": "u-1",
                 "text": {"format": {"type": "json_schema", "name": "person", "description": "A person", "strict": true,
                          "schema": {"type": "object", "properties": {"name": {"type": "string"}}}}, "verbosity": "low"}}""");
        assertEquals(json("0.2"), chat.get("temperature"));
        assertEquals(json("0.9"), chat.get("top_p"));
        assertEquals("u-1", chat.getString("user"));
        assertEquals(json("""
                {"type": "json_schema", "json_schema": {"name": "person", "schema": {"type": "object", "properties": {"name": {"type": "string"}}},
                 "description": "A person", "strict": true}}"""), chat.get("response_format"));
        assertEquals(json("{\"type\":\"json_object\"}"),
                translate("{\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_object\"}}}").get("response_format"));
        assertFalse(translate("{\"input\":\"x\",\"text\":{\"format\":{\"type\":\"text\"}}}").containsKey("response_format"));
    }

    /** §12.1 step 5: the effort is fitted to the model's list, and left out for a model that lists none. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"minimal, low", "low, low", "medium, medium", "high, high", "xhigh, high", "HIGH, high"})
    void effortIsClampedToTheModel(String requested, String sent) {
        assertEquals(sent, translate("{\"input\":\"x\",\"reasoning\":{\"effort\":\"" + requested + "\"}}").getString("reasoning_effort"));
        assertFalse(ResponsesToChatRequest.translate((JsonObject) JsonIo.read("{\"input\":\"x\",\"reasoning\":{\"effort\":\"high\"}}"), NO_EFFORT)
                .containsKey("reasoning_effort"));
    }

    @Test
    void reasoningWithoutEncryptedContentIsNotReplayedAndReasoningAloneMakesNoMessage() {
        JsonObject chat = translate("""
                {"input": [{"role": "user", "content": "a"},
                           {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "hmm"}]},
                           {"role": "assistant", "content": "b"},
                           {"role": "user", "content": "c"},
                           {"type": "reasoning", "id": "rs_2", "summary": [], "encrypted_content": "E"},
                           {"role": "user", "content": "d"}]}""");
        assertEquals(json("""
                [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}, {"role": "user", "content": "c"},
                 {"role": "user", "content": "d"}]"""),
                chat.get("messages"));
    }

    @Test
    void opaqueOnlyReasoningIsReplayedWithoutText() {
        assertEquals(json("""
                {"role": "assistant", "content": null, "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{}"}}],
                 "reasoning_opaque": "E"}"""),
                translate("""
                {"input": [{"type": "reasoning", "summary": [], "encrypted_content": "E"},
                           {"type": "function_call", "call_id": "c", "name": "f", "arguments": "{}"}]}""")
                        .getJsonArray("messages").get(0));
    }

    @Test
    void codexApplyPatchCallsReplayAsFunctionCalls() {
        assertEquals(json("""
                [{"role": "assistant", "content": null,
                  "tool_calls": [{"id": "p", "type": "function", "function": {"name": "apply_patch", "arguments": "{\\"input\\":\\"*** Begin Patch\\"}"}}]},
                 {"role": "tool", "tool_call_id": "p", "content": "ok"}]"""),
                translate("""
                {"input": [{"type": "custom_tool_call", "call_id": "p", "name": "apply_patch", "input": "*** Begin Patch"},
                           {"type": "custom_tool_call_output", "call_id": "p", "output": "ok"}]}""").get("messages"));
    }

    @Test
    void toolChoiceForAFunctionAndToolOutputsWithImages() {
        assertEquals(json("{\"type\":\"function\",\"function\":{\"name\":\"f\"}}"), translate("""
                {"input": "x", "tools": [{"type": "function", "name": "f"}], "tool_choice": {"type": "function", "name": "f"}}""").get("tool_choice"));
        assertFalse(translate("{\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}],\"tool_choice\":\"auto\"}").containsKey("tools"),
                "no tools left: no tools and no tool_choice");
        assertEquals(json("""
                [{"type": "text", "text": "see"}, {"type": "image_url", "image_url": {"url": "https://x/y.png"}}]"""),
                translate("""
                {"input": [{"type": "function_call_output", "call_id": "c",
                            "output": [{"type": "input_text", "text": "see"}, {"type": "input_image", "image_url": "https://x/y.png"}]}]}""")
                        .getJsonArray("messages").getJsonObject(0).get("content"));
    }

    @Test
    void storedConversationsAreRefusedWithAnExplanation() {
        RequestContentException refused = assertThrows(RequestContentException.class,
                () -> translate("{\"input\":\"x\",\"previous_response_id\":\"resp_1\"}"));
        assertEquals("previous_response_id", refused.field());
        assertTrue(refused.getMessage().contains("keeps no stored responses"), refused.getMessage());
        assertTrue(refused.getMessage().contains("whole conversation"), refused.getMessage());
    }

    /** What current Codex sends next to its functions: a namespace, custom tools, hosted tools; none costs the turn. */
    @Test
    void everyToolTypeCodexSendsIsAcceptedTranslatedOrLeftOut() {
        JsonObject chat = translate("""
                {"input": [
                   {"role": "user", "content": "go"},
                   {"type": "function_call", "call_id": "c1", "name": "close_agent", "namespace": "multi_agent_v1", "arguments": "{\\"target\\":\\"a1\\"}"},
                   {"type": "function_call_output", "call_id": "c1", "output": "closed"},
                   {"type": "custom_tool_call", "call_id": "c2", "name": "js_repl", "input": "1+1"},
                   {"type": "custom_tool_call_output", "call_id": "c2", "output": "2"},
                   {"type": "local_shell_call", "call_id": "c3", "action": {"type": "exec", "command": ["ls"]}},
                   {"type": "local_shell_call_output", "call_id": "c3", "output": "a.txt"},
                   {"type": "web_search_call", "id": "ws_1", "status": "completed"},
                   {"type": "mcp_list_tools", "id": "ml_1", "server_label": "s", "tools": []}],
                 "tools": [
                   {"type": "function", "name": "exec_command", "parameters": {"type": "object", "properties": {}}},
                   {"type": "namespace", "name": "multi_agent_v1", "description": "Sub-agents.",
                    "tools": [{"type": "function", "name": "close_agent", "description": "Close one.", "strict": false,
                               "parameters": {"type": "object", "properties": {"target": {"type": "string"}}}}]},
                   {"type": "custom", "name": "js_repl", "description": "Run JavaScript", "format": {"type": "text"}},
                   {"type": "local_shell"}, {"type": "web_search"}, {"type": "file_search", "vector_store_ids": []},
                   {"type": "mcp", "server_label": "s"}, {"type": "image_generation"}, {"type": "code_interpreter"}],
                 "tool_choice": {"type": "function", "name": "close_agent", "namespace": "multi_agent_v1"}}""");
        assertEquals(json("""
                [{"type": "function", "function": {"name": "exec_command", "parameters": {"type": "object", "properties": {}}}},
                 {"type": "function", "function": {"name": "multi_agent_v1__close_agent", "description": "Close one.",
                   "parameters": {"type": "object", "properties": {"target": {"type": "string"}}}, "strict": false}},
                 {"type": "function", "function": {"name": "js_repl", "description": "Run JavaScript",
                   "parameters": {"type": "object", "properties": {"input": {"type": "string"}}, "required": ["input"],
                                  "additionalProperties": false}}}]"""), chat.get("tools"));
        assertEquals(json("{\"type\":\"function\",\"function\":{\"name\":\"multi_agent_v1__close_agent\"}}"), chat.get("tool_choice"));
        assertEquals(json("""
                [{"role": "user", "content": "go"},
                 {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function",
                   "function": {"name": "multi_agent_v1__close_agent", "arguments": "{\\"target\\":\\"a1\\"}"}}]},
                 {"role": "tool", "tool_call_id": "c1", "content": "closed"},
                 {"role": "assistant", "content": null, "tool_calls": [{"id": "c2", "type": "function",
                   "function": {"name": "js_repl", "arguments": "{\\"input\\":\\"1+1\\"}"}}]},
                 {"role": "tool", "tool_call_id": "c2", "content": "2"},
                 {"role": "assistant", "content": null, "tool_calls": [{"id": "c3", "type": "function",
                   "function": {"name": "local_shell", "arguments": "{\\"type\\":\\"exec\\",\\"command\\":[\\"ls\\"]}"}}]},
                 {"role": "tool", "tool_call_id": "c3", "content": "a.txt"}]"""), chat.get("messages"));
        assertEquals(json("\"auto\""), translate("{\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}],\"tool_choice\":{\"type\":\"web_search\"}}")
                .getOrDefault("tool_choice", JsonIo.PROVIDER.createValue("auto")), "a hosted choice: let the model choose");
    }

    @ParameterizedTest(name = "{0} → 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                                                         | input",
            "{\"input\":7}                                                                              | input",
            "{\"input\":\"x\",\"conversation\":\"conv_1\"}                                              | conversation",
            "{\"input\":\"x\",\"instructions\":3}                                                       | instructions",
            "{\"input\":[{\"type\":\"message\",\"content\":\"x\"}]}                                     | input[0].role",
            "{\"input\":[{\"role\":\"tool\",\"content\":\"x\"}]}                                        | input[0].role",
            "{\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}                               | input[0].type",
            "{\"input\":[{\"type\":\"function_call_output\",\"output\":\"x\"}]}                         | input[0].call_id",
            "{\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}                 | input[0].content[0].type",
            "{\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"file_id\":\"f\"}]}]} | input[0].content[0].image_url",
            "{\"input\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"input_image\"}]}]}            | input[0].content[0].type",
            "{\"input\":\"x\",\"max_output_tokens\":0}                                                  | max_output_tokens",
            "{\"input\":\"x\",\"temperature\":\"hot\"}                                                  | temperature",
            "{\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"f\"}],\"tool_choice\":\"any\"} | tool_choice",
            "{\"input\":\"x\",\"reasoning\":{\"effort\":3}}                                             | reasoning.effort",
            "{\"input\":\"x\",\"text\":{\"format\":{\"type\":\"yaml\"}}}                                | text.format.type"})
    void malformedRequestsAreRejectedNamingTheField(String responses, String field) {
        assertEquals(field, assertThrows(RequestContentException.class, () -> translate(responses)).field());
    }
}
