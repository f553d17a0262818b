package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.anthropic.ResponsesFixtures.CODEX;
import static dev.copilotgateway.translate.anthropic.ResponsesFixtures.json;
import static dev.copilotgateway.translate.anthropic.ResponsesFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.copilotgateway.protocol.RequestContentException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicToResponsesRequestTest {

    private JsonObject translate(String anthropic) {
        return AnthropicToResponsesRequest.translate(json(anthropic), CODEX);
    }

    private JsonValue input(String messages) {
        return translate("{\"max_tokens\":100,\"messages\":" + messages + "}").get("input");
    }

    @Test
    void topLevelFieldsOfSection7_1() {
        JsonObject responses = translate("""
                {"model": "gpt-5.2-codex", "max_tokens": 32000, "temperature": 0.2, "top_p": 0.9, "top_k": 5,
                 "stop_sequences": ["END"], "stream": true,
                 "system": [{"type": "text", "text": "You are Claude Code.", "cache_control": {"type": "ephemeral"}},
                            {"type": "text", "text": "Be brief."}],
                 "messages": [{"role": "user", "content": "Fix the bug"}],
                 "tools": [{"name": "read_file", "description": "Read a file",
                            "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}}],
                 "tool_choice": {"type": "auto"},
                 "thinking": {"type": "enabled", "budget_tokens": 10000},
                 "metadata": {"user_id": "user_abc123_account_0d6c-11aa_session_5f1e-22bb"}}""");
        assertEquals(json("""
                {"model": "gpt-5.2-codex",
                 "instructions": "You are Claude Code.\\n\\nBe brief.",
                 "input": [{"type": "message", "role": "user", "content": "Fix the bug"}],
                 "tools": [{"type": "function", "name": "read_file", "description": "Read a file",
                            "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
                            "strict": false}],
                 "tool_choice": "auto",
                 "parallel_tool_calls": true,
                 "max_output_tokens": 32000,
                 "temperature": 1,
                 "top_p": 0.9,
                 "stream": true,
                 "store": false,
                 "reasoning": {"effort": "high", "summary": "auto"},
                 "include": ["reasoning.encrypted_content"],
                 "metadata": {"user_id": "user_abc123_account_0d6c-11aa_session_5f1e-22bb"},
                 "safety_identifier": "abc123",
                 "prompt_cache_key": "5f1e-22bb"}"""), responses);
    }

    @Test
    void absentOptionalFieldsBecomeTheSection7_1Defaults() {
        JsonObject responses = translate("{\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(JsonValue.NULL, responses.get("instructions"));
        assertEquals(JsonValue.NULL, responses.get("tools"));
        assertEquals(JsonValue.NULL, responses.get("top_p"));
        assertEquals("auto", responses.getString("tool_choice"));
        assertEquals(false, responses.getBoolean("stream"));
        assertEquals(json("{\"summary\":\"auto\"}"), responses.get("reasoning"));
        assertFalse(responses.containsKey("metadata"));
        assertFalse(responses.containsKey("safety_identifier"));
        assertFalse(responses.containsKey("prompt_cache_key"));
    }

    @ParameterizedTest(name = "max_tokens {0} → max_output_tokens {1}")
    @CsvSource({"100, 12800", "12800, 12800", "32000, 32000", "200000, 128000"})
    void maxOutputTokensIsAtLeast12800AndWithinTheModelsLimit(long maxTokens, long expected) {
        assertEquals(expected, translate("{\"max_tokens\":" + maxTokens + ",\"messages\":[]}").getJsonNumber("max_output_tokens").longValue());
    }

    @Test
    void withoutMaxTokensTheModelsOutputLimitIsAsked() {
        assertEquals(128000, translate("{\"messages\":[]}").getInt("max_output_tokens"));
    }

    @Test
    void userBlocksAreGroupedIntoMessagesAndEachToolResultCutsTheGroup() {
        assertEquals(value("""
                [{"type": "message", "role": "user", "content": [
                   {"type": "input_text", "text": "Look:"},
                   {"type": "input_image", "image_url": "data:image/png;base64,iVBOR", "detail": "auto"},
                   {"type": "input_image", "image_url": "https://example.com/a.jpg", "detail": "auto"}]},
                 {"type": "function_call_output", "call_id": "toolu_1", "output": "72F and sunny", "status": "completed"},
                 {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Thanks, now Paris?"}]}]"""),
                input("""
                [{"role": "user", "content": [
                   {"type": "text", "text": "Look:"},
                   {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBOR"}},
                   {"type": "image", "source": {"type": "url", "url": "https://example.com/a.jpg"}},
                   {"type": "tool_result", "tool_use_id": "toolu_1", "content": "72F and sunny"},
                   {"type": "text", "text": "Thanks, now Paris?", "cache_control": {"type": "ephemeral"}}]}]"""));
    }

    @Test
    void toolResultContentIsAStringUnlessItCarriesImagesAndIsErrorMarksItIncomplete() {
        assertEquals(value("""
                [{"type": "function_call_output", "call_id": "a", "output": "line 1\\nline 2", "status": "completed"},
                 {"type": "function_call_output", "call_id": "b", "output": [
                    {"type": "input_text", "text": "screenshot"},
                    {"type": "input_image", "image_url": "data:image/png;base64,image-data", "detail": "auto"}], "status": "completed"},
                 {"type": "function_call_output", "call_id": "c", "output": "", "status": "completed"},
                 {"type": "function_call_output", "call_id": "d", "output": "No such file", "status": "incomplete"},
                 {"type": "function_call_output", "call_id": "e", "output": "Tool search loaded", "status": "completed"}]"""),
                input("""
                [{"role": "user", "content": [
                   {"type": "tool_result", "tool_use_id": "a", "content": [{"type": "text", "text": "line 1"}, {"type": "text", "text": "line 2"}]},
                   {"type": "tool_result", "tool_use_id": "b", "content": [{"type": "text", "text": "screenshot"},
                      {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "image-data"}}]},
                   {"type": "tool_result", "tool_use_id": "c"},
                   {"type": "tool_result", "tool_use_id": "d", "content": "No such file", "is_error": true},
                   {"type": "tool_result", "tool_use_id": "e", "content": [{"type": "tool_reference", "tool_name": "search"}]}]}]"""));
    }

    @Test
    void documentsBecomeFilesOrText() {
        assertEquals(value("""
                [{"type": "message", "role": "user", "content": [
                   {"type": "input_file", "filename": "spec.pdf", "file_data": "data:application/pdf;base64,JVBER"},
                   {"type": "input_file", "filename": "document.pdf", "file_data": "data:application/pdf;base64,JVBES"},
                   {"type": "input_text", "text": "plain notes"}]}]"""),
                input("""
                [{"role": "user", "content": [
                   {"type": "document", "title": "spec.pdf", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBER"}},
                   {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBES"}},
                   {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "plain notes"}}]}]"""));
    }

    @Test
    void assistantTextToolUseAndReplayableThinkingKeepTheirOrder() {
        assertEquals(value("""
                [{"type": "reasoning", "id": "rs_01", "summary": [{"type": "summary_text", "text": "Need the file"}], "encrypted_content": "gAAAA"},
                 {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Checking."},
                                                                      {"type": "output_text", "text": "Reading it."}]},
                 {"type": "function_call", "call_id": "call_1", "name": "read_file", "arguments": "{\\"path\\":\\"a.ts\\"}", "status": "completed"},
                 {"type": "reasoning", "id": "rs_02", "summary": [], "encrypted_content": "gBBBB"},
                 {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Done."}]}]"""),
                input("""
                [{"role": "assistant", "content": [
                   {"type": "thinking", "thinking": "Need the file", "signature": "gAAAA@rs_01"},
                   {"type": "text", "text": "Checking."},
                   {"type": "text", "text": "Reading it."},
                   {"type": "tool_use", "id": "call_1", "name": "read_file", "input": {"path": "a.ts"}},
                   {"type": "thinking", "thinking": "Thinking...", "signature": "gBBBB@rs_02"},
                   {"type": "thinking", "thinking": "Claude reasoning", "signature": "EqoBClaudeSignature"},
                   {"type": "redacted_thinking", "data": "xyz"},
                   {"type": "text", "text": "Done."}]}]"""));
    }

    /** Claude Code's role:system messages (environment facts, reminders) stay instructions at their place. */
    @Test
    void inlineSystemMessagesAreDeveloperMessagesAtTheirPlace() {
        assertEquals(value("""
                [{"type": "message", "role": "user", "content": "Q"},
                 {"type": "message", "role": "developer", "content": "cwd: /repo\\n\\nos: linux"},
                 {"type": "message", "role": "assistant", "content": "A"}]"""),
                input("""
                [{"role": "user", "content": "Q"},
                 {"role": "system", "content": [{"type": "text", "text": "cwd: /repo"}, {"type": "text", "text": "os: linux"}]},
                 {"role": "assistant", "content": "A"}]"""));
    }

    @Test
    void stringContentStaysAString() {
        assertEquals(value("""
                [{"type": "message", "role": "user", "content": "Hi"},
                 {"type": "message", "role": "assistant", "content": "Hello!"},
                 {"type": "message", "role": "developer", "content": "Reminder from opencode"}]"""),
                input("""
                [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"},
                 {"role": "system", "content": "Reminder from opencode"}]"""));
    }

    @Test
    void toolUseWithoutInputSendsEmptyArguments() {
        assertEquals("{}", ((JsonObject) input("[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"c\",\"name\":\"now\"}]}]")
                .asJsonArray().get(0)).getString("arguments"));
    }

    @Test
    void serverToolsAreDroppedAndObjectSchemasGetProperties() {
        JsonObject responses = translate("""
                {"max_tokens": 100, "messages": [],
                 "tools": [{"type": "web_search_20250305", "name": "web_search", "max_uses": 5},
                           {"type": "custom", "name": "now", "input_schema": {"type": "object"}},
                           {"name": "ping"}]}""");
        assertEquals(value("""
                [{"type": "function", "name": "now", "parameters": {"type": "object", "properties": {}}, "strict": false},
                 {"type": "function", "name": "ping", "parameters": {"type": "object", "properties": {}}, "strict": false}]"""),
                responses.get("tools"));
        assertEquals(JsonValue.NULL, translate("{\"max_tokens\":100,\"messages\":[],\"tools\":[{\"type\":\"bash_20250124\",\"name\":\"bash\"}]}").get("tools"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"auto\"}                     | \"auto\"",
            "{\"type\":\"any\"}                      | \"required\"",
            "{\"type\":\"none\"}                     | \"none\"",
            "{\"type\":\"tool\",\"name\":\"read\"}   | {\"type\":\"function\",\"name\":\"read\"}"})
    void toolChoiceOfSection7_1(String anthropic, String responses) {
        JsonObject translated = translate("{\"max_tokens\":100,\"messages\":[],\"tool_choice\":" + anthropic + "}");
        assertEquals(json("{\"v\":" + responses + "}").get("v"), translated.get("tool_choice"));
        assertEquals(true, translated.getBoolean("parallel_tool_calls"));
    }

    @Test
    void disableParallelToolUseTurnsParallelToolCallsOff() {
        assertEquals(false, translate("{\"max_tokens\":100,\"messages\":[],\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true}}")
                .getBoolean("parallel_tool_calls"));
    }

    @Test
    void jsonUserIdGivesTheDeviceAndTheSession() {
        JsonObject responses = translate("""
                {"max_tokens": 100, "messages": [],
                 "metadata": {"user_id": "{\\"device_id\\":\\"dev-1\\",\\"account_uuid\\":\\"acc-1\\",\\"session_id\\":\\"ses-1\\"}"}}""");
        assertEquals("dev-1", responses.getString("safety_identifier"));
        assertEquals("ses-1", responses.getString("prompt_cache_key"));
        JsonObject withoutDevice = translate("""
                {"max_tokens": 100, "messages": [], "metadata": {"user_id": "{\\"account_uuid\\":\\"acc-1\\"}"}}""");
        assertEquals("acc-1", withoutDevice.getString("safety_identifier"));
        assertFalse(withoutDevice.containsKey("prompt_cache_key"));
        JsonObject opaque = translate("{\"max_tokens\":100,\"messages\":[],\"metadata\":{\"user_id\":\"someone\"}}");
        assertFalse(opaque.containsKey("safety_identifier"));
    }

    @Test
    void outputConfigEffortIsClampedToTheModel() {
        assertEquals("high", translate("{\"max_tokens\":100,\"messages\":[],\"output_config\":{\"effort\":\"max\"}}")
                .getJsonObject("reasoning").getString("effort"));
    }

    @ParameterizedTest(name = "{0} → 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"max_tokens\":100}                                                            | messages",
            "{\"max_tokens\":100,\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}       | messages[0].role",
            "{\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":5}]}           | messages[0].content",
            "{\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\"}]}]} | messages[0].content[0].tool_use_id",
            "{\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"audio\"}]}]}       | messages[0].content[0].type",
            "{\"max_tokens\":100,\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"x\",\"name\":\"y\",\"input\":[]}]}]} | messages[0].content[0].input",
            "{\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]} | messages[0].content[0].source.type",
            "{\"max_tokens\":-1,\"messages\":[]}                                             | max_tokens",
            "{\"max_tokens\":100,\"messages\":[],\"tool_choice\":{\"type\":\"maybe\"}}       | tool_choice.type",
            "{\"max_tokens\":100,\"messages\":[],\"tool_choice\":{\"type\":\"tool\"}}        | tool_choice.name",
            "{\"max_tokens\":100,\"messages\":[],\"tools\":[{\"description\":\"no name\"}]}  | tools[0].name",
            "{\"max_tokens\":100,\"messages\":[],\"system\":7}                               | system",
            "{\"max_tokens\":100,\"messages\":[],\"stream\":\"yes\"}                         | stream",
            "{\"max_tokens\":100,\"messages\":[],\"output_config\":{\"effort\":\"extreme\"}} | output_config.effort"})
    void malformedRequestsAreRejectedNamingTheField(String anthropic, String field) {
        RequestContentException rejected = assertThrows(RequestContentException.class, () -> translate(anthropic));
        assertEquals(field, rejected.field());
    }
}
