package dev.copilotgateway.protocol.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.gemini.GeminiModelPath.Method;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §11.1: {@code {model}:{method}}, split on the last colon. */
class GeminiModelPathTest {

    @Test
    void methods() {
        assertEquals(new GeminiModelPath("gemini-2.5-pro", Method.GENERATE_CONTENT), GeminiModelPath.parse("gemini-2.5-pro:generateContent"));
        assertEquals(new GeminiModelPath("gemini-2.5-pro", Method.STREAM_GENERATE_CONTENT), GeminiModelPath.parse("gemini-2.5-pro:streamGenerateContent"));
        assertEquals(new GeminiModelPath("gpt-4.1", Method.COUNT_TOKENS), GeminiModelPath.parse("gpt-4.1:countTokens"));
        assertTrue(Method.STREAM_GENERATE_CONTENT.streaming());
        assertFalse(Method.GENERATE_CONTENT.streaming());
    }

    @Test
    void lastColonPathStyleAndPrefixAndTheModelAsWritten() {
        assertEquals(new GeminiModelPath("ft:model:v1", Method.GENERATE_CONTENT), GeminiModelPath.parse("ft:model:v1:generateContent"));
        assertEquals(new GeminiModelPath("gemini-2.5-flash-customtools", Method.GENERATE_CONTENT),
                GeminiModelPath.parse("gemini-2.5-flash-customtools/generateContent"));
        assertEquals(new GeminiModelPath("gemini-2.5-pro", Method.COUNT_TOKENS), GeminiModelPath.parse("models/gemini-2.5-pro:countTokens"));
    }

    @Test
    void unknownOrMissingMethodIs404AndMissingModel400() {
        for (String path : new String[] {"gemini-2.5-pro:embedContent", "gemini-2.5-pro", "gemini-2.5-pro:", ""}) {
            GeminiException refused = assertThrows(GeminiException.class, () -> GeminiModelPath.parse(path), path);
            assertEquals(404, refused.code(), path);
            assertEquals("NOT_FOUND", refused.status());
        }
        assertEquals(400, assertThrows(GeminiException.class, () -> GeminiModelPath.parse(":generateContent")).code());
    }

    @Test
    void altSse() {
        assertTrue(GeminiModelPath.sse("sse"));
        assertFalse(GeminiModelPath.sse(null));
        assertFalse(GeminiModelPath.sse("json"));
    }
}
