package dev.copilotgateway.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §14: the local count_tokens estimate. */
class AnthropicTokenCounterTest {

    private static final String SENTENCE = "tiktoken is great!";
    private static final Encoding O200K = Tokenizers.forName("o200k_base");

    private final AnthropicTokenCounter counter = new AnthropicTokenCounter(1.15, 346);

    private static JsonObject json(String text) {
        return JsonIo.read(text.replace('\'', '"')).asJsonObject();
    }

    private static CopilotModel model(String id, String tokenizer) {
        return new CopilotModel(json("{'id':'" + id + "','capabilities':{'type':'chat','tokenizer':'" + tokenizer + "'}}"));
    }

    private static final CopilotModel GPT = model("gpt-4.1", "o200k_base");
    private static final CopilotModel CLAUDE = model("claude-sonnet-4.6", "o200k_base");

    private static long tokens(String text) {
        return O200K.countTokensOrdinary(text);
    }

    private static List<Integer> ids(IntArrayList tokens) {
        return tokens.boxed();
    }

    // ---- the encodings: token ids published in OpenAI's cookbook ("How to count tokens with tiktoken")

    @Test
    void o200kEncodesTheCookbookSentence() {
        assertEquals(List.of(83, 8251, 2488, 382, 2212, 0), ids(O200K.encode(SENTENCE)));
    }

    @Test
    void cl100kEncodesTheCookbookSentence() {
        Encoding cl100k = Tokenizers.forName("cl100k_base");
        assertEquals(List.of(83, 1609, 5963, 374, 2294, 0), ids(cl100k.encode(SENTENCE)));
        assertEquals(6, cl100k.countTokens("antidisestablishmentarianism"));
    }

    @Test
    void unknownTokenizerMeansO200kAndEncodingsAreShared() {
        assertSame(O200K, Tokenizers.forName("no_such_base"));
        assertSame(O200K, Tokenizers.forName(null));
    }

    // ---- the request estimate

    @Test
    void oneUserMessage() {
        JsonObject request = json("{'model':'gpt-4.1','messages':[{'role':'user','content':'" + SENTENCE + "'}]}");
        // 3 per message + "user" (1 token) + 6 for the sentence, + 3 reply priming
        assertEquals(13, counter.countAnthropicRequest(request, GPT));
    }

    @Test
    void claudeTotalsAreMultiplied() {
        JsonObject request = json("{'model':'claude-sonnet-4.6','messages':[{'role':'user','content':'" + SENTENCE + "'}]}");
        assertEquals(15, counter.countAnthropicRequest(request, CLAUDE), "13 x 1.15 = 14.95");
        assertEquals(14, new AnthropicTokenCounter(1.05, 346).countAnthropicRequest(request, CLAUDE), "13 x 1.05 = 13.65");
        assertEquals(13, new AnthropicTokenCounter(1.0, 346).countAnthropicRequest(request, CLAUDE));
    }

    @Test
    void systemBlocksAreJoinedIntoOneSystemMessage() {
        JsonObject request = json("{'system':[{'type':'text','text':'You are terse.'},{'type':'text','text':'Be kind.'}],"
                + "'messages':[{'role':'user','content':'Hi'}]}");
        long expected = (3 + tokens("system") + tokens("You are terse.\n\nBe kind.")) + (3 + tokens("user") + tokens("Hi")) + 3;
        assertEquals(expected, counter.countAnthropicRequest(request, GPT));
    }

    @Test
    void toolUseAndToolResultCountAsChatToolCallsAndToolMessages() {
        JsonObject request = json("{'messages':["
                + "{'role':'user','content':'Weather in Paris?'},"
                + "{'role':'assistant','content':[{'type':'text','text':'Checking.'},"
                + "  {'type':'tool_use','id':'toolu_1','name':'get_weather','input':{'city':'Paris'}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_1','content':[{'type':'text','text':'Sunny'},{'type':'text','text':'21C'}]},"
                + "  {'type':'text','text':'Thanks'}]}]}");
        long input = (3 + tokens("user") + tokens("Weather in Paris?"))
                + (3 + tokens("tool") + tokens("toolu_1") + tokens("Sunny\n21C"))
                + (3 + tokens("user") + tokens("Thanks"))
                + 3;
        String call = "{\"id\":\"toolu_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}";
        long output = (3 + tokens("assistant") + tokens("Checking.") + 7 + tokens(call) + 12) + 3;
        assertEquals(input + output, counter.countAnthropicRequest(request, GPT));
    }

    @Test
    void toolsCountNameDescriptionAndSchema() {
        JsonObject request = json("{'messages':[{'role':'user','content':'Hi'}],'tools':[{'name':'get_weather','description':'Get weather.',"
                + "'input_schema':{'type':'object','properties':{'unit':{'type':'string','description':'Unit.','enum':['c','f'],'default':'c'}},"
                + "'required':['unit']}},"
                + "{'type':'web_search_20250305','name':'web_search'}]}");
        long messages = 3 + tokens("user") + tokens("Hi") + 3;
        long unit = 3 + (-3 + 3 + tokens("c") + 3 + tokens("f")) + tokens("unit:string:Unit") + tokens("default:c");
        long tool = 7 + tokens("get_weather:Get weather") + tokens("type:object") + 3 + unit + tokens("required:[\"unit\"]");
        assertEquals(messages + tool + 12, counter.countAnthropicRequest(request, GPT), "the server tool is not counted");
    }

    @Test
    void claudeToolOverheadExceptForClaudeCodeWithMcpTools() {
        String body = "{'messages':[{'role':'user','content':'Hi'}],'tools':[{'name':'mcp__ide__getDiagnostics','input_schema':{}}]}";
        JsonObject request = json(body);
        long base = (3 + tokens("user") + tokens("Hi") + 3) + (7 + tokens("mcp__ide__getDiagnostics:") + 12);
        assertEquals(Math.round((base + 346) * 1.15), counter.countAnthropicRequest(request, CLAUDE));
        assertEquals(Math.round(base * 1.15), counter.countAnthropicRequest(request, CLAUDE, true));
        assertEquals(Math.round(base * 1.15), new AnthropicTokenCounter(1.15, 0).countAnthropicRequest(request, CLAUDE));
    }

    @Test
    void imagesCountAFixedEstimateNotTheirData() {
        String data = "iVBORw0KGgo".repeat(2000);
        JsonObject request = json("{'messages':[{'role':'user','content':[{'type':'text','text':'What is this?'},"
                + "{'type':'image','source':{'type':'base64','media_type':'image/png','data':'" + data + "'}},"
                + "{'type':'image','source':{'type':'url','url':'https://example.com/cat.png'}}]}]}");
        long expected = 3 + tokens("user") + tokens("What is this?") + 85 + tokens("https://example.com/cat.png") + 85 + 3;
        assertEquals(expected, counter.countAnthropicRequest(request, GPT));
    }

    @Test
    void thinkingCountsForClaudeOnlyAndEmptyAssistantTurnsNotAtAll() {
        JsonObject request = json("{'messages':[{'role':'user','content':'Hi'},"
                + "{'role':'assistant','content':[{'type':'thinking','thinking':'Say hello back','signature':'sig'},{'type':'text','text':'Hello'}]},"
                + "{'role':'assistant','content':[]},{'role':'user','content':'Bye'}]}");
        long input = (3 + tokens("user") + tokens("Hi")) + (3 + tokens("user") + tokens("Bye")) + 3;
        long output = 3 + tokens("assistant") + tokens("Hello") + 3;
        assertEquals(input + output, counter.countAnthropicRequest(request, GPT));
        assertEquals(Math.round((input + output + tokens("Say hello back")) * 1.15), counter.countAnthropicRequest(request, CLAUDE));
    }

    @Test
    void cl100kModelsCountInCl100k() {
        Encoding cl100k = Tokenizers.forName("cl100k_base");
        String text = "お誕生日おめでとう";
        JsonObject request = json("{'messages':[{'role':'user','content':'" + text + "'}]}");
        long expected = 3 + cl100k.countTokens("user") + cl100k.countTokens(text) + 3;
        assertEquals(expected, counter.countAnthropicRequest(request, model("gpt-3.5-turbo", "cl100k_base")));
    }

    @Test
    void unknownModelUsesO200kAndTheRequestsFamily() {
        JsonObject request = json("{'model':'claude-opus-9','messages':[{'role':'user','content':'" + SENTENCE + "'}]}");
        assertEquals(15, counter.countAnthropicRequestForUnknownModel(request, false));
        assertEquals(13, counter.countAnthropicRequestForUnknownModel(json("{'messages':[{'role':'user','content':'" + SENTENCE + "'}]}"), false));
    }

    @Test
    void specialTokenTextIsCountedAsOrdinaryText() {
        JsonObject request = json("{'messages':[{'role':'user','content':'<|endoftext|>'}]}");
        assertEquals(3 + tokens("user") + tokens("<|endoftext|>") + 3, counter.countAnthropicRequest(request, GPT));
    }

    @Test
    void emptyRequestCountsNothing() {
        assertEquals(0, counter.countAnthropicRequest(json("{'messages':[]}"), GPT));
    }
}
