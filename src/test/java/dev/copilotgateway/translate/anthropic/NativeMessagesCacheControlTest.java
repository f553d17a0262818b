package dev.copilotgateway.translate.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §13.2 and UPSTREAM.md §10.1: cache_control breakpoints for /v1/messages. */
class NativeMessagesCacheControlTest {

    private static JsonObject json(String text) {
        return JsonIo.read(text.replace('\'', '"')).asJsonObject();
    }

    @Test
    void scopeIsAlwaysStrippedAndTtlUnlessItsBetaIsKept() {
        JsonObject payload = json("{'system':[{'type':'text','text':'s','cache_control':{'type':'ephemeral','scope':'global','ttl':'1h'}}],"
                + "'messages':[{'role':'user','content':[{'type':'tool_result','tool_use_id':'t','content':["
                + "{'type':'text','text':'r','cache_control':{'type':'ephemeral','ttl':'5m'}}]}]}]}");
        assertEquals(json("{'system':[{'type':'text','text':'s','cache_control':{'type':'ephemeral'}}],"
                + "'messages':[{'role':'user','content':[{'type':'tool_result','tool_use_id':'t','content':["
                + "{'type':'text','text':'r','cache_control':{'type':'ephemeral'}}]}]}]}"), NativeMessagesCacheControl.clean(payload, false));
        assertEquals(json("{'system':[{'type':'text','text':'s','cache_control':{'type':'ephemeral','ttl':'1h'}}],"
                + "'messages':[{'role':'user','content':[{'type':'tool_result','tool_use_id':'t','content':["
                + "{'type':'text','text':'r','cache_control':{'type':'ephemeral','ttl':'5m'}}]}]}]}"), NativeMessagesCacheControl.clean(payload, true));
    }

    @Test
    void requestLevelCacheControlMovesToTheLastCacheableBlock() {
        JsonObject payload = json("{'cache_control':{'type':'ephemeral'},'messages':[{'role':'user','content':'hi'},"
                + "{'role':'assistant','content':[{'type':'text','text':'a'},{'type':'thinking','thinking':'t','signature':'s'}]}]}");
        assertEquals(json("{'messages':[{'role':'user','content':'hi'},"
                + "{'role':'assistant','content':[{'type':'text','text':'a','cache_control':{'type':'ephemeral'}},"
                + "{'type':'thinking','thinking':'t','signature':'s'}]}]}"), NativeMessagesCacheControl.clean(payload, false));
        assertEquals(json("{'messages':[{'role':'user','content':[{'type':'text','text':'hi','cache_control':{'type':'ephemeral'}}]}]}"),
                NativeMessagesCacheControl.clean(json("{'cache_control':{'type':'ephemeral'},'messages':[{'role':'user','content':'hi'}]}"), false));
    }

    @Test
    void thinkingBlocksNeverCarryABreakpoint() {
        JsonObject payload = json("{'messages':[{'role':'assistant','content':[{'type':'thinking','thinking':'t','signature':'s',"
                + "'cache_control':{'type':'ephemeral'}},{'type':'redacted_thinking','data':'d','cache_control':{'type':'ephemeral'}}]}]}");
        assertEquals(json("{'messages':[{'role':'assistant','content':[{'type':'thinking','thinking':'t','signature':'s'},"
                + "{'type':'redacted_thinking','data':'d'}]}]}"), NativeMessagesCacheControl.clean(payload, false));
    }

    @Test
    void atMostFourBreakpointsDroppingTheEarliestMessageOnesFirst() {
        String marked = "'cache_control':{'type':'ephemeral'}";
        JsonObject payload = json("{'tools':[{'name':'a','input_schema':{}," + marked + "}],"
                + "'system':[{'type':'text','text':'s1'," + marked + "},{'type':'text','text':'s2'," + marked + "}],"
                + "'messages':[{'role':'user','content':[{'type':'text','text':'m1'," + marked + "}]},"
                + "{'role':'assistant','content':[{'type':'text','text':'m2'," + marked + "}]},"
                + "{'role':'user','content':[{'type':'text','text':'m3'," + marked + "}]}]}");
        JsonObject cleaned = NativeMessagesCacheControl.clean(payload, false);
        assertEquals(4, NativeMessagesCacheControl.count(cleaned));
        assertEquals(json("{'tools':[{'name':'a','input_schema':{}," + marked + "}],"
                + "'system':[{'type':'text','text':'s1'," + marked + "},{'type':'text','text':'s2'," + marked + "}],"
                + "'messages':[{'role':'user','content':[{'type':'text','text':'m1'}]},"
                + "{'role':'assistant','content':[{'type':'text','text':'m2'}]},"
                + "{'role':'user','content':[{'type':'text','text':'m3'," + marked + "}]}]}"), cleaned);
    }

    @Test
    void requestLevelBreakpointIsDroppedWhenFourAreSet() {
        String marked = "'cache_control':{'type':'ephemeral'}";
        JsonObject payload = json("{'cache_control':{'type':'ephemeral'},'system':[{'type':'text','text':'s1'," + marked + "},"
                + "{'type':'text','text':'s2'," + marked + "},{'type':'text','text':'s3'," + marked + "},{'type':'text','text':'s4'," + marked + "}],"
                + "'messages':[{'role':'user','content':'hi'}]}");
        JsonObject cleaned = NativeMessagesCacheControl.clean(payload, false);
        assertEquals(4, NativeMessagesCacheControl.count(cleaned));
        assertEquals(json("{'role':'user','content':'hi'}"), cleaned.getJsonArray("messages").getJsonObject(0));
    }

    @Test
    void synthesisedPayloadsGetSystemLastToolAndLastMessageBreakpoints() {
        JsonObject payload = json("{'system':'be brief','tools':[{'name':'a','input_schema':{}},{'name':'b','input_schema':{}},"
                + "{'type':'web_search_20250305','name':'web_search'}],"
                + "'messages':[{'role':'user','content':'q'},{'role':'assistant','content':[{'type':'tool_use','id':'t','name':'a','input':{}},"
                + "{'type':'thinking','thinking':'x','signature':'s'}]}]}");
        String marked = "'cache_control':{'type':'ephemeral'}";
        assertEquals(json("{'system':[{'type':'text','text':'be brief'," + marked + "}],"
                + "'tools':[{'name':'a','input_schema':{}},{'name':'b','input_schema':{}," + marked + "},{'type':'web_search_20250305','name':'web_search'}],"
                + "'messages':[{'role':'user','content':'q'},{'role':'assistant','content':[{'type':'tool_use','id':'t','name':'a','input':{}," + marked + "},"
                + "{'type':'thinking','thinking':'x','signature':'s'}]}]}"), NativeMessagesCacheControl.injectBreakpoints(payload));
    }

    @Test
    void injectionKeepsExistingBreakpointsAndTheLimit() {
        String marked = "'cache_control':{'type':'ephemeral'}";
        JsonObject payload = json("{'system':[{'type':'text','text':'s1'," + marked + "},{'type':'text','text':'s2'," + marked + "},"
                + "{'type':'text','text':'s3'," + marked + "}],'tools':[{'name':'a','input_schema':{}}],"
                + "'messages':[{'role':'user','content':'q'}]}");
        JsonObject injected = NativeMessagesCacheControl.injectBreakpoints(payload);
        assertEquals(4, NativeMessagesCacheControl.count(injected));
        assertEquals(json("{'role':'user','content':'q'}"), injected.getJsonArray("messages").getJsonObject(0), "the limit was reached by the tool");
    }
}
