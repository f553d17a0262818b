package dev.copilotgateway.translate.gemini;

import static dev.copilotgateway.translate.gemini.GeminiFixtures.GEMINI_25_PRO;
import static dev.copilotgateway.translate.gemini.GeminiFixtures.GPT_41;
import static dev.copilotgateway.translate.gemini.GeminiFixtures.object;
import static dev.copilotgateway.translate.gemini.GeminiFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.RequestContentException;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §11.2 (and §12.3 through {@code thinkingConfig}): Gemini requests as Chat requests. */
class GeminiToChatRequestTest {

    private static JsonObject translate(String gemini) {
        return GeminiToChatRequest.translate(object(gemini), GEMINI_25_PRO, false);
    }

    /** §11.2's worked example, field for field (ids are the calls' positions, see the class comment). */
    @Test
    void workedExampleOfSection11_2() {
        JsonObject chat = translate("""
                {"systemInstruction":{"parts":[{"text":"Be brief"}]},
                 "contents":[
                   {"role":"user","parts":[{"text":"What's the weather in Paris?"}]},
                   {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},
                   {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temp":21}}}]}],
                 "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Get weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}],
                 "toolConfig":{"functionCallingConfig":{"mode":"AUTO"}},
                 "generationConfig":{"maxOutputTokens":1024,"temperature":0.2,"topP":0.9,"stopSequences":["END"]}}""");
        assertEquals(object("""
                {"model":"gemini-2.5-pro",
                 "messages":[
                   {"role":"system","content":"Be brief"},
                   {"role":"user","content":"What's the weather in Paris?"},
                   {"role":"assistant","content":null,"tool_calls":[{"id":"call_1_0","type":"function",
                      "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                   {"role":"tool","tool_call_id":"call_1_0","content":"{\\"temp\\":21}"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Get weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                 "tool_choice":"auto","max_tokens":1024,"temperature":0.2,"top_p":0.9,"stop":["END"]}"""), chat);
    }

    @Test
    void plainStringContentsIsOneUserMessageAndMaxTokensDefaultsToTheModel() {
        JsonObject chat = translate("{\"contents\":\"Hi\"}");
        assertEquals(value("[{\"role\":\"user\",\"content\":\"Hi\"}]"), chat.get("messages"));
        assertEquals(64000, chat.getInt("max_tokens"));
        assertFalse(chat.containsKey("stream"));
    }

    @Test
    void systemPartsAreJoinedWithABlankLineAndRolesMap() {
        JsonObject chat = translate("""
                {"systemInstruction":{"parts":[{"text":"One"},{"text":"Two"}]},
                 "contents":[{"parts":[{"text":"no role"}]},{"role":"model","parts":[{"text":"a"},{"text":"b"}]},
                             {"role":"function","parts":[{"text":"fn role"}]}]}""");
        assertEquals(object("""
                {"m":[{"role":"system","content":"One\\n\\nTwo"},{"role":"user","content":"no role"},
                      {"role":"assistant","content":"ab"},{"role":"user","content":"fn role"}]}"""),
                object("{\"m\":" + chat.get("messages") + "}"));
    }

    @Test
    void inlineImagesBecomeImageUrlPartsAndThoughtsAreDropped() {
        JsonObject chat = translate("""
                {"contents":[{"role":"user","parts":[{"text":"What is this?"},
                   {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]},
                 {"role":"model","parts":[{"text":"secret plan","thought":true},{"text":"A cat.","thoughtSignature":"sig"}]},
                 {"role":"user","parts":[{"inline_data":{"mime_type":"image/jpeg","data":"/9j/"}}]}]}""");
        assertEquals(object("""
                {"m":[{"role":"user","content":[{"type":"text","text":"What is this?"},
                        {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]},
                      {"role":"assistant","content":"A cat."},
                      {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/"}}]}]}"""),
                object("{\"m\":" + chat.get("messages") + "}"));
    }

    @Test
    void nonImageFilesAreRefusedWithTheField() {
        RequestContentException refused = assertThrows(RequestContentException.class, () -> translate("""
                {"contents":[{"role":"user","parts":[{"inlineData":{"mimeType":"application/pdf","data":"JVBE"}}]}]}"""));
        assertEquals("contents[0].parts[0].inlineData.mimeType", refused.field());
    }

    /** Parallel calls of the same function pair FIFO by name; an echoed functionResponse.id wins. */
    @Test
    void responsesPairWithCallsByIdOrOldestPendingOfTheName() {
        JsonObject chat = translate("""
                {"contents":[{"role":"user","parts":[{"text":"go"}]},
                 {"role":"model","parts":[{"text":"Looking."},{"functionCall":{"name":"f","args":{"n":1}}},
                   {"functionCall":{"name":"f","args":{"n":2}}},{"functionCall":{"id":"abc","name":"g"}}]},
                 {"role":"user","parts":[{"functionResponse":{"id":"abc","name":"g","response":{"r":"g"}}},
                   {"functionResponse":{"name":"f","response":{"r":1}}},{"functionResponse":{"name":"f","response":{"r":2}}},
                   {"text":"and now?"}]}]}""");
        assertEquals(object("""
                {"m":[{"role":"user","content":"go"},
                  {"role":"assistant","content":"Looking.","tool_calls":[
                    {"id":"call_1_1","type":"function","function":{"name":"f","arguments":"{\\"n\\":1}"}},
                    {"id":"call_1_2","type":"function","function":{"name":"f","arguments":"{\\"n\\":2}"}},
                    {"id":"abc","type":"function","function":{"name":"g","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"abc","content":"{\\"r\\":\\"g\\"}"},
                  {"role":"tool","tool_call_id":"call_1_1","content":"{\\"r\\":1}"},
                  {"role":"tool","tool_call_id":"call_1_2","content":"{\\"r\\":2}"},
                  {"role":"user","content":"and now?"}]}"""), object("{\"m\":" + chat.get("messages") + "}"));
        // No tools declared: the called functions get empty object schemas so the history is accepted.
        assertEquals(object("""
                {"t":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{}}}},
                      {"type":"function","function":{"name":"g","parameters":{"type":"object","properties":{}}}}]}"""),
                object("{\"t\":" + chat.get("tools") + "}"));
    }

    @Test
    void sameHistoryGivesTheSameIds() {
        String request = """
                {"contents":[{"role":"user","parts":[{"text":"go"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"f"}}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"f","response":{}}}]}]}""";
        assertEquals(translate(request), translate(request));
    }

    /** Gemini CLI puts functionResponse parts directly into contents. */
    @Test
    void bareFunctionResponseItemsInContents() {
        JsonObject chat = translate("""
                {"contents":[{"role":"user","parts":[{"text":"go"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"ls","args":{}}}]},
                 {"functionResponse":{"name":"ls","response":{"output":"a.txt"}}}]}""");
        assertEquals("{\"output\":\"a.txt\"}", chat.getJsonArray("messages").getJsonObject(2).getString("content"));
        assertEquals("call_1_0", chat.getJsonArray("messages").getJsonObject(2).getString("tool_call_id"));
    }

    /** Cancelled calls (no response later) are dropped, with their message when it had nothing else. */
    @Test
    void unansweredCallsAreDropped() {
        JsonObject chat = translate("""
                {"contents":[{"role":"user","parts":[{"text":"go"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"f"}}]},
                 {"role":"user","parts":[{"text":"never mind"}]},
                 {"role":"model","parts":[{"text":"OK."},{"functionCall":{"name":"g"}}]},
                 {"role":"user","parts":[{"text":"bye"}]}]}""");
        assertEquals(object("""
                {"m":[{"role":"user","content":"go\\n\\nnever mind"},{"role":"assistant","content":"OK."},{"role":"user","content":"bye"}]}"""),
                object("{\"m\":" + chat.get("messages") + "}"));
    }

    @Test
    void aResponseToNoKnownCallBecomesUserText() {
        JsonObject chat = translate("""
                {"contents":[{"role":"user","parts":[{"functionResponse":{"name":"f","response":{"x":1}}}]}]}""");
        assertEquals(object("{\"m\":[{\"role\":\"user\",\"content\":\"Result of function f: {\\\"x\\\":1}\"}]}"),
                object("{\"m\":" + chat.get("messages") + "}"));
    }

    @Test
    void consecutiveTextTurnsMergeAndEmptyUserTextIsASpace() {
        JsonObject chat = translate("""
                {"contents":[{"role":"user","parts":[{"text":""}]},{"role":"model","parts":[{"text":"a"}]},
                             {"role":"model","parts":[{"text":"b"}]}]}""");
        assertEquals(object("{\"m\":[{\"role\":\"user\",\"content\":\" \"},{\"role\":\"assistant\",\"content\":\"a\\n\\nb\"}]}"),
                object("{\"m\":" + chat.get("messages") + "}"));
    }

    @Test
    void toolSchemasAreLowerCasedBuiltInToolsDroppedAndNamelessSkipped() {
        JsonObject chat = translate("""
                {"contents":"hi","tools":[{"googleSearch":{}},{"codeExecution":{}},{"functionDeclarations":[
                  {"name":"a","parameters":{"type":"OBJECT","properties":{"q":{"type":"STRING"},
                     "tags":{"type":"ARRAY","items":{"type":"STRING"}},"type":{"type":"STRING","enum":["OBJECT"]}}}},
                  {"name":"b","parametersJsonSchema":{"type":"object","properties":{"x":{"type":["string","null"]}}},"parameters":{"type":"STRING"}},
                  {"name":"c"},{"description":"nameless"}]}],
                 "toolConfig":{"functionCallingConfig":{"mode":"ANY"}}}""");
        assertEquals(object("""
                {"t":[{"type":"function","function":{"name":"a","parameters":{"type":"object","properties":{"q":{"type":"string"},
                        "tags":{"type":"array","items":{"type":"string"}},"type":{"type":"string","enum":["OBJECT"]}}}}},
                      {"type":"function","function":{"name":"b","parameters":{"type":"object","properties":{"x":{"type":["string","null"]}}}}},
                      {"type":"function","function":{"name":"c","parameters":{"type":"object","properties":{}}}}]}"""),
                object("{\"t\":" + chat.get("tools") + "}"));
        assertEquals("required", chat.getString("tool_choice"));
    }

    @Test
    void toolChoiceModes() {
        String tools = "\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"},{\"name\":\"g\"}]}]";
        assertEquals("none", translate("{\"contents\":\"x\"," + tools + ",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"NONE\"}}}")
                .getString("tool_choice"));
        assertEquals(object("{\"type\":\"function\",\"function\":{\"name\":\"g\"}}"), translate("{\"contents\":\"x\"," + tools
                + ",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"g\"]}}}").get("tool_choice"));
        // Only set when there are tools.
        assertFalse(translate("{\"contents\":\"x\",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\"}}}").containsKey("tool_choice"));
    }

    @Test
    void generationConfigFields() {
        JsonObject chat = translate("""
                {"contents":"x","generationConfig":{"topK":40,"candidateCount":1,"presencePenalty":0.5,"frequencyPenalty":0.1,"seed":7,
                 "responseMimeType":"application/json","responseSchema":{"type":"OBJECT","properties":{"a":{"type":"INTEGER"}}}},
                 "safetySettings":[{"category":"HARM_CATEGORY_HATE_SPEECH","threshold":"BLOCK_NONE"}],"cachedContent":"cachedContents/x"}""");
        assertFalse(chat.containsKey("top_k"));
        assertFalse(chat.containsKey("n"));
        assertEquals(0.5, chat.getJsonNumber("presence_penalty").doubleValue());
        assertEquals(0.1, chat.getJsonNumber("frequency_penalty").doubleValue());
        assertEquals(7, chat.getInt("seed"));
        assertEquals(object("""
                {"type":"json_schema","json_schema":{"name":"gemini_response","strict":true,
                  "schema":{"type":"object","properties":{"a":{"type":"integer"}}}}}"""), chat.get("response_format"));
        assertFalse(chat.containsKey("safetySettings"));
        assertFalse(chat.containsKey("cachedContent"));
        assertEquals(object("{\"type\":\"json_object\"}"),
                translate("{\"contents\":\"x\",\"generationConfig\":{\"responseMimeType\":\"application/json\"}}").get("response_format"));
    }

    @Test
    void moreThanOneCandidateIsRefused() {
        RequestContentException refused = assertThrows(RequestContentException.class,
                () -> translate("{\"contents\":\"x\",\"generationConfig\":{\"candidateCount\":2}}"));
        assertEquals("generationConfig.candidateCount", refused.field());
        assertTrue(refused.getMessage().contains("one candidate"));
    }

    @Test
    void streamingAsksForUsage() {
        JsonObject chat = GeminiToChatRequest.translate(object("{\"contents\":\"x\"}"), GEMINI_25_PRO, true);
        assertTrue(chat.getBoolean("stream"));
        assertEquals(object("{\"include_usage\":true}"), chat.get("stream_options"));
    }

    /** §12.3's table through the request codec, on a model listing low/medium/high. */
    @Test
    void thinkingConfigRowsOfSection12_3() {
        Map<String, String> rows = Map.of(
                "{\"thinkingLevel\":\"minimal\"}", "low",
                "{\"thinkingLevel\":\"low\"}", "low",
                "{\"thinkingLevel\":\"medium\"}", "medium",
                "{\"thinkingLevel\":\"HIGH\",\"thinkingBudget\":100}", "high",
                "{\"thinkingBudget\":1024}", "low",
                "{\"thinkingBudget\":2048}", "low",
                "{\"thinkingBudget\":4096}", "medium",
                "{\"thinkingBudget\":8192}", "medium",
                "{\"thinkingBudget\":10000,\"includeThoughts\":true}", "high");
        rows.forEach((config, effort) -> assertEquals(effort,
                translate("{\"contents\":\"x\",\"generationConfig\":{\"thinkingConfig\":" + config + "}}").getString("reasoning_effort"), config));
        for (String off : new String[] {"{\"thinkingBudget\":0}", "{\"thinkingBudget\":-1}", "{\"includeThoughts\":true}"}) {
            assertFalse(translate("{\"contents\":\"x\",\"generationConfig\":{\"thinkingConfig\":" + off + "}}").containsKey("reasoning_effort"), off);
        }
        // A model that lists no efforts gets none (§12.1 step 5).
        assertFalse(GeminiToChatRequest.translate(object("{\"contents\":\"x\",\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":9000}}}"),
                GPT_41, false).containsKey("reasoning_effort"));
    }

    @Test
    void malformedFieldsNameThemselves() {
        Map<String, String> cases = Map.of(
                "{\"contents\":[{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"args\":{}}}]}]}", "contents[0].parts[0].functionCall.name",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":5}]}]}", "contents[0].parts[0].text",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"executableCode\":{\"code\":\"1\"}}]}]}", "contents[0].parts[0].executableCode",
                "{\"contents\":\"x\",\"generationConfig\":{\"maxOutputTokens\":0}}", "generationConfig.maxOutputTokens",
                "{\"contents\":\"x\",\"generationConfig\":{\"stopSequences\":\"END\"}}", "generationConfig.stopSequences",
                "{\"contents\":[5]}", "contents[0]",
                "{\"contents\":{}}", "contents");
        cases.forEach((request, field) -> assertEquals(field, assertThrows(RequestContentException.class, () -> translate(request), request).field()));
    }
}
