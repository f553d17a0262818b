package dev.copilotgateway.protocol.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.protocol.sse.SseEventParser;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Anthropic error shape on whole responses and in streams. */
class AnthropicExceptionTest {

    @Test
    void exceptionCarriesStatusTypeAndAnthropicBody() {
        AnthropicException error = AnthropicException.invalidRequest("max_tokens: Field required");
        assertEquals(400, error.status());
        assertEquals("invalid_request_error", error.type());
        assertEquals(MediaType.APPLICATION_JSON_TYPE, error.getResponse().getMediaType());
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: Field required\"}}",
                new String((byte[]) error.getResponse().getEntity(), StandardCharsets.UTF_8));
    }

    @Test
    void factoriesUseAnthropicsStatusesAndTypes() {
        List<AnthropicException> errors = List.of(AnthropicException.authentication("a"), AnthropicException.permission("p"),
                AnthropicException.notFound("n"), AnthropicException.requestTooLarge("r"), AnthropicException.rateLimit("l"),
                AnthropicException.api("x"), AnthropicException.overloaded("o"), AnthropicException.of(504, "t"));
        List<String> expected = List.of("401 authentication_error", "403 permission_error", "404 not_found_error",
                "413 request_too_large", "429 rate_limit_error", "500 api_error", "529 overloaded_error", "504 timeout_error");
        assertEquals(expected, errors.stream().map(error -> error.status() + " " + error.type()).toList());
    }

    @Test
    void streamEndsWithMessageStopOrAnErrorEvent() {
        List<String> markers = new AnthropicStreamProtocol().endMarkers().stream()
                .map(marker -> new String(marker, StandardCharsets.US_ASCII)).toList();
        assertEquals(List.of("event: message_stop", "event: error"), markers);
        String stop = new String(SseEvent.named("message_stop", "{\"type\":\"message_stop\"}").toBytes(), StandardCharsets.UTF_8);
        assertTrue(stop.contains(markers.get(0)), stop);
    }

    @Test
    void streamErrorIsAnErrorEventWithAnthropicsBody() {
        byte[] frame = new AnthropicStreamProtocol().errorFrame("timeout_error", "The Copilot API sent nothing for 300 s");
        assertEquals("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"timeout_error\",\"message\":\"The Copilot API sent nothing for 300 s\"}}\n\n",
                new String(frame, StandardCharsets.UTF_8));
        List<SseEvent> parsed = SseEventParser.parse(frame);
        assertEquals(1, parsed.size());
        assertEquals("error", parsed.get(0).event());
    }

    @Test
    void unknownNeutralTypesAreReportedAsApiError() {
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"m\"}}",
                AnthropicStreamProtocol.errorEvent("something_else", "m").data());
        assertEquals("overloaded_error", AnthropicError.knownType("overloaded_error"));
    }
}
