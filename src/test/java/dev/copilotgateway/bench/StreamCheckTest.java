package dev.copilotgateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The benchmark's judge of a streamed answer: what it accepts as complete and correct, and what it reports. */
class StreamCheckTest {

    private final StreamCheck check = new StreamCheck("Hi there", 2);

    private static String chunk(String content) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"}}]}\n\n";
    }

    @Test
    void aCompleteStreamPasses() {
        assertEquals(Optional.empty(), check.problem(200, chunk("Hi ") + chunk("there") + "data: [DONE]\n\n"));
    }

    @Test
    void keepAliveCommentsAreSkippedAsEveryClientDoes() {
        assertEquals(Optional.empty(), check.problem(200, ": keep-alive\n\n" + chunk("Hi ") + ": keep-alive\n\n" + chunk("there") + "data: [DONE]\n\n"));
    }

    @Test
    void brokenStreamsAreNamed() {
        assertEquals(Optional.of("event is not a JSON chunk"), check.problem(200, chunk("Hi ") + "data: {not json\n\n" + chunk("there") + "data: [DONE]\n\n"));
        assertEquals(Optional.of("stream not terminated by data: [DONE]"), check.problem(200, chunk("Hi ") + chunk("there")));
        assertEquals(Optional.of("text chunks missing or out of order"), check.problem(200, chunk("there") + chunk("Hi ") + "data: [DONE]\n\n"));
        assertEquals(Optional.of("error event"), check.problem(200, "data: {\"error\":{\"message\":\"x\"}}\n\n" + "data: [DONE]\n\n"));
        assertEquals(Optional.of("HTTP 502"), check.problem(502, ""));
    }
}
