package dev.copilotgateway.translate.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsesPassThroughFixesTest {

    private static final CopilotModel CODEX = new CopilotModel((JsonObject) JsonIo.read("""
            {"id": "gpt-5.2-codex", "capabilities": {"type": "chat", "supports": {"reasoning_effort": ["low", "medium", "high"]}},
             "supported_endpoints": ["/responses", "ws:/responses"]}"""));

    private static final CopilotModel NO_EFFORTS = new CopilotModel((JsonObject) JsonIo.read("""
            {"id": "gpt-5-mini", "capabilities": {"type": "chat"}, "supported_endpoints": ["/chat/completions", "/responses"]}"""));

    private static JsonObject apply(String request, CopilotModel model) {
        return ResponsesPassThroughFixes.apply((JsonObject) JsonIo.read(request), model);
    }

    private static JsonValue json(String json) {
        return JsonIo.read(json);
    }

    /** §10 and UPSTREAM §9.1 on a Codex CLI request: every fix, everything else untouched. */
    @Test
    void codexRequestOfSection10() {
        JsonObject fixed = apply("""
                {"model": "codex", "instructions": "You are Codex.", "service_tier": "priority", "store": true,
                 "input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Fix it"}]}],
                 "tools": [{"type": "function", "name": "shell", "parameters": {"type": "object", "properties": {}}, "strict": false},
                           {"type": "custom", "name": "apply_patch", "description": "Edit files with a patch",
                            "format": {"type": "grammar", "syntax": "lark", "definition": "start: x"}},
                           {"type": "web_search"}, {"type": "web_search_preview_2025_03_11"}, {"type": "image_generation"}],
                 "tool_choice": "auto", "parallel_tool_calls": true, "reasoning": {"effort": "xhigh", "summary": "auto"},
                 "include": ["reasoning.encrypted_content"], "prompt_cache_key": "s-1", "safety_identifier": "abc", "stream": true}""", CODEX);
        assertEquals(json("""
                {"model": "gpt-5.2-codex", "instructions": "You are Codex.", "store": false,
                 "input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Fix it"}]}],
                 "tools": [{"type": "function", "name": "shell", "parameters": {"type": "object", "properties": {}}, "strict": false},
                           {"type": "function", "name": "apply_patch", "description": "Edit files with a patch",
                            "parameters": {"type": "object", "properties": {"input": {"type": "string"}}, "required": ["input"],
                                           "additionalProperties": false}, "strict": false}],
                 "tool_choice": "auto", "parallel_tool_calls": true, "reasoning": {"effort": "high", "summary": "auto"},
                 "include": ["reasoning.encrypted_content"], "prompt_cache_key": "s-1", "safety_identifier": "abc", "stream": true}"""), fixed);
    }

    @Test
    void onlyHostedToolsLeaveNoToolsAndNoChoice() {
        JsonObject fixed = apply("{\"input\": \"hi\", \"tools\": [{\"type\": \"web_search_preview\"}], \"tool_choice\": \"required\"}", CODEX);
        assertFalse(fixed.containsKey("tools"));
        assertFalse(fixed.containsKey("tool_choice"));
        assertEquals(JsonValue.FALSE, fixed.get("store"));
    }

    @Test
    void toolChoiceFollowsTheTools() {
        String tools = "\"tools\": [{\"type\": \"function\", \"name\": \"shell\"}, {\"type\": \"custom\", \"name\": \"apply_patch\"}, {\"type\": \"web_search\"}]";
        assertEquals(json("{\"type\": \"function\", \"name\": \"apply_patch\"}"),
                apply("{\"input\": \"hi\", " + tools + ", \"tool_choice\": {\"type\": \"custom\", \"name\": \"apply_patch\"}}", CODEX).get("tool_choice"));
        assertFalse(apply("{\"input\": \"hi\", " + tools + ", \"tool_choice\": {\"type\": \"web_search\"}}", CODEX).containsKey("tool_choice"));
        assertEquals(json("{\"type\": \"function\", \"name\": \"shell\"}"),
                apply("{\"input\": \"hi\", " + tools + ", \"tool_choice\": {\"type\": \"function\", \"name\": \"shell\"}}", CODEX).get("tool_choice"));
    }

    /** §10 / §12.1 step 5: reasoning.effort clamped to the model's list; removed when the model lists none. */
    @ParameterizedTest
    @CsvSource({"minimal, low", "low, low", "medium, medium", "high, high", "xhigh, high", "max, high"})
    void effortIsClampedToTheModel(String requested, String sent) {
        assertEquals(json("{\"effort\": \"" + sent + "\"}"), apply("{\"input\": \"hi\", \"reasoning\": {\"effort\": \"" + requested + "\"}}", CODEX).get("reasoning"));
    }

    @Test
    void effortIsRemovedForModelsWithoutEfforts() {
        assertEquals(json("{\"summary\": \"auto\"}"),
                apply("{\"input\": \"hi\", \"reasoning\": {\"effort\": \"high\", \"summary\": \"auto\"}}", NO_EFFORTS).get("reasoning"));
    }

    /** §10: copilot-vision-request when any input_image appears, searched recursively; legacy type image too. */
    @Test
    void imagesAreFoundAnywhereInTheInput() {
        assertTrue(ResponsesPassThroughFixes.hasImages((JsonObject) json("""
                {"input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "x"},
                  {"type": "input_image", "image_url": "data:image/png;base64,AAA"}]}]}""")));
        assertTrue(ResponsesPassThroughFixes.hasImages((JsonObject) json("""
                {"input": [{"type": "function_call_output", "call_id": "c", "output": [{"type": "image", "image_url": "https://x"}]}]}""")));
        assertFalse(ResponsesPassThroughFixes.hasImages((JsonObject) json("""
                {"instructions": "input_image", "input": [{"type": "message", "role": "user", "content": "an input_image please"}]}""")));
        assertFalse(ResponsesPassThroughFixes.hasImages((JsonObject) json("{\"input\": \"just text\"}")));
    }
}
