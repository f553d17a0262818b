package dev.copilotgateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.anthropic.AnthropicException;
import dev.copilotgateway.protocol.anthropic.AnthropicRequests;
import dev.copilotgateway.protocol.gemini.GeminiException;
import dev.copilotgateway.protocol.gemini.GeminiRequests;
import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.protocol.openai.OpenAiRequests;
import jakarta.json.JsonException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A body nested past the JSON parser's depth limit is the sender's mistake: a 400 in each API's shape, never a 500. */
class DeepJsonTest {

    static final String DEEP = "{\"model\":\"gpt-4.1\",\"messages\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    private static final byte[] DEEP_BYTES = DEEP.getBytes(StandardCharsets.UTF_8);

    @Test
    void theReaderSaysJsonExceptionLikeForAnyOtherUnreadableBody() {
        JsonException bytes = assertThrows(JsonException.class, () -> JsonIo.read(DEEP_BYTES));
        assertTrue(bytes.getMessage().contains("nested"), bytes.getMessage());
        assertThrows(JsonException.class, () -> JsonIo.read(DEEP));
        assertEquals(3, JsonIo.read("[[[1]]]").asJsonArray().getJsonArray(0).getJsonArray(0).getInt(0) + 2, "normal nesting reads");
    }

    @Test
    void everyIngressAnswers400() {
        assertEquals(400, assertThrows(OpenAiException.class, () -> OpenAiRequests.parseObject(DEEP_BYTES)).getResponse().getStatus());
        assertEquals(400, assertThrows(AnthropicException.class, () -> AnthropicRequests.parseObject(DEEP_BYTES)).status());
        assertEquals(400, assertThrows(GeminiException.class, () -> GeminiRequests.parseObject(DEEP_BYTES)).code());
    }
}
