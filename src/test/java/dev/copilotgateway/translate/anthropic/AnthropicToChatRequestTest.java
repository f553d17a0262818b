package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.CLAUDE_SONNET_46;
import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.GPT_41;
import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.GPT_5_MINI;
import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.GPT_THINKING;
import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.object;
import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import dev.copilotgateway.protocol.openai.OpenAiRequests;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicToChatRequestTest {

    private static final AnthropicToChatRequest.Options NO_MERGE = new AnthropicToChatRequest.Options(true, true, false);

    private static JsonObject translate(String request, CopilotModel model) {
        return AnthropicToChatRequest.translate(object(request), model);
    }

    /** The messages without §13.1 markers, to compare with the spec's examples. */
    private static List<JsonValue> messages(JsonObject chat) {
        List<JsonValue> messages = new ArrayList<>();
        for (JsonObject message : chat.getJsonArray("messages").getValuesAs(JsonObject.class)) {
            messages.add(JsonIo.PROVIDER.createObjectBuilder(message).remove("copilot_cache_control").build());
        }
        return messages;
    }

    private static List<JsonValue> list(String jsonArray) {
        return new ArrayList<>(((JsonArray) value(jsonArray)));
    }

    private static RequestContentException rejected(String request) {
        return assertThrows(RequestContentException.class, () -> translate(request, GPT_41));
    }

    // ---- §3.1 top-level fields ------------------------------------------------------------------------------------

    @Test
    void topLevelFieldsOf3_1() {
        JsonObject chat = translate("""
                {"model":"claude-x","max_tokens":1000,"temperature":0.5,"top_p":0.9,"top_k":40,"stop_sequences":["END"],
                 "stream":true,"service_tier":"auto","system":"Be brief.",
                 "messages":[{"role":"user","content":"Hi"}]}""", GPT_41);
        assertEquals("gpt-4.1", chat.getString("model"));
        assertEquals(1000, chat.getInt("max_tokens"));
        assertEquals(value("0.5"), chat.get("temperature"));
        assertEquals(value("0.9"), chat.get("top_p"));
        assertFalse(chat.containsKey("top_k"), "top_k has no Chat equivalent and is dropped");
        assertFalse(chat.containsKey("service_tier"));
        assertEquals(value("[\"END\"]"), chat.get("stop"));
        assertEquals(JsonValue.TRUE, chat.get("stream"));
        assertEquals(object("{\"include_usage\":true}"), chat.get("stream_options"));
        assertEquals(list("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]"), messages(chat));
    }

    @Test
    void systemBlocksAreJoinedWithABlankLineAndMaxTokensDefaultsToTheModelLimit() {
        JsonObject chat = translate("""
                {"system":[{"type":"text","text":"One.","cache_control":{"type":"ephemeral"}},{"type":"text","text":"Two."}],
                 "messages":[{"role":"user","content":"Hi"}]}""", GPT_41);
        assertEquals(object("{\"role\":\"system\",\"content\":\"One.\\n\\nTwo.\"}"), messages(chat).get(0));
        assertEquals(16384, chat.getInt("max_tokens"));
        assertFalse(chat.containsKey("stream"));
    }

    @Test
    void metadataUserIdBecomesTheUserPartOfClaudeCodesIdOrItsHash() {
        String legacy = "user_" + "a".repeat(64) + "_account_11111111-2222-3333-4444-555555555555_session_66666666-7777-8888-9999-000000000000";
        assertEquals("a".repeat(64), user(legacy));
        assertEquals("dev-1", user("{\\\"device_id\\\":\\\"dev-1\\\",\\\"account_uuid\\\":\\\"acc\\\",\\\"session_id\\\":\\\"s\\\"}"));
        assertEquals("alice", user("alice"));
        String hashed = user("x".repeat(100));
        assertEquals(64, hashed.length());
        assertTrue(hashed.matches("[0-9a-f]{64}"));
    }

    private static String user(String userId) {
        return translate("{\"metadata\":{\"user_id\":\"" + userId + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", GPT_41)
                .getString("user");
    }

    @Test
    void outputConfigFormatBecomesAJsonSchemaResponseFormat() {
        JsonObject chat = translate("""
                {"output_config":{"format":{"type":"json_schema","schema":{"type":"object"}}},
                 "messages":[{"role":"user","content":"Hi"}]}""", GPT_41);
        assertEquals(object("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"response\",\"schema\":{\"type\":\"object\"},\"strict\":true}}"),
                chat.get("response_format"));
    }

    // ---- §3.2 user messages ---------------------------------------------------------------------------------------

    /** §3.2 example, "without the merge of §3.9" (a compaction request skips it). */
    @Test
    void toolResultsComeFirstThenTheUserText() {
        JsonObject chat = AnthropicToChatRequest.translate(object("""
                {"messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"toolu_1","content":"72F and sunny"},
                  {"type":"text","text":"Thanks, now Paris?"}]}]}"""), GPT_41, NO_MERGE);
        assertEquals(list("""
                [{"role":"tool","tool_call_id":"toolu_1","content":"72F and sunny"},
                 {"role":"user","content":"Thanks, now Paris?"}]"""), messages(chat));
    }

    /** §3.9: with the merge the turn stays "tool results only", so the last message is the tool's. */
    @Test
    void withTheMergeTheTextJoinsTheToolResult() {
        JsonObject chat = translate("""
                {"messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"toolu_1","content":"72F and sunny"},
                  {"type":"text","text":"<system-reminder>x</system-reminder>"}]}]}""", GPT_41);
        assertEquals(list("[{\"role\":\"tool\",\"tool_call_id\":\"toolu_1\",\"content\":\"72F and sunny\\n\\n<system-reminder>x</system-reminder>\"}]"),
                messages(chat));
    }

    @Test
    void textOnlyBlocksBecomeOneStringAndImagesMakeParts() {
        JsonObject chat = translate("""
                {"messages":[
                  {"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b","cache_control":{"type":"ephemeral"}}]},
                  {"role":"user","content":[{"type":"text","text":"Look:"},
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},
                    {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]}]}""", GPT_41);
        assertEquals(list("""
                [{"role":"user","content":"a\\n\\nb"},
                 {"role":"user","content":[{"type":"text","text":"Look:"},
                   {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBOR"}},
                   {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]"""), messages(chat));
        assertTrue(OpenAiRequests.hasImages(chat.getJsonArray("messages")), "the caller sets copilot-vision-request from this");
    }

    @Test
    void pdfDocumentsBecomeTheNoticeOrAFilePartAndTextDocumentsTheirText() {
        String request = """
                {"messages":[{"role":"user","content":[
                  {"type":"document","title":"spec.pdf","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"}},
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"plain words"}},
                  {"type":"tool_reference","tool_name":"Grep"}]}]}""";
        assertEquals(list("[{\"role\":\"user\",\"content\":\"" + AnthropicToChatRequest.PDF_NOT_SUPPORTED + "\\n\\nplain words\\n\\nTool Grep loaded\"}]"),
                messages(translate(request, GPT_41)));
        JsonObject withFiles = AnthropicToChatRequest.translate(object(request), GPT_41, new AnthropicToChatRequest.Options(false, true, true));
        assertEquals(list("""
                [{"role":"user","content":[
                  {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBER","filename":"spec.pdf"}},
                  {"type":"text","text":"plain words"},{"type":"text","text":"Tool Grep loaded"}]}]"""), messages(withFiles));
    }

    // ---- §3.3 tool_result content ---------------------------------------------------------------------------------

    @Test
    void toolResultContentOf3_3() {
        JsonObject chat = translate("""
                {"messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"line 1"},{"type":"text","text":"line 2"}]},
                  {"type":"tool_result","tool_use_id":"t2","is_error":true,"content":"file not found"},
                  {"type":"tool_result","tool_use_id":"t3"},
                  {"type":"tool_result","tool_use_id":"t4","is_error":true}]}]}""", GPT_41);
        assertEquals(list("""
                [{"role":"tool","tool_call_id":"t1","content":"line 1\\nline 2"},
                 {"role":"tool","tool_call_id":"t2","content":"Error: file not found"},
                 {"role":"tool","tool_call_id":"t3","content":""},
                 {"role":"tool","tool_call_id":"t4","content":"Error"}]"""), messages(chat));
    }

    // ---- §3.4 assistant messages ----------------------------------------------------------------------------------

    /** §3.4 example (Claude target keeps the thinking). */
    @Test
    void assistantMessageWithThinkingTextAndToolUseForClaude() {
        JsonObject chat = translate("""
                {"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":[
                  {"type":"thinking","thinking":"I should call the API","signature":"EqoB..."},
                  {"type":"text","text":"Checking."},
                  {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Boston"}}]}]}""", CLAUDE_SONNET_46);
        assertEquals(object("""
                {"role":"assistant","content":"Checking.",
                 "reasoning_text":"I should call the API","reasoning_opaque":"EqoB...",
                 "tool_calls":[{"id":"toolu_1","type":"function",
                   "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Boston\\"}"}}]}"""), messages(chat).get(1));
    }

    @Test
    void claudeThinkingIsNeverShownToOtherModelsButTheirOwnOpaqueStateReturns() {
        String request = """
                {"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":[
                  {"type":"thinking","thinking":"secret reasoning","signature":"EqoB"},
                  {"type":"thinking","thinking":"","signature":"gpt-opaque-state"},
                  {"type":"text","text":"A"}]}]}""";
        assertEquals(object("{\"role\":\"assistant\",\"content\":\"A\",\"reasoning_opaque\":\"gpt-opaque-state\"}"),
                messages(translate(request, GPT_5_MINI)).get(1));
    }

    @Test
    void onlyGenuineClaudeThinkingIsReplayedToClaude() {
        JsonObject chat = translate("""
                {"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":[
                  {"type":"thinking","thinking":"Thinking...","signature":"sig0"},
                  {"type":"thinking","thinking":"from gpt","signature":"enc@rs_1"},
                  {"type":"thinking","thinking":"unsigned","signature":""},
                  {"type":"redacted_thinking","data":"xyz"},
                  {"type":"thinking","thinking":"first","signature":"sig1"},
                  {"type":"thinking","thinking":"second","signature":"sig2"},
                  {"type":"text","text":"A"}]}]}""", CLAUDE_SONNET_46);
        assertEquals(object("{\"role\":\"assistant\",\"content\":\"A\",\"reasoning_text\":\"first\\n\\nsecond\",\"reasoning_opaque\":\"sig1\"}"),
                messages(chat).get(1));
    }

    @Test
    void contentIsNullWithOnlyToolCallsAndEmptyAssistantTurnsAreSkipped() {
        JsonObject chat = translate("""
                {"messages":[{"role":"user","content":"Q"},
                  {"role":"assistant","content":[]},
                  {"role":"assistant","content":[{"type":"tool_use","id":"c1","name":"ls","input":{}},{"type":"tool_use","id":"c2","name":"pwd"}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"c1","content":"a"},{"type":"tool_result","tool_use_id":"c2","content":"/"}]},
                  {"role":"assistant","content":"Done."}]}""", GPT_41);
        assertEquals(list("""
                [{"role":"user","content":"Q"},
                 {"role":"assistant","content":null,"tool_calls":[
                   {"id":"c1","type":"function","function":{"name":"ls","arguments":"{}"}},
                   {"id":"c2","type":"function","function":{"name":"pwd","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"c1","content":"a"},
                 {"role":"tool","tool_call_id":"c2","content":"/"},
                 {"role":"assistant","content":"Done."}]"""), messages(chat));
    }

    /** Claude Code puts environment facts and reminders in role:system messages: instructions at their place, never user turns. */
    @Test
    void inlineSystemMessagesStaySystemMessagesAtTheirPlace() {
        JsonObject chat = translate("{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"system\",\"content\":\"Mind the tests.\"},"
                + "{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"cwd: /repo\"},{\"type\":\"text\",\"text\":\"os: linux\"}]},"
                + "{\"role\":\"assistant\",\"content\":\"A\"}]}", GPT_41);
        assertEquals(object("{\"role\":\"system\",\"content\":\"Mind the tests.\"}"), messages(chat).get(1));
        assertEquals("system", messages(chat).get(2).asJsonObject().getString("role"));
        assertEquals("cwd: /repo\n\nos: linux", messages(chat).get(2).asJsonObject().getString("content"));
        assertEquals("assistant", messages(chat).get(3).asJsonObject().getString("role"));
        RequestContentException image = assertThrows(RequestContentException.class, () -> translate("{\"messages\":[{\"role\":\"system\","
                + "\"content\":[{\"type\":\"image\",\"source\":{}}]},{\"role\":\"user\",\"content\":\"Q\"}]}", GPT_41));
        assertTrue(image.field().startsWith("messages[0].content[0]"), image.field());
    }

    // ---- §3.5 images inside tool results --------------------------------------------------------------------------

    /** §3.5 example: one tool_result with text "screenshot" and a PNG. */
    @Test
    void imagesInToolResultsMoveToAUserMessage() {
        JsonObject chat = translate("""
                {"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"tool_image","content":[
                  {"type":"text","text":"screenshot"},
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"image-data"}}]}]}]}""", GPT_41);
        assertEquals(list("""
                [{"role":"tool","tool_call_id":"tool_image","content":"screenshot"},
                 {"role":"user","content":[{"type":"text","text":"Tool result for tool_image:"},
                                           {"type":"text","text":"screenshot"},
                                           {"type":"image_url","image_url":{"url":"data:image/png;base64,image-data"}}]}]"""), messages(chat));
    }

    @Test
    void movedContentFollowsAllToolMessagesOfTheTurnAndPrecedesTheUserText() {
        JsonObject chat = AnthropicToChatRequest.translate(object("""
                {"messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"a","content":[{"type":"image","source":{"type":"url","url":"https://x/a.png"}}]},
                  {"type":"tool_result","tool_use_id":"b","content":"plain"},
                  {"type":"text","text":"Compare them."}]}]}"""), GPT_41, NO_MERGE);
        assertEquals(list("""
                [{"role":"tool","tool_call_id":"a","content":"%s"},
                 {"role":"tool","tool_call_id":"b","content":"plain"},
                 {"role":"user","content":[{"type":"text","text":"Tool result for a:"},{"type":"image_url","image_url":{"url":"https://x/a.png"}}]},
                 {"role":"user","content":"Compare them."}]""".formatted(AnthropicToChatRequest.RICH_TOOL_RESULT_MOVED)), messages(chat));
    }

    // ---- §3.7 tools and §3.8 tool_choice --------------------------------------------------------------------------

    /** §3.7 example, plus the schema fix, strict, and dropped server tools and extras. */
    @Test
    void toolsOf3_7() {
        JsonObject chat = translate("""
                {"messages":[{"role":"user","content":"Hi"}],"tools":[
                  {"name":"get_weather","description":"Get weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                  {"name":"noop","input_schema":{"type":"object"},"strict":true,"cache_control":{"type":"ephemeral"},"defer_loading":false},
                  {"type":"web_search_20250305","name":"web_search","max_uses":5},
                  {"type":"bash_20250124","name":"bash"}]}""", GPT_41);
        assertEquals(value("""
                [{"type":"function","function":{"name":"get_weather","description":"Get weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
                 {"type":"function","function":{"name":"noop","parameters":{"type":"object","properties":{}},"strict":true}}]"""), chat.get("tools"));
    }

    /** §3.8 table. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"auto\"}                         | \"auto\"",
        "{\"type\":\"any\"}                          | \"required\"",
        "{\"type\":\"tool\",\"name\":\"get_weather\"} | {\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}",
        "{\"type\":\"none\"}                         | \"none\"",
        "{\"type\":\"tool\",\"name\":\"missing\"}     | ",
        "{\"type\":\"someday\"}                      | "})
    void toolChoiceOf3_8(String anthropic, String chatChoice) {
        JsonObject chat = translate("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"tool_choice\":" + anthropic
                + ",\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]}", GPT_41);
        assertEquals(chatChoice == null ? null : value(chatChoice), chat.get("tool_choice"));
    }

    @Test
    void disableParallelToolUseAndNoToolsMeansNoToolChoice() {
        JsonObject chat = translate("""
                {"messages":[{"role":"user","content":"Hi"}],"tool_choice":{"type":"auto","disable_parallel_tool_use":true},
                 "tools":[{"name":"t","input_schema":{"type":"object","properties":{}}}]}""", GPT_41);
        assertEquals(JsonValue.FALSE, chat.get("parallel_tool_calls"));
        JsonObject noTools = translate("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"tool_choice\":{\"type\":\"any\"}}", GPT_41);
        assertFalse(noTools.containsKey("tools"));
        assertFalse(noTools.containsKey("tool_choice"));
    }

    // ---- §12 thinking on the Chat path ----------------------------------------------------------------------------

    @Test
    void thinkingBecomesReasoningEffortForGptAndThinkingBudgetForClaude() {
        String thinking = "{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":10000},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        JsonObject gpt = translate(thinking, GPT_5_MINI);
        assertEquals("high", gpt.getString("reasoning_effort"));
        assertFalse(gpt.containsKey("thinking_budget"));
        JsonObject claude = translate(thinking, CLAUDE_SONNET_46);
        assertEquals(10000, claude.getInt("thinking_budget"));
        assertFalse(claude.containsKey("reasoning_effort"));
        JsonObject claudeWithoutBudget = AnthropicToChatRequest.translate(object(thinking), CLAUDE_SONNET_46,
                new AnthropicToChatRequest.Options(false, false, false));
        assertEquals("high", claudeWithoutBudget.getString("reasoning_effort"));
        assertFalse(translate(thinking, GPT_41).containsKey("reasoning_effort"), "gpt-4.1 lists no efforts");
    }

    @Test
    void anExplicitEffortWinsOverTheThinkingBudget() {
        JsonObject claude = translate("""
                {"thinking":{"type":"enabled","budget_tokens":10000},"output_config":{"effort":"medium"},
                 "messages":[{"role":"user","content":"Hi"}]}""", CLAUDE_SONNET_46);
        assertEquals("medium", claude.getString("reasoning_effort"));
        assertFalse(claude.containsKey("thinking_budget"));
    }

    /** caozhiyuan's "maps thinking budget within selected model limits": no thinking_budget for a non-Claude model. */
    @Test
    void noThinkingBudgetForNonClaudeModels() {
        JsonObject chat = translate("{\"thinking\":{\"type\":\"enabled\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", GPT_THINKING);
        assertFalse(chat.containsKey("thinking_budget"));
        assertFalse(chat.containsKey("reasoning_effort"));
    }

    // ---- §13.1 cache markers ----------------------------------------------------------------------------------------

    /** §13.1 example: [system s0, system s1, user u2, assistant a3, user u4, tool t5] with N = 2 → 0, 1, 4, 5. */
    @Test
    void cacheMarkersOf13_1() {
        List<JsonObject> messages = List.of(
                object("{\"role\":\"system\",\"content\":\"s0\"}"),
                object("{\"role\":\"system\",\"content\":\"s1\"}"),
                object("{\"role\":\"user\",\"content\":\"u2\"}"),
                object("{\"role\":\"assistant\",\"content\":\"a3\"}"),
                object("{\"role\":\"user\",\"content\":\"u4\"}"),
                object("{\"role\":\"tool\",\"tool_call_id\":\"x\",\"content\":\"t5\"}"));
        List<JsonObject> marked = AnthropicToChatRequest.withCacheMarkers(messages);
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < marked.size(); i++) {
            if (marked.get(i).containsKey("copilot_cache_control")) {
                assertEquals(object("{\"type\":\"ephemeral\"}"), marked.get(i).get("copilot_cache_control"));
                indexes.add(i);
            }
        }
        assertEquals(List.of(0, 1, 4, 5), indexes);
    }

    @Test
    void messagesWithoutContentAreNotMarked() {
        JsonObject chat = translate("""
                {"system":"S","messages":[{"role":"user","content":"Q"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"c1","name":"ls","input":{}}]}]}""", GPT_41);
        List<Boolean> marked = chat.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(message -> message.containsKey("copilot_cache_control")).toList();
        assertEquals(List.of(true, true, false), marked);
    }

    // ---- invalid input ----------------------------------------------------------------------------------------------

    @Test
    void malformedRequestsNameTheField() {
        assertEquals("messages", rejected("{}").field());
        assertEquals("messages", rejected("{\"messages\":{}}").field());
        assertEquals("messages[0]", rejected("{\"messages\":[42]}").field());
        assertEquals("messages[0].role", rejected("{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}").field());
        assertEquals("messages[0].content", rejected("{\"messages\":[{\"role\":\"user\",\"content\":7}]}").field());
        assertEquals("messages[0].content[0].type", rejected("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"no type\"}]}]}").field());
        assertEquals("messages[0].content[0].type",
                rejected("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"container_upload\",\"file_id\":\"f\"}]}]}").field());
        assertEquals("messages[0].content[0].source.type",
                rejected("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]}").field());
        assertEquals("messages[0].content[0].id",
                rejected("{\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"name\":\"x\",\"input\":{}}]}]}").field());
        assertEquals("messages[0].content[0].tool_use_id",
                rejected("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"content\":\"x\"}]}]}").field());
        assertEquals("max_tokens", rejected("{\"max_tokens\":-1,\"messages\":[]}").field());
        assertEquals("stop_sequences", rejected("{\"stop_sequences\":[1],\"messages\":[]}").field());
        assertEquals("tools[0].input_schema", rejected("{\"tools\":[{\"name\":\"t\"}],\"messages\":[]}").field());
        assertEquals("system[0]", rejected("{\"system\":[{\"type\":\"image\"}],\"messages\":[]}").field());
        assertEquals("temperature", rejected("{\"temperature\":\"hot\",\"messages\":[]}").field());
    }

    @Test
    void serverToolBlocksInTheHistoryAreDropped() {
        JsonObject chat = translate("""
                {"messages":[{"role":"user","content":"News?"},{"role":"assistant","content":[
                  {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"news"}},
                  {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]},
                  {"type":"text","text":"Here is the news."}]}]}""", GPT_41);
        assertEquals(object("{\"role\":\"assistant\",\"content\":\"Here is the news.\"}"), messages(chat).get(1));
    }
}
