package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The x-initiator rules of UPSTREAM.md §6.4, one test per rule. */
class InitiatorsTest {

    private static JsonObject json(String text) {
        return JsonProvider.provider().createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    // ---- Chat Completions ----

    @Test
    void chatEndingWithAUserMessageIsTheUsers() {
        assertEquals("user", Initiators.forChatCompletions(json(
                "{'messages':[{'role':'system','content':'s'},{'role':'assistant','content':'a'},{'role':'user','content':'u'}]}")));
    }

    @Test
    void chatEndingWithAnAssistantMessageIsTheAgents() {
        assertEquals("agent", Initiators.forChatCompletions(json("{'messages':[{'role':'user','content':'u'},{'role':'assistant','content':'a'}]}")));
    }

    @Test
    void chatEndingWithAToolResultIsTheAgents() {
        assertEquals("agent", Initiators.forChatCompletions(json(
                "{'messages':[{'role':'user','content':'u'},{'role':'assistant','tool_calls':[]},{'role':'tool','tool_call_id':'c','content':'r'}]}")));
    }

    @Test
    void chatIgnoresTrailingSystemAndDeveloperMessages() {
        assertEquals("agent", Initiators.forChatCompletions(json(
                "{'messages':[{'role':'user','content':'u'},{'role':'tool','content':'r'},{'role':'system','content':'s'},{'role':'developer','content':'d'}]}")));
        assertEquals("user", Initiators.forChatCompletions(json(
                "{'messages':[{'role':'user','content':'u'},{'role':'developer','content':'d'}]}")));
    }

    @Test
    void chatWithoutMessagesIsTheUsers() {
        assertEquals("user", Initiators.forChatCompletions(json("{'messages':[]}")));
        assertEquals("user", Initiators.forChatCompletions(json("{'messages':[{'role':'system','content':'s'}]}")));
        assertEquals("user", Initiators.forChatCompletions(json("{'model':'gpt-4.1'}")));
    }

    // ---- Anthropic Messages ----

    @Test
    void messagesEndingWithTheAssistantAreTheAgents() {
        assertEquals("agent", Initiators.forAnthropicMessages(json(
                "{'messages':[{'role':'user','content':'u'},{'role':'assistant','content':'Continue'}]}")));
    }

    @Test
    void messagesEndingWithUserTextAreTheUsers() {
        assertEquals("user", Initiators.forAnthropicMessages(json("{'messages':[{'role':'user','content':'hello'}]}")));
        assertEquals("user", Initiators.forAnthropicMessages(json("{'messages':[{'role':'user','content':[{'type':'text','text':'hello'}]}]}")));
    }

    @Test
    void messagesEndingWithOnlyToolResultsAreTheAgents() {
        assertEquals("agent", Initiators.forAnthropicMessages(json("{'messages':[{'role':'user','content':'u'},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'f','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'t1','content':'r'}]}]}")));
    }

    @Test
    void toolResultsWithTextTypedByThePersonAreTheUsers() {
        assertEquals("user", Initiators.forAnthropicMessages(json("{'messages':[{'role':'user','content':"
                + "[{'type':'tool_result','tool_use_id':'t1','content':'r'},{'type':'text','text':'and now do X'}]}]}")));
    }

    @Test
    void messagesWithoutAnyMessageAreTheUsers() {
        assertEquals("user", Initiators.forAnthropicMessages(json("{'messages':[]}")));
        assertEquals("user", Initiators.forAnthropicMessages(json("{}")));
    }

    // ---- Responses ----

    @Test
    void responsesWithStringOrEmptyInputAreTheUsers() {
        assertEquals("user", Initiators.forResponses(json("{'input':'hello'}")));
        assertEquals("user", Initiators.forResponses(json("{'input':[]}")));
        assertEquals("user", Initiators.forResponses(json("{}")));
    }

    @Test
    void responsesEndingWithAnItemWithoutRoleAreTheAgents() {
        assertEquals("agent", Initiators.forResponses(json("{'input':[{'role':'user','content':'u'},"
                + "{'type':'function_call','call_id':'c','name':'f','arguments':'{}'},{'type':'function_call_output','call_id':'c','output':'r'}]}")));
        assertEquals("agent", Initiators.forResponses(json("{'input':[{'role':'','content':'x'}]}")));
        assertEquals("agent", Initiators.forResponses(json("{'input':[{'role':null,'content':'x'}]}")));
    }

    @Test
    void responsesEndingWithTheAssistantAreTheAgents() {
        assertEquals("agent", Initiators.forResponses(json("{'input':[{'role':'user','content':'u'},{'role':'assistant','content':'a'}]}")));
    }

    @Test
    void responsesEndingWithAUserMessageAreTheUsers() {
        assertEquals("user", Initiators.forResponses(json("{'input':[{'type':'message','role':'user','content':[{'type':'input_text','text':'u'}]}]}")));
    }

    // ---- the client's own header ----

    @Test
    void aClientThatSaysAgentIsTrusted() {
        assertEquals("agent", Initiators.withClientHint("user", "agent"));
        assertEquals("agent", Initiators.withClientHint("user", " Agent "));
    }

    @Test
    void aClientThatSaysUserIsNeverTrusted() {
        assertEquals("agent", Initiators.withClientHint("agent", "user"));
        assertEquals("user", Initiators.withClientHint("user", null));
        assertEquals("user", Initiators.withClientHint("user", "robot"));
    }
}
