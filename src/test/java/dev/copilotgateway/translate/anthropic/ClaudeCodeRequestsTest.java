package dev.copilotgateway.translate.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.upstream.RequestTraits;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §15 (warm-ups, compaction, subagents, metadata.user_id) and UPSTREAM.md §6.4 (x-initiator). */
class ClaudeCodeRequestsTest {

    private static final String BETA = "claude-code-20250219,interleaved-thinking-2025-05-14";
    private static final String TOOLS = "'tools':[{'name':'Bash','input_schema':{}}],";
    private static final String COMPACTION_PROMPT = "CRITICAL: Respond with TEXT ONLY. Do NOT call any tools.\\n\\n"
            + "Your task is to create a detailed summary of the conversation so far.\\n1. Pending Tasks: ...";

    private static JsonObject json(String text) {
        return JsonIo.read(text.replace('\'', '"')).asJsonObject();
    }

    // ---- §15.2

    @Test
    void claudeCodeIsRecognisedByItsBeta() {
        assertTrue(ClaudeCodeRequests.isClaudeCode(BETA));
        assertTrue(ClaudeCodeRequests.isClaudeCode("interleaved-thinking-2025-05-14, Claude-Code-20250219"));
        assertFalse(ClaudeCodeRequests.isClaudeCode("interleaved-thinking-2025-05-14"));
        assertFalse(ClaudeCodeRequests.isClaudeCode(null));
    }

    // ---- §15.1 warm-ups

    @Test
    void warmupTextMarkedForCachingIsAProbe() {
        JsonObject warmup = json("{" + TOOLS + "'messages':[{'role':'user','content':[{'type':'text','text':'Warmup','cache_control':{'type':'ephemeral'}}]}]}");
        assertTrue(ClaudeCodeRequests.isWarmup(warmup, BETA));
        JsonObject hello = json("{" + TOOLS + "'messages':[{'role':'user','content':[{'type':'text','text':'<system-reminder>SessionStart:startup hook success: Success</system-reminder>'},"
                + "{'type':'text','text':' hello ','cache_control':{'type':'ephemeral'}}]}]}");
        assertTrue(ClaudeCodeRequests.isWarmup(hello, "interleaved-thinking-2025-05-14"));
        assertFalse(ClaudeCodeRequests.isWarmup(warmup, null), "without an anthropic-beta header it is an ordinary client");
        JsonObject uncached = json("{" + TOOLS + "'messages':[{'role':'user','content':[{'type':'text','text':'Warmup'}]}]}");
        assertFalse(ClaudeCodeRequests.isWarmup(uncached, BETA));
        JsonObject realQuestion = json("{" + TOOLS + "'messages':[{'role':'user','content':[{'type':'text','text':'fix the build','cache_control':{'type':'ephemeral'}}]}]}");
        assertFalse(ClaudeCodeRequests.isWarmup(realQuestion, BETA));
    }

    @Test
    void toollessClaudeCodeRequestIsAProbeUnlessItIsACompaction() {
        assertTrue(ClaudeCodeRequests.isWarmup(json("{'messages':[{'role':'user','content':'Write a title for this conversation'}]}"), BETA));
        assertFalse(ClaudeCodeRequests.isWarmup(json("{'messages':[{'role':'user','content':'hi'}]}"), "interleaved-thinking-2025-05-14"),
                "another client's beta without tools is a real request");
        assertFalse(ClaudeCodeRequests.isWarmup(json("{'messages':[{'role':'user','content':'" + COMPACTION_PROMPT + "'}]}"), BETA));
    }

    @Test
    void probesAndOptionallyCompactionsGoToTheSmallModel() {
        JsonObject probe = json("{'messages':[{'role':'user','content':[{'type':'text','text':'Warmup','cache_control':{'type':'ephemeral'}}]}]}");
        JsonObject compaction = json("{" + TOOLS + "'messages':[{'role':'user','content':'" + COMPACTION_PROMPT + "'}]}");
        JsonObject ordinary = json("{" + TOOLS + "'messages':[{'role':'user','content':'fix it'}]}");
        assertEquals(Optional.of("gpt-5-mini"), ClaudeCodeRequests.smallModelRoute(probe, BETA, "gpt-5-mini", false));
        assertEquals(Optional.empty(), ClaudeCodeRequests.smallModelRoute(compaction, BETA, "gpt-5-mini", false));
        assertEquals(Optional.of("gpt-5-mini"), ClaudeCodeRequests.smallModelRoute(compaction, BETA, "gpt-5-mini", true));
        assertEquals(Optional.empty(), ClaudeCodeRequests.smallModelRoute(ordinary, BETA, "gpt-5-mini", true));
    }

    // ---- §15.4 compaction and auto-continue

    @Test
    void compactionByTheLastUserMessageOutsideReminders() {
        assertEquals(ClaudeCodeRequests.Kind.COMPACTION, ClaudeCodeRequests.kind(json("{'messages':[{'role':'user','content':[{'type':'text','text':'"
                + COMPACTION_PROMPT + "'}]}]}")));
        String currentWork = COMPACTION_PROMPT.replace("Pending Tasks:", "Current Work:");
        assertEquals(ClaudeCodeRequests.Kind.COMPACTION, ClaudeCodeRequests.kind(json("{'messages':[{'role':'user','content':'" + currentWork + "'}]}")));
        String withoutSection = COMPACTION_PROMPT.replace("Pending Tasks:", "Tasks");
        assertEquals(ClaudeCodeRequests.Kind.ORDINARY, ClaudeCodeRequests.kind(json("{'messages':[{'role':'user','content':'" + withoutSection + "'}]}")));
        String insideReminder = "<system-reminder>" + COMPACTION_PROMPT + "</system-reminder> what now?";
        assertEquals(ClaudeCodeRequests.Kind.ORDINARY, ClaudeCodeRequests.kind(json("{'messages':[{'role':'user','content':'" + insideReminder + "'}]}")));
    }

    @Test
    void assistantMessagesNeverCount() {
        assertEquals(ClaudeCodeRequests.Kind.ORDINARY, ClaudeCodeRequests.kind(json("{'messages':[{'role':'user','content':'q'},"
                + "{'role':'assistant','content':'" + COMPACTION_PROMPT + "'}]}")));
    }

    @Test
    void compactionBySummariserSystemPrompt() {
        assertEquals(ClaudeCodeRequests.Kind.COMPACTION, ClaudeCodeRequests.kind(json("{'system':'You are a helpful AI assistant tasked with summarizing conversations.',"
                + "'messages':[{'role':'user','content':'go'}]}")));
        assertEquals(ClaudeCodeRequests.Kind.COMPACTION, ClaudeCodeRequests.kind(json("{'system':[{'type':'text','text':'x'},"
                + "{'type':'text','text':'You are an anchored context summarization assistant for coding sessions. Keep it short.'}],"
                + "'messages':[{'role':'user','content':'go'}]}")));
    }

    @Test
    void autoContinueAfterCompactionHasPriorityOverTheSystemCheck() {
        JsonObject continued = json("{'system':'You are a helpful AI assistant tasked with summarizing conversations',"
                + "'messages':[{'role':'user','content':[{'type':'text','text':'<system-reminder>r</system-reminder>'},"
                + "{'type':'text','text':'This session is being continued from a previous conversation that ran out of context. "
                + "The summary below covers the earlier portion of the conversation. Summary: ...'}]}]}");
        assertEquals(ClaudeCodeRequests.Kind.AUTO_CONTINUE, ClaudeCodeRequests.kind(continued));
        assertEquals(ClaudeCodeRequests.Kind.AUTO_CONTINUE, ClaudeCodeRequests.kind(json("{'messages':[{'role':'user','content':"
                + "'Continue if you have next steps, or stop and ask for clarification if you are unsure how to proceed.'}]}")));
    }

    // ---- §15.5 subagent markers

    @Test
    void subagentMarkerInAReminderOfTheFirstUserMessage() {
        JsonObject request = json("{'messages':[{'role':'user','content':[{'type':'text','text':'<system-reminder>context __SUBAGENT_MARKER__"
                + "{\\'session_id\\':\\'s-1\\',\\'agent_id\\':\\'a-1\\',\\'agent_type\\':\\'claude-subagent\\',\\'extra\\':{\\'x\\':\\'}\\'}} more</system-reminder>'},"
                + "{'type':'text','text':'Find the bug'}]},{'role':'assistant','content':'ok'},{'role':'user','content':'go'}]}");
        assertEquals(Optional.of(new ClaudeCodeRequests.SubagentMarker("s-1", "a-1", "claude-subagent")), ClaudeCodeRequests.subagentMarker(request));
    }

    @Test
    void invalidOrMisplacedMarkersAreIgnored() {
        String marker = "__SUBAGENT_MARKER__{\\'session_id\\':\\'s-1\\',\\'agent_id\\':\\'a-1\\',\\'agent_type\\':\\'t\\'}";
        String emptyAgent = "__SUBAGENT_MARKER__{\\'session_id\\':\\'s-1\\',\\'agent_id\\':\\'\\',\\'agent_type\\':\\'t\\'}";
        String unbalanced = "__SUBAGENT_MARKER__{\\'session_id\\':\\'s-1\\'";
        for (String text : new String[] {marker, "<system-reminder>" + emptyAgent + "</system-reminder>", "<system-reminder>" + unbalanced + "</system-reminder>"}) {
            JsonObject request = json("{'messages':[{'role':'user','content':[{'type':'text','text':'" + text + "'}]}]}");
            assertEquals(Optional.empty(), ClaudeCodeRequests.subagentMarker(request), text);
        }
        JsonObject laterMessage = json("{'messages':[{'role':'user','content':'first'},{'role':'assistant','content':'a'},"
                + "{'role':'user','content':[{'type':'text','text':'<system-reminder>" + marker + "</system-reminder>'}]}]}");
        assertEquals(Optional.empty(), ClaudeCodeRequests.subagentMarker(laterMessage), "only the first user message counts");
    }

    // ---- §15.3 metadata.user_id

    @Test
    void legacyUserId() {
        JsonObject request = json("{'metadata':{'user_id':'user_abc123_account_7f0c-11_session_9e1d-22'},'messages':[]}");
        assertEquals(Optional.of(new ClaudeCodeRequests.UserId(Optional.of("abc123"), Optional.of("9e1d-22"))), ClaudeCodeRequests.userId(request));
    }

    @Test
    void jsonUserId() {
        JsonObject device = json("{'metadata':{'user_id':'{\\'device_id\\':\\'dev-1\\',\\'account_uuid\\':\\'acc-1\\',\\'session_id\\':\\'ses-1\\'}'}}");
        assertEquals(Optional.of(new ClaudeCodeRequests.UserId(Optional.of("dev-1"), Optional.of("ses-1"))), ClaudeCodeRequests.userId(device));
        JsonObject account = json("{'metadata':{'user_id':'{\\'account_uuid\\':\\'acc-1\\',\\'session_id\\':\\'ses-1\\'}'}}");
        assertEquals(Optional.of(new ClaudeCodeRequests.UserId(Optional.of("acc-1"), Optional.of("ses-1"))), ClaudeCodeRequests.userId(account));
        assertEquals(Optional.empty(), ClaudeCodeRequests.userId(json("{'metadata':{'user_id':'opaque-user'}}")));
        assertEquals(Optional.empty(), ClaudeCodeRequests.userId(json("{'messages':[]}")));
    }

    @Test
    void sessionIdPrefersTheSubagentMarker() {
        String userId = "'metadata':{'user_id':'user_u_account_a_session_root'},";
        assertEquals(Optional.of("root"), ClaudeCodeRequests.sessionId(json("{" + userId + "'messages':[{'role':'user','content':'q'}]}")));
        assertEquals(Optional.of("s-1"), ClaudeCodeRequests.sessionId(json("{" + userId + "'messages':[{'role':'user','content':[{'type':'text','text':"
                + "'<system-reminder>__SUBAGENT_MARKER__{\\'session_id\\':\\'s-1\\',\\'agent_id\\':\\'a\\',\\'agent_type\\':\\'t\\'}</system-reminder>'}]}]}")));
    }

    @Test
    void interactionIdIsAVersion4UuidOfTheSessionsHash() {
        // expected value computed with Python: uuid.UUID(bytes=sha256(b"session-123")[:16] with version/variant bits set)
        assertEquals("b9c84322-f824-44cb-86e2-39d20daf1f37", ClaudeCodeRequests.interactionId("session-123"));
        UUID uuid = UUID.fromString(ClaudeCodeRequests.interactionId("another session"));
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
        assertNotEquals(ClaudeCodeRequests.interactionId("a"), ClaudeCodeRequests.interactionId("b"));
    }

    // ---- UPSTREAM §6.4 x-initiator with the Claude Code overrides

    @Test
    void structuralInitiator() {
        assertEquals("user", ClaudeCodeRequests.turn(json("{'messages':[{'role':'user','content':'q'}]}"), null).initiator());
        ClaudeCodeRequests.Turn toolFollowUp = ClaudeCodeRequests.turn(json("{'messages':[{'role':'user','content':'q'},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'t','name':'a','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'t','content':'r'}]}]}"), null);
        assertEquals("agent", toolFollowUp.initiator());
        assertEquals("conversation-agent", toolFollowUp.interactionType());
        assertEquals("agent", ClaudeCodeRequests.turn(json("{'messages':[{'role':'user','content':'q'}]}"), "Agent").initiator(), "the client's agent hint");
        assertEquals("user", ClaudeCodeRequests.turn(json("{'messages':[{'role':'assistant','content':'a'},{'role':'user','content':'q'}]}"), "user").initiator());
    }

    @Test
    void subagentTurnsAreAgentTurnsOfASubagentConversation() {
        ClaudeCodeRequests.Turn turn = ClaudeCodeRequests.turn(json("{'messages':[{'role':'user','content':[{'type':'text','text':"
                + "'<system-reminder>__SUBAGENT_MARKER__{\\'session_id\\':\\'s\\',\\'agent_id\\':\\'a\\',\\'agent_type\\':\\'t\\'}</system-reminder>'},"
                + "{'type':'text','text':'Explore the repo'}]}]}"), null);
        assertEquals("agent", turn.initiator());
        assertEquals("conversation-subagent", turn.interactionType());
        assertTrue(turn.subagent().isPresent());
    }

    @Test
    void compactionAndAutoContinueAreAgentTurns() {
        ClaudeCodeRequests.Turn compaction = ClaudeCodeRequests.turn(json("{'messages':[{'role':'user','content':'" + COMPACTION_PROMPT + "'}]}"), null);
        assertEquals("agent", compaction.initiator());
        assertEquals("conversation-compaction", compaction.interactionType());
        assertEquals("conversation-agent", compaction.intent());
        assertEquals(new RequestTraits("agent", true, "conversation-compaction", "conversation-agent", true), compaction.traits(true));

        ClaudeCodeRequests.Turn continued = ClaudeCodeRequests.turn(json("{'messages':[{'role':'user','content':"
                + "'Continue if you have next steps, or stop and ask for clarification if you are unsure how to proceed.'}]}"), null);
        assertEquals("agent", continued.initiator());
        assertEquals("conversation-agent", continued.interactionType());
        assertEquals(ClaudeCodeRequests.Kind.AUTO_CONTINUE, continued.kind());
    }
}
