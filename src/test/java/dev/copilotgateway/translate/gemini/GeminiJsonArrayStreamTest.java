package dev.copilotgateway.translate.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §11.1: the non-SSE stream is one JSON array written incrementally. */
class GeminiJsonArrayStreamTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void openingSeparatorsAndClosing() {
        GeminiJsonArrayStream array = new GeminiJsonArrayStream();
        assertEquals("[{\"a\":1}", text(array.element("{\"a\":1}")));
        assertEquals(",\r\n{\"b\":2}", text(array.element("{\"b\":2}")));
        assertEquals("]", text(array.end()));
        assertTrue(array.ended());
        assertEquals("", text(array.end()));
        assertThrows(IllegalStateException.class, () -> array.element("{}"));
    }

    @Test
    void nothingWrittenIsAnEmptyArray() {
        assertEquals("[]", text(new GeminiJsonArrayStream().end()));
    }
}
