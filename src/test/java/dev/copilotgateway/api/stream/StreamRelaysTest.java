package dev.copilotgateway.api.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.openai.OpenAiStreamProtocol;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.translate.StreamTranslator;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StreamRelaysTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void passThroughForwardsFramesUnchangedAndEndsQuietlyAfterTheTerminator() {
        PassThroughRelay relay = new PassThroughRelay(new OpenAiStreamProtocol());
        byte[] frames = bytes("data: {\"a\" : 1}\n\n");
        assertEquals(frames, relay.frames(frames), "the same array: not copied, not re-encoded");
        assertEquals("data: [DONE]\n\n", text(relay.end(bytes("data: [DONE]\n\n"))));
        assertTrue(relay.finished());
        assertFalse(relay.endedEarly());
        assertEquals("", text(relay.failure("api_error", "late")), "nothing after the end");
    }

    @Test
    void passThroughCutShortGetsAnErrorEvent() {
        PassThroughRelay relay = new PassThroughRelay(new OpenAiStreamProtocol());
        relay.frames(bytes("data: {\"a\":1}\n\n"));
        String end = text(relay.end(new byte[0]));
        assertTrue(end.startsWith("data: {\"error\""), end);
        assertTrue(end.contains("ended the stream before it was complete"), end);
        assertTrue(relay.endedEarly(), "told to the request's meter as a stream error");
    }

    /** Upper-cases data and ends on an event named "stop"; reports failures as an "error" event. */
    private static final class UpperCase implements StreamTranslator {
        private boolean finished;

        @Override
        public void onEvent(SseEvent upstream, Consumer<SseEvent> out) {
            if (upstream.data().equals("boom")) {
                throw new IllegalStateException("cannot translate");
            }
            out.accept(SseEvent.named("up", upstream.data().toUpperCase()));
            if (upstream.data().equals("stop")) {
                finished = true;
            }
        }

        @Override
        public void onUpstreamEnd(Consumer<SseEvent> out) {
            onUpstreamFailure("api_error", "cut", out);
        }

        @Override
        public void onUpstreamFailure(String type, String message, Consumer<SseEvent> out) {
            if (!finished) {
                finished = true;
                out.accept(SseEvent.named("error", type + ":" + message));
            }
        }

        @Override
        public boolean finished() {
            return finished;
        }
    }

    @Test
    void translatingRelayWritesWhatTheTranslatorEmitsAndIgnoresEventsAfterItsEnd() {
        TranslatingRelay relay = new TranslatingRelay(new UpperCase());
        assertEquals("event: up\ndata: A\n\nevent: up\ndata: B\n\n", text(relay.frames(bytes("data: a\n\ndata: b\n\n"))));
        assertEquals("event: up\ndata: STOP\n\n", text(relay.frames(bytes("data: stop\n\ndata: after\n\n"))));
        assertTrue(relay.finished());
        assertEquals("", text(relay.end(bytes("data: more\n\n"))));
    }

    @Test
    void translatingRelayEndingEarlyLetsTheTranslatorReportIt() {
        TranslatingRelay relay = new TranslatingRelay(new UpperCase());
        assertEquals("event: up\ndata: X\n\nevent: error\ndata: api_error:cut\n\n", text(relay.end(bytes("data: x\n\n"))));
    }

    @Test
    void anEventTheTranslatorCannotHandleBecomesTheClientsErrorEvent() {
        TranslatingRelay relay = new TranslatingRelay(new UpperCase());
        String out = text(relay.frames(bytes("data: a\n\ndata: boom\n\n")));
        assertEquals("event: up\ndata: A\n\nevent: error\ndata: api_error:The gateway could not translate the Copilot API's stream\n\n", out);
        assertTrue(relay.finished());
        assertFalse(text(relay.failure("api_error", "again")).contains("again"));
    }

    /** Frames events as a JSON array: "[" before the first, "," between, "]" at the end. */
    private static final class ArrayFraming implements TranslatingRelay.Framing {
        private boolean first = true;

        @Override
        public byte[] frame(SseEvent event) {
            String prefix = first ? "[" : ",";
            first = false;
            return bytes(prefix + "\"" + event.data() + "\"");
        }

        @Override
        public byte[] end() {
            return bytes(first ? "[]" : "]");
        }

        @Override
        public String contentType() {
            return "application/json";
        }
    }

    @Test
    void aFramingWritesTheEventsItsWayAndClosesOnceWhenTheTranslatorFinishes() {
        TranslatingRelay relay = new TranslatingRelay(new UpperCase(), new ArrayFraming());
        assertEquals("application/json", relay.contentType());
        assertEquals("[\"A\"", text(relay.frames(bytes("data: a\n\n"))));
        assertEquals(",\"STOP\"]", text(relay.frames(bytes("data: stop\n\n"))));
        assertEquals("", text(relay.end(new byte[0])), "closed once");
    }
}
