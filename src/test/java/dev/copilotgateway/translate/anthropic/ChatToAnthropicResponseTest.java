package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.CLAUDE_SONNET_46;
import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.GPT_5_MINI;
import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.object;
import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.models.CopilotModel;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatToAnthropicResponseTest {

    private static JsonObject translate(String chat, CopilotModel model, List<String> stopSequences) {
        return ChatToAnthropicResponse.translate(object(chat), model, "client-model", stopSequences, () -> "msg_generated");
    }

    private static JsonObject translate(String chat) {
        return translate(chat, GPT_5_MINI, List.of());
    }

    /** §4 worked example (the client asked for "claude-sonnet-4.5"). */
    @Test
    void workedExampleOf4() {
        JsonObject anthropic = ChatToAnthropicResponse.translate(object("""
                {"id":"chatcmpl-456","model":"claude-sonnet-4.5",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Let me check.",
                   "reasoning_text":"Need weather","reasoning_opaque":"EqoB...",
                   "tool_calls":[{"id":"call_abc","type":"function","function":{"name":"get_current_weather","arguments":"{\\"location\\": \\"Boston, MA\\"}"}}]},
                   "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":30,"completion_tokens":20,"total_tokens":50,"prompt_tokens_details":{"cached_tokens":10}}}"""),
                CLAUDE_SONNET_46, "claude-sonnet-4.5", List.of(), () -> "unused");
        assertEquals(object("""
                {"id":"chatcmpl-456","type":"message","role":"assistant","model":"claude-sonnet-4.5",
                 "content":[
                   {"type":"thinking","thinking":"Need weather","signature":"EqoB..."},
                   {"type":"text","text":"Let me check."},
                   {"type":"tool_use","id":"call_abc","name":"get_current_weather","input":{"location":"Boston, MA"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":20,"output_tokens":20,"cache_read_input_tokens":10}}"""), anthropic);
    }

    @Test
    void allChoicesAreMergedAndAnyToolCallsMakeItAToolTurn() {
        JsonObject anthropic = translate("""
                {"id":"c1","choices":[
                  {"index":0,"message":{"role":"assistant","content":"Looking."},"finish_reason":"stop"},
                  {"index":1,"message":{"role":"assistant","tool_calls":[{"id":"toolu_9","type":"function","function":{"name":"ls","arguments":"{}"}}]},
                   "finish_reason":"tool_calls"}]}""");
        assertEquals(value("""
                [{"type":"text","text":"Looking."},{"type":"tool_use","id":"toolu_9","name":"ls","input":{}}]"""), anthropic.get("content"));
        assertEquals("tool_use", anthropic.getString("stop_reason"));
    }

    @Test
    void modelIsTheClientsAndAMissingIdIsGenerated() {
        JsonObject anthropic = translate("{\"model\":\"gpt-5-mini\",\"choices\":[{\"message\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}");
        assertEquals("client-model", anthropic.getString("model"));
        assertEquals("msg_generated", anthropic.getString("id"));
        assertEquals(object("{\"input_tokens\":0,\"output_tokens\":0}"), anthropic.get("usage"));
    }

    @Test
    void opaqueReasoningWithoutTextIsKeptForOtherModelsOnly() {
        String chat = """
                {"id":"c","choices":[{"message":{"content":"Hi","reasoning_opaque":"opaque-state"},"finish_reason":"stop"}]}""";
        assertEquals(value("[{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"opaque-state\"},{\"type\":\"text\",\"text\":\"Hi\"}]"),
                translate(chat, GPT_5_MINI, List.of()).get("content"));
        assertEquals(value("[{\"type\":\"text\",\"text\":\"Hi\"}]"), translate(chat, CLAUDE_SONNET_46, List.of()).get("content"));
    }

    @Test
    void reasoningContentOfOtherUpstreamsAndTextPartsAreRead() {
        JsonObject anthropic = translate("""
                {"id":"c","choices":[{"message":{"reasoning_content":"hmm","content":[{"type":"text","text":"a"},{"type":"text","text":""},{"type":"text","text":"b"}]},
                 "finish_reason":"stop"}]}""");
        assertEquals(value("""
                [{"type":"thinking","thinking":"hmm","signature":""},{"type":"text","text":"a"},{"type":"text","text":"b"}]"""), anthropic.get("content"));
        assertEquals(value("[]"), translate("{\"id\":\"c\",\"choices\":[{\"message\":{\"content\":\"\"},\"finish_reason\":\"stop\"}]}").get("content"));
    }

    @ParameterizedTest(name = "arguments {0} → input {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1}     | {\"a\":1}",
        "[1,2]         | {\"arguments\":[1,2]}",
        "5             | {\"value\":5}",
        "\"text\"      | {\"value\":\"text\"}",
        "{\"broken\":  | {}",
        "''            | {}"})
    void toolArgumentsBecomeAnInputObject(String arguments, String input) {
        assertEquals(object(input), ChatToAnthropicResponse.toolInput(arguments));
    }

    @Test
    void invalidToolIdsAreSanitisedDeterministicallyAndStayDistinct() {
        assertEquals("call_abc-1", ChatToAnthropicResponse.toolUseId("call_abc-1"));
        String sanitised = ChatToAnthropicResponse.toolUseId("call.1:x");
        assertTrue(sanitised.matches("call_1_x_[0-9a-f]{8}"), sanitised);
        assertEquals(sanitised, ChatToAnthropicResponse.toolUseId("call.1:x"));
        assertNotEquals(sanitised, ChatToAnthropicResponse.toolUseId("call:1.x"));
        JsonObject anthropic = translate("""
                {"id":"c","choices":[{"message":{"tool_calls":[{"id":"tool/1","type":"function","function":{"name":"f","arguments":"{}"}},
                  {"type":"function","function":{"name":"g","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}""");
        assertEquals(ChatToAnthropicResponse.toolUseId("tool/1"), anthropic.getJsonArray("content").getJsonObject(0).getString("id"));
        assertEquals("toolu_c_0_1", anthropic.getJsonArray("content").getJsonObject(1).getString("id"), "an id-less call gets one");
    }

    /** §4 finish_reason table (content_filter → refusal, the spec's recommendation). */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"'\"stop\"', end_turn", "'\"length\"', max_tokens", "'\"tool_calls\"', tool_use", "'\"content_filter\"', refusal", "null, "})
    void stopReasonTableOf4(String finishReason, String stopReason) {
        JsonObject anthropic = translate("{\"id\":\"c\",\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":" + finishReason + "}]}");
        assertEquals(stopReason == null ? JsonValue.NULL : value("\"" + stopReason + "\""), anthropic.get("stop_reason"));
        assertEquals(JsonValue.NULL, anthropic.get("stop_sequence"));
    }

    @Test
    void toolCallsWithAStopFinishAreStillAToolTurn() {
        JsonObject anthropic = translate("""
                {"id":"c","choices":[{"message":{"tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"stop"}]}""");
        assertEquals("tool_use", anthropic.getString("stop_reason"));
    }

    /** A stop sequence is reported only when the upstream names the one it matched; "stop" alone is a natural end. */
    @Test
    void stopSequenceOnlyWhenTheUpstreamNamesAMatchedOne() {
        List<String> stops = List.of("END", "###");
        JsonObject named = translate("{\"id\":\"c\",\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\",\"stop_reason\":\"###\"}]}",
                GPT_5_MINI, stops);
        assertEquals("stop_sequence", named.getString("stop_reason"));
        assertEquals("###", named.getString("stop_sequence"));
        JsonObject sglang = translate("{\"id\":\"c\",\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\",\"matched_stop\":\"END\"}]}",
                GPT_5_MINI, stops);
        assertEquals("END", sglang.getString("stop_sequence"));
        JsonObject tokenId = translate("{\"id\":\"c\",\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\",\"stop_reason\":151645}]}",
                GPT_5_MINI, stops);
        assertEquals("end_turn", tokenId.getString("stop_reason"), "vLLM's token-id stop_reason is an end of sequence, not a client stop");
        JsonObject unnamed = translate("{\"id\":\"c\",\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}",
                GPT_5_MINI, List.of("END"));
        assertEquals("end_turn", unnamed.getString("stop_reason"), "one candidate is still a guess");
        assertEquals(JsonValue.NULL, unnamed.get("stop_sequence"));
    }

    /** §4 usage and §13.3: input excludes cached and cache-creation tokens; prompt = input + cache read + creation. */
    @Test
    void usageOf4And13_3() {
        JsonObject usage = ChatToAnthropicResponse.usage(object("""
                {"prompt_tokens":100,"completion_tokens":7,"prompt_tokens_details":{"cached_tokens":60,"cache_creation_input_tokens":10}}"""), true);
        assertEquals(object("{\"input_tokens\":30,\"output_tokens\":7,\"cache_read_input_tokens\":60,\"cache_creation_input_tokens\":10}"), usage);
        assertEquals(100, usage.getInt("input_tokens") + usage.getInt("cache_read_input_tokens") + usage.getInt("cache_creation_input_tokens"));
        assertEquals(object("{\"input_tokens\":9,\"output_tokens\":2}"),
                ChatToAnthropicResponse.usage(object("{\"prompt_tokens\":9,\"completion_tokens\":2}"), true), "cache keys only when sent");
        assertEquals(object("{\"input_tokens\":0,\"output_tokens\":0,\"cache_read_input_tokens\":0}"),
                ChatToAnthropicResponse.usage(object("{\"prompt_tokens\":0,\"prompt_tokens_details\":{\"cached_tokens\":0}}"), true));
    }
}
