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

class ChatToMessagesRequestTest {

    /** A 1M Claude variant served only by /v1/messages, without adaptive thinking (budget thinking, §12.4). */
    static final CopilotModel OPUS_1M = model("""
            {"id": "claude-opus-4.5-1m", "capabilities": {"type": "chat", "limits": {"max_output_tokens": 64000},
             "supports": {"min_thinking_budget": 1024, "max_thinking_budget": 32000}}, "supported_endpoints": ["/v1/messages"]}""");

    /** A model with adaptive thinking (Claude ≥ 4.6). */
    static final CopilotModel SONNET_ADAPTIVE = model("""
            {"id": "claude-sonnet-4.6-1m", "capabilities": {"type": "chat", "limits": {"max_output_tokens": 32000},
             "supports": {"adaptive_thinking": true, "min_thinking_budget": 1024, "max_thinking_budget": 32000,
                          "reasoning_effort": ["low", "medium", "high"]}}, "supported_endpoints": ["/v1/messages"]}""");

    private static final CopilotModel NO_LIMITS = model("{\"id\": \"claude-x\", \"supported_endpoints\": [\"/v1/messages\"]}");

    private static final String HELLO = "\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";

    private static CopilotModel model(String json) {
        return new CopilotModel((JsonObject) JsonIo.read(json));
    }

    private JsonObject translate(String chat, CopilotModel model) {
        return ChatToMessagesRequest.translate((JsonObject) JsonIo.read(chat), model);
    }

    private JsonObject translate(String chat) {
        return translate(chat, OPUS_1M);
    }

    private static JsonValue json(String json) {
        return JsonIo.read(json);
    }

    /** §9.1 and §13.2 on one conversation: system joined, images, tool calls and results, alternation, breakpoints. */
    @Test
    void conversationWithToolsOfSection9_1() {
        JsonObject messages = translate("""
                {"model": "opus-1m", "stream": true, "temperature": 0.4, "top_p": 0.9, "stop": "END", "n": 1, "seed": 7,
                 "frequency_penalty": 0.1, "stream_options": {"include_usage": true}, "user": "u-1",
                 "messages": [
                   {"role": "system", "content": "You are terse."},
                   {"role": "user", "content": [{"type": "text", "text": "What is in these?"},
                                                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAA", "detail": "high"}},
                                                {"type": "image_url", "image_url": {"url": "https://x/y.png"}}]},
                   {"role": "developer", "content": [{"type": "text", "text": "Prefer tools."}]},
                   {"role": "assistant", "content": "Let me look.",
                    "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "read_file", "arguments": "{\\"path\\":\\"a.ts\\"}"}},
                                   {"id": "call_2", "type": "function", "function": {"name": "stat", "arguments": "not json"}}]},
                   {"role": "tool", "tool_call_id": "call_1", "content": "export {}"},
                   {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "size 9"}, {"type": "text", "text": "mode 644"}]},
                   {"role": "user", "content": "And now?"},
                   {"role": "assistant", "content": [{"type": "text", "text": "Nothing."}]},
                   {"role": "user", "content": "Thanks"}],
                 "tools": [{"type": "function", "function": {"name": "read_file", "description": "Read a file",
                            "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}}},
                           {"type": "function", "function": {"name": "stat"}}],
                 "tool_choice": "required"}""");
        assertEquals(json("""
                {"model": "claude-opus-4.5-1m", "max_tokens": 64000,
                 "system": [{"type": "text", "text": "You are terse.\\n\\nPrefer tools.", "cache_control": {"type": "ephemeral"}}],
                 "messages": [
                   {"role": "user", "content": [
                      {"type": "text", "text": "What is in these?"},
                      {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAA"}},
                      {"type": "image", "source": {"type": "url", "url": "https://x/y.png"}}]},
                   {"role": "assistant", "content": [
                      {"type": "text", "text": "Let me look."},
                      {"type": "tool_use", "id": "call_1", "name": "read_file", "input": {"path": "a.ts"}},
                      {"type": "tool_use", "id": "call_2", "name": "stat", "input": {}}]},
                   {"role": "user", "content": [
                      {"type": "tool_result", "tool_use_id": "call_1", "content": "export {}"},
                      {"type": "tool_result", "tool_use_id": "call_2", "content": "size 9\\n\\nmode 644"},
                      {"type": "text", "text": "And now?"}]},
                   {"role": "assistant", "content": [{"type": "text", "text": "Nothing."}]},
                   {"role": "user", "content": [{"type": "text", "text": "Thanks", "cache_control": {"type": "ephemeral"}}]}],
                 "stream": true,
                 "stop_sequences": ["END"],
                 "tools": [{"name": "read_file", "description": "Read a file",
                            "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}}},
                           {"name": "stat", "input_schema": {"type": "object", "properties": {}}, "cache_control": {"type": "ephemeral"}}],
                 "tool_choice": {"type": "any"},
                 "temperature": 0.4, "top_p": 0.9,
                 "metadata": {"user_id": "u-1"}}"""), messages);
    }

    /** §9.1: tool_choice mapping. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"auto\"                                           | {\"type\":\"auto\"}",
            "\"required\"                                       | {\"type\":\"any\"}",
            "\"none\"                                           | {\"type\":\"none\"}",
            "{\"type\":\"function\",\"function\":{\"name\":\"f\"}} | {\"type\":\"tool\",\"name\":\"f\"}"})
    void toolChoiceOfSection9_1(String chatChoice, String anthropicChoice) {
        JsonObject messages = translate("{" + HELLO + ", \"tool_choice\": " + chatChoice
                + ", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}]}");
        assertEquals(json(anthropicChoice), messages.get("tool_choice"));
    }

    @Test
    void serialToolCallsDisableParallelToolUse() {
        JsonObject messages = translate("{" + HELLO + ", \"parallel_tool_calls\": false, \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}]}");
        assertEquals(json("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"), messages.get("tool_choice"));
    }

    @Test
    void toolChoiceWithoutToolsIsLeftOut() {
        JsonObject messages = translate("{" + HELLO + ", \"tool_choice\": \"auto\", \"tools\": []}");
        assertFalse(messages.containsKey("tools"));
        assertFalse(messages.containsKey("tool_choice"));
    }

    /** §9.1 / §12.4: effort → budget thinking, fitted to the model's range and below max_tokens; sampling dropped. */
    @ParameterizedTest
    @CsvSource({"low, 64000, 1024", "medium, 64000, 4096", "high, 64000, 16384", "xhigh, 64000, 32000", "high, 8000, 7999"})
    void effortBecomesThinkingBudgetOfSection12_4(String effort, long maxTokens, long budget) {
        JsonObject messages = translate("{" + HELLO + ", \"max_tokens\": " + maxTokens + ", \"temperature\": 0.2, \"top_p\": 0.5, \"reasoning_effort\": \"" + effort + "\"}");
        assertEquals(json("{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}"), messages.get("thinking"));
        assertFalse(messages.containsKey("temperature"), "Anthropic rejects temperature next to thinking");
        assertFalse(messages.containsKey("top_p"));
        assertFalse(messages.containsKey("output_config"));
    }

    @Test
    void xhighWithoutModelBudgetLimitIs32768() {
        JsonObject messages = translate("{" + HELLO + ", \"reasoning_effort\": \"xhigh\", \"max_tokens\": 40000}", NO_LIMITS);
        assertEquals(json("{\"type\":\"enabled\",\"budget_tokens\":32768}"), messages.get("thinking"));
    }

    /** §12.4: adaptive models get adaptive thinking and output_config.effort; xhigh becomes max when not listed. */
    @ParameterizedTest
    @CsvSource({"low, low", "high, high", "xhigh, max"})
    void adaptiveModelsGetOutputConfigEffort(String effort, String sent) {
        JsonObject messages = translate("{" + HELLO + ", \"reasoning_effort\": \"" + effort + "\"}", SONNET_ADAPTIVE);
        assertEquals(json("{\"type\":\"adaptive\"}"), messages.get("thinking"));
        assertEquals(json("{\"effort\":\"" + sent + "\"}"), messages.get("output_config"));
    }

    @Test
    void noThinkingForNoneEffortOrForcedTool() {
        assertFalse(translate("{" + HELLO + ", \"reasoning_effort\": \"none\", \"temperature\": 0.3}").containsKey("thinking"));
        JsonObject forced = translate("{" + HELLO + ", \"reasoning_effort\": \"high\", \"temperature\": 0.3, \"tool_choice\": \"required\","
                + " \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}]}");
        assertFalse(forced.containsKey("thinking"), "Anthropic forbids thinking with a forced tool");
        assertEquals(json("0.3"), forced.get("temperature"));
    }

    @Test
    void temperatureIsCappedAtAnthropicsMaximum() {
        assertEquals(json("1"), translate("{" + HELLO + ", \"temperature\": 1.7}").get("temperature"));
    }

    /** §9.1: response_format json_schema → output_config.format (next to an effort); json_object and text dropped. */
    @Test
    void responseFormatOfSection9_1() {
        JsonObject schema = translate("{" + HELLO + ", \"reasoning_effort\": \"medium\", \"response_format\": {\"type\": \"json_schema\","
                + " \"json_schema\": {\"name\": \"r\", \"strict\": true, \"schema\": {\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}}}}",
                SONNET_ADAPTIVE);
        assertEquals(json("""
                {"effort": "medium", "format": {"type": "json_schema", "schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}"""),
                schema.get("output_config"));
        assertFalse(translate("{" + HELLO + ", \"response_format\": {\"type\": \"json_object\"}}").containsKey("output_config"));
        assertFalse(translate("{" + HELLO + ", \"response_format\": {\"type\": \"text\"}}").containsKey("output_config"));
    }

    /** §9.1: max_tokens ?? model max_output_tokens ?? 4096 (max_completion_tokens, the newer name, first). */
    @Test
    void maxTokensDefaults() {
        assertEquals(json("64000"), translate("{" + HELLO + "}").get("max_tokens"));
        assertEquals(json("4096"), translate("{" + HELLO + "}", NO_LIMITS).get("max_tokens"));
        assertEquals(json("300"), translate("{" + HELLO + ", \"max_tokens\": 300}").get("max_tokens"));
        assertEquals(json("200"), translate("{" + HELLO + ", \"max_tokens\": 300, \"max_completion_tokens\": 200}").get("max_tokens"));
        assertThrows(RequestContentException.class, () -> translate("{" + HELLO + ", \"max_tokens\": 0}"));
    }

    @Test
    void stopListsAndNonStreaming() {
        JsonObject messages = translate("{" + HELLO + ", \"stop\": [\"a\", \"b\"]}");
        assertEquals(json("[\"a\",\"b\"]"), messages.get("stop_sequences"));
        assertEquals(JsonValue.FALSE, messages.get("stream"));
        assertFalse(translate("{" + HELLO + ", \"stop\": null}").containsKey("stop_sequences"));
        assertThrows(RequestContentException.class, () -> translate("{" + HELLO + ", \"stop\": 3}"));
    }

    /** §9.1: replayed reasoning becomes a thinking block ahead of the text; no breakpoint on it (§13.2). */
    @Test
    void replayedReasoningBecomesLeadingThinkingBlock() {
        JsonObject messages = translate("""
                {"messages": [{"role": "user", "content": "Hi"},
                  {"role": "assistant", "content": "Hello", "reasoning_text": "Greet back", "reasoning_opaque": "sig-1"},
                  {"role": "assistant", "content": "Again", "reasoning_text": "From GPT", "reasoning_opaque": "enc@gpt"}]}""");
        assertEquals(json("""
                [{"role": "user", "content": [{"type": "text", "text": "Hi"}]},
                 {"role": "assistant", "content": [
                    {"type": "thinking", "thinking": "Greet back", "signature": "sig-1"},
                    {"type": "text", "text": "Hello"},
                    {"type": "text", "text": "Again", "cache_control": {"type": "ephemeral"}}]}]"""), messages.get("messages"));
        assertFalse(messages.containsKey("system"));
    }

    /** Tool results stay ahead of the user's text in a merged user turn; results with images keep them as blocks. */
    @Test
    void toolResultsLeadTheirUserTurn() {
        JsonObject messages = translate("""
                {"messages": [{"role": "user", "content": "Look"},
                  {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "shot", "arguments": ""}}]},
                  {"role": "user", "content": ""},
                  {"role": "tool", "tool_call_id": "c1", "content": [{"type": "text", "text": "here"},
                     {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,QQ"}}]},
                  {"role": "user", "content": "ok?"}]}""");
        assertEquals(json("""
                [{"role": "user", "content": [{"type": "text", "text": "Look"}]},
                 {"role": "assistant", "content": [{"type": "tool_use", "id": "c1", "name": "shot", "input": {}}]},
                 {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "c1", "content": [{"type": "text", "text": "here"},
                       {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "QQ"}}]},
                    {"type": "text", "text": "ok?", "cache_control": {"type": "ephemeral"}}]}]"""), messages.get("messages"));
    }

    @Test
    void contentTheUpstreamCannotTakeIsA400NamingTheField() {
        RequestContentException audio = assertThrows(RequestContentException.class, () -> translate("""
                {"messages": [{"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": "x", "format": "wav"}}]}]}"""));
        assertEquals("messages[0].content[0].type", audio.field());
        RequestContentException dataUrl = assertThrows(RequestContentException.class, () -> translate("""
                {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:image/svg+xml,<svg/>"}}]}]}"""));
        assertEquals("messages[0].content[0].image_url.url", dataUrl.field());
        RequestContentException systemOnly = assertThrows(RequestContentException.class,
                () -> translate("{\"messages\": [{\"role\": \"system\", \"content\": \"x\"}]}"));
        assertEquals("messages", systemOnly.field());
        assertThrows(RequestContentException.class, () -> translate("{\"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}"));
        assertThrows(RequestContentException.class, () -> translate("{" + HELLO + ", \"tools\": [{\"type\": \"web_search\"}]}"));
        assertThrows(RequestContentException.class, () -> translate("{" + HELLO + ", \"reasoning_effort\": 3}"));
    }
}
