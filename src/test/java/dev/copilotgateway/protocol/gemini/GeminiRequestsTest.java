package dev.copilotgateway.protocol.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gemini request bodies (§11.2) and countTokens (§11.6): every mistake a 400 INVALID_ARGUMENT. */
class GeminiRequestsTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void badBodiesAre400sInGooglesShape() {
        for (String body : List.of("", "{", "[]", "{}", "{\"contents\":[]}", "{\"contents\":\" \"}", "{\"contents\":5}")) {
            GeminiException refused = assertThrows(GeminiException.class, () -> GeminiRequests.generateContentRequest(bytes(body)), body);
            assertEquals(400, refused.code());
            assertEquals("INVALID_ARGUMENT", refused.status());
        }
        assertEquals("* GenerateContentRequest.contents: contents is not specified",
                assertThrows(GeminiException.class, () -> GeminiRequests.generateContentRequest(bytes("{}"))).getMessage());
    }

    @Test
    void validBodiesPass() {
        assertEquals("x", GeminiRequests.generateContentRequest(bytes("{\"contents\":\"x\"}")).getString("contents"));
        assertEquals(1, GeminiRequests.generateContentRequest(bytes("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}")).getJsonArray("contents").size());
    }

    @Test
    void translationComplaintsNameTheField() {
        GeminiException invalid = GeminiRequests.invalid("generationConfig.candidateCount", "only one");
        assertEquals(400, invalid.code());
        assertEquals("* GenerateContentRequest.generationConfig.candidateCount: only one", invalid.getMessage());
        assertEquals("plain", GeminiRequests.invalid(null, "plain").getMessage());
    }

    /** §11.6: either form of the request; {@code generateContentRequest} preferred; {@code {"totalTokens":N}} back. */
    @Test
    void countTokens() {
        JsonObject nested = (JsonObject) JsonIo.read("{\"contents\":[{\"parts\":[{\"text\":\"outer\"}]}],"
                + "\"generateContentRequest\":{\"model\":\"models/x\",\"contents\":[{\"parts\":[{\"text\":\"inner\"}]}]}}");
        assertEquals("models/x", GeminiCountTokens.request(nested).getString("model"));
        JsonObject plain = (JsonObject) JsonIo.read("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}");
        assertEquals(plain, GeminiCountTokens.request(plain));
        assertThrows(GeminiException.class, () -> GeminiCountTokens.request((JsonObject) JsonIo.read("{\"generateContentRequest\":{}}")));
        assertEquals("{\"totalTokens\":42}", GeminiCountTokens.response(42).toString());
    }
}
