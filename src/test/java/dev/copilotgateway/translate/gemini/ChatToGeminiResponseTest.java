package dev.copilotgateway.translate.gemini;

import static dev.copilotgateway.translate.gemini.GeminiFixtures.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §11.3: a whole Chat response as a Gemini GenerateContentResponse. */
class ChatToGeminiResponseTest {

    /** §11.3's worked example; the functionCall also carries the call's id (§11.3's recommendation). */
    @Test
    void workedExampleOfSection11_3() {
        JsonObject gemini = ChatToGeminiResponse.translate(object("""
                {"id":"chatcmpl-1","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",
                  "reasoning_text":"ponder","content":"It is 21°C.",
                  "tool_calls":[{"id":"call_9","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}],
                 "usage":{"prompt_tokens":100,"completion_tokens":20,"total_tokens":120,
                          "prompt_tokens_details":{"cached_tokens":30},"completion_tokens_details":{"reasoning_tokens":5}}}"""),
                "gemini-2.5-pro");
        assertEquals(object("""
                {"candidates":[{"index":0,"content":{"role":"model","parts":[
                    {"text":"ponder","thought":true},
                    {"text":"It is 21°C."},
                    {"functionCall":{"id":"call_9","name":"get_weather","args":{"city":"Paris"}}}]},
                  "finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":20,"totalTokenCount":120,
                                  "cachedContentTokenCount":30,"thoughtsTokenCount":5},
                 "modelVersion":"gemini-2.5-pro","responseId":"chatcmpl-1"}"""), gemini);
    }

    @Test
    void finishReasons() {
        Map<String, String> expected = new HashMap<>(Map.of("stop", "STOP", "tool_calls", "STOP", "length", "MAX_TOKENS",
                "content_filter", "SAFETY", "something_new", "OTHER"));
        expected.put(null, "FINISH_REASON_UNSPECIFIED");
        expected.forEach((chat, gemini) -> assertEquals(gemini, ChatToGeminiResponse.finishReason(chat), String.valueOf(chat)));
    }

    @Test
    void emptyAnswerHasOneEmptyTextPartAndUnparseableArgumentsAreAnEmptyObject() {
        JsonObject gemini = ChatToGeminiResponse.translate(object("""
                {"choices":[{"index":0,"finish_reason":"length","message":{"role":"assistant","content":null}},
                            {"index":1,"finish_reason":"stop","message":{"content":[{"type":"text","text":"x"}],
                               "tool_calls":[{"function":{"name":"f","arguments":"{\\"a\\":"}},{"function":{"arguments":"{}"}}]}}]}"""),
                "m");
        assertEquals(object("""
                {"candidates":[
                   {"index":0,"content":{"role":"model","parts":[{"text":""}]},"finishReason":"MAX_TOKENS"},
                   {"index":1,"content":{"role":"model","parts":[{"text":"x"},{"functionCall":{"name":"f","args":{}}}]},"finishReason":"STOP"}],
                 "modelVersion":"m"}"""), gemini);
    }

    @Test
    void usageWithoutDetailsOrTotal() {
        assertEquals(object("{\"promptTokenCount\":3,\"candidatesTokenCount\":2,\"totalTokenCount\":5}"),
                ChatToGeminiResponse.usageMetadata(object("{\"prompt_tokens\":3,\"completion_tokens\":2}")));
    }
}
