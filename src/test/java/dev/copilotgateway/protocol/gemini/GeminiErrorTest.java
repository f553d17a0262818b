package dev.copilotgateway.protocol.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §11.7: Google's error shape and status names. */
class GeminiErrorTest {

    @Test
    void statusNamesByHttpStatus() {
        Map<Integer, String> expected = Map.ofEntries(Map.entry(400, "INVALID_ARGUMENT"), Map.entry(401, "UNAUTHENTICATED"),
                Map.entry(402, "RESOURCE_EXHAUSTED"), Map.entry(403, "PERMISSION_DENIED"), Map.entry(404, "NOT_FOUND"),
                Map.entry(409, "ABORTED"), Map.entry(412, "FAILED_PRECONDITION"), Map.entry(413, "INVALID_ARGUMENT"),
                Map.entry(429, "RESOURCE_EXHAUSTED"), Map.entry(500, "INTERNAL"), Map.entry(501, "UNIMPLEMENTED"),
                Map.entry(502, "UNAVAILABLE"), Map.entry(503, "UNAVAILABLE"), Map.entry(504, "DEADLINE_EXCEEDED"),
                Map.entry(529, "UNAVAILABLE"));
        expected.forEach((status, name) -> assertEquals(name, GeminiError.statusFor(status), "status " + status));
    }

    @Test
    void shapeAndException() {
        assertEquals("{\"error\":{\"code\":404,\"message\":\"no such model\",\"status\":\"NOT_FOUND\"}}",
                new String(GeminiError.of(404, "no such model").bytes(), StandardCharsets.UTF_8));
        GeminiException exception = GeminiException.invalidArgument("bad");
        assertEquals(400, exception.getResponse().getStatus());
        assertEquals(400, exception.code());
        assertEquals("INVALID_ARGUMENT", exception.status());
        assertEquals("{\"error\":{\"code\":400,\"message\":\"bad\",\"status\":\"INVALID_ARGUMENT\"}}",
                new String((byte[]) exception.getResponse().getEntity(), StandardCharsets.UTF_8));
        assertEquals(new GeminiError(429, "slow", "RESOURCE_EXHAUSTED"), GeminiException.resourceExhausted("slow").error());
    }

    @Test
    void streamFailureKinds() {
        assertEquals(504, GeminiError.ofStreamFailure("timeout_error", "m").code());
        assertEquals(503, GeminiError.ofStreamFailure("overloaded_error", "m").code());
        assertEquals(429, GeminiError.ofStreamFailure("rate_limit_error", "m").code());
        assertEquals(500, GeminiError.ofStreamFailure("api_error", "m").code());
        assertEquals(500, GeminiError.ofStreamFailure(null, "m").code());
    }
}
