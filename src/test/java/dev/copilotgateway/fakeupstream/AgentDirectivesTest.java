package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentDirectivesTest extends UpstreamFixture {

    @Test
    void aToolResultLastIsAnsweredWithItsOutput() {
        Reply reply = AgentDirectives.reply(new Turn("call tool Read with {}", "the file says 42", List.of("Read")));

        assertEquals("Tool said: the file says 42", reply.text());
        assertTrue(reply.toolCalls().isEmpty());
    }

    @Test
    void theDirectiveCallsTheOfferedToolWithItsJsonArguments() {
        String prompt = "Please call tool Bash with {\"command\": \"echo {hi} \\\"}\\\"\", \"n\": {\"x\": 1}} and report.";

        Reply reply = AgentDirectives.reply(new Turn(prompt, null, List.of("Read", "Bash")));

        assertEquals(List.of(ToolCall.of("Bash", "{\"command\":\"echo {hi} \\\"}\\\"\",\"n\":{\"x\":1}}")), reply.toolCalls());
        assertNull(reply.text());
    }

    @Test
    void aToolTheRequestDoesNotOfferOrBrokenJsonIsEchoed() {
        assertEquals("Echo: call tool Bash with {\"command\":\"ls\"}",
                AgentDirectives.reply(new Turn("call tool Bash with {\"command\":\"ls\"}", null, List.of("Read"))).text());
        assertEquals("Echo: call tool Bash with {\"command\": ls}",
                AgentDirectives.reply(new Turn("call tool Bash with {\"command\": ls}", null, List.of("Bash"))).text());
        assertEquals(Optional.empty(), AgentDirectives.jsonObjectAt("{\"open\": 1", 0));
    }

    @Test
    void offeredToolsAreReadInEveryDialectIncludingNamespaces() {
        JsonObject responses = Jsons.parseObject("""
                {"tools": [{"type": "function", "name": "exec_command"},
                           {"type": "namespace", "name": "mcp", "tools": [{"type": "function", "name": "lookup"}]},
                           {"type": "web_search"}]}""");
        JsonObject chat = Jsons.parseObject("{\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"Read\"}}]}");

        assertEquals(List.of("exec_command", "mcp", "lookup"), Turn.of(new ResponsesDialect(), responses).offeredTools());
        assertEquals(List.of("Read"), Turn.of(new ChatCompletionsDialect(), chat).offeredTools());
    }

    @Test
    void eachDialectFindsTheToolResultTheConversationEndsWith() {
        assertEquals("out", new ChatCompletionsDialect().trailingToolOutput(Jsons.parseObject("""
                {"messages": [{"role": "user", "content": "go"}, {"role": "assistant", "tool_calls": []},
                              {"role": "tool", "tool_call_id": "c", "content": "out"},
                              {"role": "system", "content": "a reminder after it"}]}""")));
        assertEquals("out", new AnthropicMessagesDialect().trailingToolOutput(Jsons.parseObject("""
                {"messages": [{"role": "user", "content": "go"},
                              {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t",
                                                            "content": [{"type": "text", "text": "out"}]},
                                                           {"type": "text", "text": "<system-reminder>…</system-reminder>"}]}]}""")));
        assertEquals("out", new ResponsesDialect().trailingToolOutput(Jsons.parseObject("""
                {"input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "go"}]},
                           {"type": "function_call", "call_id": "c", "name": "exec_command", "arguments": "{}"},
                           {"type": "function_call_output", "call_id": "c", "output": "out"}]}""")));
    }

    @Test
    void aConversationThatEndsWithTheUserHasNoToolOutput() {
        assertNull(new ChatCompletionsDialect().trailingToolOutput(Jsons.parseObject("""
                {"messages": [{"role": "tool", "tool_call_id": "c", "content": "old"}, {"role": "user", "content": "next"}]}""")));
        assertNull(new AnthropicMessagesDialect().trailingToolOutput(Jsons.parseObject("""
                {"messages": [{"role": "user", "content": "go"}]}""")));
        assertNull(new ResponsesDialect().trailingToolOutput(Jsons.parseObject("{\"input\": \"go\"}")));
    }

    @Test
    void theFakeFollowsTheDirectivesOverHttp() {
        upstream.setDefaultTurnReply(AgentDirectives::reply);
        String call = """
                {"model": "gpt-4.1", "tools": [{"type": "function", "function": {"name": "Read", "parameters": {}}}],
                 "messages": [{"role": "user", "content": "call tool Read with {\\"file_path\\": \\"/tmp/a\\"}"}]}""";
        JsonObject first = TestClient.json(client.capiPost("/chat/completions", copilotToken(), call)).getJsonArray("choices").getJsonObject(0);

        assertEquals("tool_calls", first.getString("finish_reason"));
        JsonObject function = first.getJsonObject("message").getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function");
        assertEquals("Read", function.getString("name"));
        assertEquals("{\"file_path\":\"/tmp/a\"}", function.getString("arguments"));

        String result = call.replace("]}\n", "]}").replaceFirst("\\}\\]\\}$",
                "}, {\"role\": \"assistant\", \"content\": null}, {\"role\": \"tool\", \"tool_call_id\": \"c\", \"content\": \"42\"}]}");
        JsonObject second = TestClient.json(client.capiPost("/chat/completions", copilotToken(), result)).getJsonArray("choices").getJsonObject(0);
        assertEquals("Tool said: 42", second.getJsonObject("message").getString("content"));
    }
}
