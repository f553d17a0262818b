package dev.copilotgateway.translate.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §6.1 (steps 3–9), §6.3 and UPSTREAM.md §10.1: the native /v1/messages payload, one test per rule. */
class NativeMessagesFixesTest {

    private static final CopilotModel SONNET_46 = model("claude-sonnet-4.6",
            "'adaptive_thinking':true,'min_thinking_budget':1024,'max_thinking_budget':32000,'reasoning_effort':['low','medium','high']");
    private static final CopilotModel OPUS_47 = model("claude-opus-4.7",
            "'adaptive_thinking':true,'min_thinking_budget':1024,'max_thinking_budget':32000,'reasoning_effort':['low','medium','high','xhigh']");
    private static final CopilotModel OPUS_47_1M = model("claude-opus-4.7-1m-internal",
            "'adaptive_thinking':true,'reasoning_effort':['low','medium','high']");
    private static final CopilotModel HAIKU_45 = model("claude-haiku-4.5", "'min_thinking_budget':1024,'max_thinking_budget':32000");

    private final NativeMessagesFixes fixes = new NativeMessagesFixes(
            new NativeMessagesBetas(List.of("interleaved-thinking-2025-05-14", "context-management-2025-06-27", "extended-cache-ttl-2025-04-11")),
            "high");

    private static JsonObject json(String text) {
        return JsonIo.read(text.replace('\'', '"')).asJsonObject();
    }

    private static CopilotModel model(String id, String supports) {
        return new CopilotModel(json("{'id':'" + id + "','capabilities':{'type':'chat','supports':{" + supports + "}},"
                + "'supported_endpoints':['/v1/messages']}"));
    }

    private JsonObject payload(String request, CopilotModel model) {
        return fixes.apply(json(request), model, Optional.empty(), null).payload();
    }

    private static JsonValue field(JsonObject payload, String name) {
        return payload.getOrDefault(name, JsonValue.NULL);
    }

    // ---- step 1: the model id

    @Test
    void theUpstreamIdReplacesTheClientsModelName() {
        JsonObject result = payload("{'model':'claude-sonnet-4-6-20260101','max_tokens':100,'messages':[{'role':'user','content':'hi'}]}", SONNET_46);
        assertEquals("claude-sonnet-4.6", result.getString("model"));
    }

    // ---- step 3: inline system messages

    @Test
    void leadingSystemMessageJoinsTheTopLevelSystem() {
        assertEquals(json("{'model':'m','system':'base\\n\\nextra','messages':[{'role':'user','content':'hi'}]}"),
                NativeMessagesFixes.inlineSystemMessages(json("{'model':'m','system':'base','messages':[{'role':'system','content':'extra'},{'role':'user','content':'hi'}]}")));
        assertEquals(json("{'system':[{'type':'text','text':'base'},{'type':'text','text':'extra'}],'messages':[{'role':'user','content':'hi'}]}"),
                NativeMessagesFixes.inlineSystemMessages(json("{'system':[{'type':'text','text':'base'}],"
                        + "'messages':[{'role':'system','content':[{'type':'text','text':'extra'}]},{'role':'user','content':'hi'}]}")));
        assertEquals(json("{'system':'extra','messages':[{'role':'user','content':'hi'}]}"),
                NativeMessagesFixes.inlineSystemMessages(json("{'messages':[{'role':'system','content':'extra'},{'role':'user','content':'hi'}]}")));
    }

    @Test
    void systemMessageAfterAUserMessageBecomesAReminderAfterItsLastToolResult() {
        JsonObject request = json("{'messages':[{'role':'user','content':'q'},{'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'a','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'t1','content':'r'},{'type':'text','text':'after'}]},"
                + "{'role':'system','content':'Mind the tests.'}]}");
        assertEquals(json("{'messages':[{'role':'user','content':'q'},{'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'a','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'t1','content':'r'},"
                + "{'type':'text','text':'<system-reminder>\\nMind the tests.\\n</system-reminder>'},{'type':'text','text':'after'}]}]}"),
                NativeMessagesFixes.inlineSystemMessages(request));
    }

    @Test
    void alreadyWrappedRemindersAreNotWrappedAgainAndStringContentBecomesBlocks() {
        JsonObject request = json("{'messages':[{'role':'user','content':'q'},{'role':'system','content':'<system-reminder>x</system-reminder>'}]}");
        assertEquals(json("{'messages':[{'role':'user','content':[{'type':'text','text':'q'},{'type':'text','text':'<system-reminder>x</system-reminder>'}]}]}"),
                NativeMessagesFixes.inlineSystemMessages(request));
    }

    @Test
    void systemMessageAfterTheAssistantBecomesAUserReminder() {
        JsonObject request = json("{'messages':[{'role':'user','content':'q'},{'role':'assistant','content':'a'},{'role':'system','content':'note'}]}");
        assertEquals(json("{'messages':[{'role':'user','content':'q'},{'role':'assistant','content':'a'},"
                + "{'role':'user','content':[{'type':'text','text':'<system-reminder>\\nnote\\n</system-reminder>'}]}]}"),
                NativeMessagesFixes.inlineSystemMessages(request));
    }

    // ---- step 4: fields Copilot rejects, cache_control

    @Test
    void rejectedFieldsAreRemoved() {
        JsonObject result = payload("{'context_management':{'edits':[]},'inference_geo':'us','thinking':{'type':'disabled'},"
                + "'tools':[{'name':'a','input_schema':{},'strict':true,'eager_input_streaming':true,'defer_loading':true}],"
                + "'messages':[{'role':'user','content':'hi'}]}", SONNET_46);
        assertFalse(result.containsKey("context_management"));
        assertFalse(result.containsKey("inference_geo"));
        assertEquals(json("{'tools':[{'name':'a','input_schema':{},'defer_loading':true}]}").get("tools"), result.get("tools"));
    }

    @Test
    void cacheTtlIsKeptOnlyWhenItsBetaIsSent() {
        String request = "{'thinking':{'type':'disabled'},'messages':[{'role':'user','content':[{'type':'text','text':'hi',"
                + "'cache_control':{'type':'ephemeral','ttl':'1h','scope':'global'}}]}]}";
        JsonObject withoutBeta = fixes.apply(json(request), SONNET_46, Optional.empty(), "claude-code-20250219").payload();
        JsonObject withBeta = fixes.apply(json(request), SONNET_46, Optional.empty(), "extended-cache-ttl-2025-04-11").payload();
        String path = "/messages/0/content/0/cache_control";
        assertEquals(json("{'type':'ephemeral'}"), withoutBeta.getValue(path));
        assertEquals(json("{'type':'ephemeral','ttl':'1h'}"), withBeta.getValue(path));
    }

    // ---- step 5: thinking blocks

    @Test
    void unreplayableThinkingBlocksAreDropped() {
        JsonObject request = json("{'messages':[{'role':'user','content':'q'},{'role':'assistant','content':["
                + "{'type':'thinking','thinking':'','signature':'s'},"
                + "{'type':'thinking','thinking':'Thinking...','signature':'s'},"
                + "{'type':'thinking','thinking':'unsigned'},"
                + "{'type':'thinking','thinking':'from gpt','signature':'enc@rs_1'},"
                + "{'type':'thinking','thinking':'valid','signature':'EqoB'},"
                + "{'type':'redacted_thinking','data':'d'},{'type':'text','text':'a'}]},"
                + "{'role':'assistant','content':[{'type':'thinking','thinking':'x'}]},{'role':'user','content':'more'}]}");
        assertEquals(json("{'messages':[{'role':'user','content':'q'},{'role':'assistant','content':["
                + "{'type':'thinking','thinking':'valid','signature':'EqoB'},{'type':'redacted_thinking','data':'d'},{'type':'text','text':'a'}]},"
                + "{'role':'user','content':'more'}]}"), NativeMessagesFixes.dropUnreplayableThinking(request));
    }

    // ---- step 6: thinking policy

    @Test
    void adaptiveModelWithoutClientThinkingThinksAdaptivelyAtTheDefaultEffortAndShowsIt() {
        JsonObject result = payload("{'max_tokens':1000,'messages':[{'role':'user','content':'hi'}]}", SONNET_46);
        assertEquals(json("{'type':'adaptive','display':'summarized'}"), result.get("thinking"));
        assertEquals(json("{'effort':'high'}"), result.get("output_config"));
    }

    @Test
    void effortComesFromTheHintThenTheRequestThenTheDefault() {
        String request = "{'output_config':{'effort':'medium','format':{'type':'json_schema','schema':{}}},'messages':[{'role':'user','content':'hi'}]}";
        assertEquals("low", fixes.apply(json(request), SONNET_46, Optional.of("low"), null).payload().getJsonObject("output_config").getString("effort"));
        JsonObject fromRequest = payload(request, SONNET_46);
        assertEquals(json("{'effort':'medium','format':{'type':'json_schema','schema':{}}}"), fromRequest.get("output_config"));
        NativeMessagesFixes lowDefault = new NativeMessagesFixes(new NativeMessagesBetas(List.of()), "minimal");
        assertEquals(json("{'effort':'low'}"),
                lowDefault.apply(json("{'messages':[{'role':'user','content':'hi'}]}"), SONNET_46, Optional.empty(), null).payload().get("output_config"));
    }

    @Test
    void effortIsClampedToTheModelsList() {
        assertEquals("high", NativeMessagesFixes.clampEffort("xhigh", List.of("low", "medium", "high")));
        assertEquals("max", NativeMessagesFixes.clampEffort("xhigh", List.of("low", "high", "max")));
        assertEquals("xhigh", NativeMessagesFixes.clampEffort("max", List.of("low", "xhigh")));
        assertEquals("low", NativeMessagesFixes.clampEffort("none", List.of("low", "high")));
        assertEquals("high", NativeMessagesFixes.clampEffort("medium", List.of("low", "high")), "not listed: the list's last");
        assertEquals("xhigh", payload("{'output_config':{'effort':'xhigh'},'messages':[{'role':'user','content':'hi'}]}", OPUS_47)
                .getJsonObject("output_config").getString("effort"));
    }

    @Test
    void clientBudgetThinkingBecomesAdaptiveAndKeepsItsDisplayBefore47() {
        JsonObject result = payload("{'max_tokens':8000,'thinking':{'type':'enabled','budget_tokens':4000,'display':'omitted'},"
                + "'messages':[{'role':'user','content':'hi'}]}", SONNET_46);
        assertEquals(json("{'type':'adaptive','display':'omitted'}"), result.get("thinking"));
    }

    @Test
    void claude47AlwaysShowsThinkingAndAsksForOmittedDeltasToBeDropped() {
        String request = "{'thinking':{'type':'adaptive','display':'omitted'},'messages':[{'role':'user','content':'hi'}]}";
        NativeMessagesFixes.Result result = fixes.apply(json(request), OPUS_47, Optional.empty(), null);
        assertEquals(json("{'type':'adaptive','display':'summarized'}"), result.payload().get("thinking"));
        assertTrue(result.omitThinkingDeltas());
        assertTrue(fixes.apply(json(request), OPUS_47_1M, Optional.empty(), null).omitThinkingDeltas(), "a raw variant of 4.7 is 4.7");
        assertFalse(fixes.apply(json(request), SONNET_46, Optional.empty(), null).omitThinkingDeltas());
        assertFalse(fixes.apply(json("{'messages':[{'role':'user','content':'hi'}]}"), OPUS_47, Optional.empty(), null).omitThinkingDeltas());
    }

    @Test
    void forcedToolChoiceOrDisabledThinkingIsLeftAlone() {
        JsonObject forced = payload("{'max_tokens':8000,'tool_choice':{'type':'any'},'thinking':{'type':'enabled','budget_tokens':4000},"
                + "'messages':[{'role':'user','content':'hi'}]}", SONNET_46);
        assertEquals(json("{'type':'enabled','budget_tokens':4000}"), forced.get("thinking"));
        assertFalse(forced.containsKey("output_config"));
        JsonObject noThinking = payload("{'tool_choice':{'type':'tool','name':'a'},'messages':[{'role':'user','content':'hi'}]}", SONNET_46);
        assertFalse(noThinking.containsKey("thinking"), "thinking is not forced on a forced tool call");
        JsonObject disabled = payload("{'thinking':{'type':'disabled'},'messages':[{'role':'user','content':'hi'}]}", SONNET_46);
        assertEquals(json("{'type':'disabled'}"), disabled.get("thinking"));
    }

    @Test
    void haikuGetsABudgetInsteadOfAdaptiveAndNoOutputConfig() {
        JsonObject result = payload("{'max_tokens':8000,'thinking':{'type':'adaptive'},'output_config':{'effort':'high'},"
                + "'messages':[{'role':'user','content':'hi'}]}", HAIKU_45);
        assertEquals(json("{'type':'enabled','budget_tokens':1024}"), result.get("thinking"));
        assertFalse(result.containsKey("output_config"));
        assertFalse(payload("{'messages':[{'role':'user','content':'hi'}]}", HAIKU_45).containsKey("thinking"), "no thinking is added");
    }

    @Test
    void budgetsAreClampedToTheModelAndBelowMaxTokens() {
        String template = "{'max_tokens':%d,'thinking':{'type':'enabled','budget_tokens':%d},'messages':[{'role':'user','content':'hi'}]}";
        assertEquals(1024, payload(String.format(template, 8000, 500), HAIKU_45).getJsonObject("thinking").getInt("budget_tokens"));
        assertEquals(32000, payload(String.format(template, 64000, 50000), HAIKU_45).getJsonObject("thinking").getInt("budget_tokens"));
        assertEquals(1999, payload(String.format(template, 2000, 4000), HAIKU_45).getJsonObject("thinking").getInt("budget_tokens"));
        assertFalse(payload(String.format(template, 1000, 4000), HAIKU_45).containsKey("thinking"), "max_tokens leaves no room to think");
    }

    // ---- step 7: dangling tool uses

    @Test
    void danglingToolUsesGetEmptyResults() {
        JsonObject request = json("{'messages':[{'role':'user','content':'q'},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'a','input':{}},{'type':'tool_use','id':'t2','name':'a','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'t2','content':'r2'},{'type':'text','text':'go on'}]},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'t3','name':'a','input':{}}]},"
                + "{'role':'assistant','content':'hm'},"
                + "{'role':'user','content':'next'},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'t4','name':'a','input':{}}]}]}");
        assertEquals(json("{'messages':[{'role':'user','content':'q'},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'a','input':{}},{'type':'tool_use','id':'t2','name':'a','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'t1'},{'type':'tool_result','tool_use_id':'t2','content':'r2'},{'type':'text','text':'go on'}]},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'t3','name':'a','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'t3'}]},"
                + "{'role':'assistant','content':'hm'},"
                + "{'role':'user','content':'next'},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'t4','name':'a','input':{}}]}]}"),
                NativeMessagesFixes.answerDanglingToolUses(request));
    }

    @Test
    void answeredToolUsesAreUntouched() {
        JsonObject request = json("{'messages':[{'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'a','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'t1','content':'r'}]}]}");
        assertSame(request, NativeMessagesFixes.answerDanglingToolUses(request));
    }

    // ---- §6.3: assistant prefill

    @Test
    void prefillRejectionIsRecognisedAndAnsweredWithAContinuation() {
        byte[] body = "{\"error\":{\"message\":\"This model does not support assistant message prefill. The conversation must end with a user message.\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(NativeMessagesFixes.isPrefillRejection(400, body));
        assertFalse(NativeMessagesFixes.isPrefillRejection(500, body));
        assertFalse(NativeMessagesFixes.isPrefillRejection(400, "other".getBytes(StandardCharsets.UTF_8)));

        JsonObject prefilled = json("{'messages':[{'role':'user','content':'q'},{'role':'assistant','content':'The answer is'}]}");
        assertEquals(json("{'messages':[{'role':'user','content':'q'},{'role':'assistant','content':'The answer is'},"
                + "{'role':'user','content':'Continue from where you left off.'}]}"), NativeMessagesFixes.withPrefillFallback(prefilled));
        JsonObject endsWithUser = json("{'messages':[{'role':'user','content':'q'}]}");
        assertSame(endsWithUser, NativeMessagesFixes.withPrefillFallback(endsWithUser));
    }

    // ---- step 9: header inputs

    @Test
    void visionIsSeenInMessagesAndInsideToolResults() {
        assertTrue(NativeMessagesFixes.hasImages(json("{'messages':[{'role':'user','content':[{'type':'image','source':{'type':'base64','media_type':'image/png','data':'x'}}]}]}")));
        assertTrue(NativeMessagesFixes.hasImages(json("{'messages':[{'role':'user','content':[{'type':'tool_result','tool_use_id':'t','content':["
                + "{'type':'image','source':{'type':'base64','media_type':'image/png','data':'x'}}]}]}]}")));
        assertFalse(NativeMessagesFixes.hasImages(json("{'messages':[{'role':'user','content':'no image'}]}")));
    }

    @Test
    void theBetaHeaderFollowsTheFinalThinkingMode() {
        String claudeCode = "claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,context-1m-2025-08-07";
        NativeMessagesFixes.Result adaptive = fixes.apply(json("{'messages':[{'role':'user','content':'hi'}]}"), SONNET_46, Optional.empty(), claudeCode);
        assertEquals(Optional.of("context-management-2025-06-27"), adaptive.anthropicBeta());
        NativeMessagesFixes.Result budget = fixes.apply(json("{'max_tokens':8000,'thinking':{'type':'adaptive'},'messages':[{'role':'user','content':'hi'}]}"),
                HAIKU_45, Optional.empty(), "claude-code-20250219");
        assertEquals(Optional.of("interleaved-thinking-2025-05-14"), budget.anthropicBeta());
        assertFalse(budget.vision());
        assertEquals(JsonValue.NULL, field(budget.payload(), "output_config"));
    }
}
