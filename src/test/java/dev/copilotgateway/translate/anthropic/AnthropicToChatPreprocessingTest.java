package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.object;
import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §3.9. */
class AnthropicToChatPreprocessingTest {

    private static JsonObject merged(String userContent) {
        JsonObject request = object("{\"messages\":[{\"role\":\"user\",\"content\":" + userContent + "}]}");
        return AnthropicToChatPreprocessing.mergeToolResults(request).getJsonArray("messages").getJsonObject(0);
    }

    @Test
    void equalCountsPairTextsWithToolResultsInOrder() {
        assertEquals(value("""
                [{"type":"tool_result","tool_use_id":"a","content":"A\\n\\nnote a"},
                 {"type":"tool_result","tool_use_id":"b","content":"B\\n\\nnote b"}]"""), merged("""
                [{"type":"tool_result","tool_use_id":"a","content":"A"},{"type":"tool_result","tool_use_id":"b","content":"B"},
                 {"type":"text","text":"note a"},{"type":"text","text":"note b"}]""").get("content"));
    }

    @Test
    void otherwiseAllTextsGoToTheLastToolResultAndArraysGetBlocksWithoutCacheControl() {
        assertEquals(value("""
                [{"type":"tool_result","tool_use_id":"a","content":"A"},
                 {"type":"tool_result","tool_use_id":"b","content":[{"type":"text","text":"B"},{"type":"text","text":"r1"},
                   {"type":"text","text":"r2"},{"type":"text","text":"r3"}]}]"""), merged("""
                [{"type":"tool_result","tool_use_id":"a","content":"A"},
                 {"type":"tool_result","tool_use_id":"b","content":[{"type":"text","text":"B"}]},
                 {"type":"text","text":"r1"},{"type":"text","text":"r2","cache_control":{"type":"ephemeral"}},{"type":"text","text":"r3"}]""")
                .get("content"));
    }

    @Test
    void errorsAndToolReferenceResultsAreNotMergedInto() {
        assertEquals(value("""
                [{"type":"tool_result","tool_use_id":"a","content":"A\\n\\nreminder"},
                 {"type":"tool_result","tool_use_id":"b","is_error":true,"content":"failed"}]"""), merged("""
                [{"type":"tool_result","tool_use_id":"a","content":"A"},{"type":"tool_result","tool_use_id":"b","is_error":true,"content":"failed"},
                 {"type":"text","text":"reminder"}]""").get("content"));
        String onlyUnmergeable = """
                [{"type":"tool_result","tool_use_id":"a","content":[{"type":"tool_reference","tool_name":"Grep"}]},{"type":"text","text":"Tool loaded."}]""";
        assertEquals(value(onlyUnmergeable), merged(onlyUnmergeable).get("content"), "nothing to merge into: the turn stays as it is");
    }

    @Test
    void attachmentsJoinToolResultsAndPdfsGoToThePdfRead() {
        assertEquals(value("""
                [{"type":"tool_result","tool_use_id":"shot","content":[{"type":"text","text":"Screenshot taken"},
                   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"PNG"}}]},
                 {"type":"tool_result","tool_use_id":"pdf","content":[{"type":"text","text":"PDF file read: a.pdf"},
                   {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"PDF"}}]}]"""), merged("""
                [{"type":"tool_result","tool_use_id":"shot","content":"Screenshot taken"},
                 {"type":"tool_result","tool_use_id":"pdf","content":"PDF file read: a.pdf"},
                 {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"PDF"}},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"PNG"},"cache_control":{"type":"ephemeral"}}]""")
                .get("content"));
    }

    @Test
    void turnsWithOtherBlocksOrWithoutToolResultsAreLeftAlone() {
        JsonObject request = object("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"just text"}]},
                  {"role":"assistant","content":[{"type":"text","text":"x"}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"a","content":"A"},{"type":"tool_reference","tool_name":"x"}]}]}""");
        assertSame(request, AnthropicToChatPreprocessing.mergeToolResults(request));
    }

    @Test
    void billingNoiseIsStrippedFromTheSystemPrompt() {
        JsonObject blocks = AnthropicToChatPreprocessing.stripBillingNoise(object("""
                {"system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.3; cc_entrypoint=cli; cch=9f3a1;"},
                           {"type":"text","text":"You are Claude Code."}],"messages":[]}"""));
        assertEquals(value("[{\"type\":\"text\",\"text\":\"You are Claude Code.\"}]"), blocks.get("system"));
        JsonObject string = AnthropicToChatPreprocessing.stripBillingNoise(object("""
                {"system":"x-anthropic-billing-header: cc_version=2.1.3;\\nYou are Claude Code. cch=abcdef12; Be good.","messages":[]}"""));
        assertEquals("You are Claude Code. Be good.", string.getString("system"));
    }

    @Test
    void compactionRequestsAreNotMerged() {
        JsonObject request = object("""
                {"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"a","content":"A"},{"type":"text","text":"t"}]}]}""");
        assertSame(request, AnthropicToChatPreprocessing.apply(request, false));
    }
}
