package dev.copilotgateway.api.stream;

import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.protocol.sse.SseEventParser;
import dev.copilotgateway.translate.StreamTranslator;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ingress and upstream protocols differ: upstream frames are parsed into events and fed to the request's
 * {@link StreamTranslator}, whose events are written as soon as it produces them: as server-sent events, or in
 * another {@link Framing} (Gemini's streamed JSON array).
 */
public final class TranslatingRelay implements StreamRelay {

    private static final Logger LOG = Logger.getLogger(TranslatingRelay.class.getName());

    /** How the client's events go on the wire, and what closes the stream once the translator has finished. */
    public interface Framing {
        byte[] frame(SseEvent event);

        byte[] end();

        String contentType();
    }

    private static final Framing SSE = new Framing() {
        @Override
        public byte[] frame(SseEvent event) {
            return event.toBytes();
        }

        @Override
        public byte[] end() {
            return new byte[0];
        }

        @Override
        public String contentType() {
            return "text/event-stream;charset=UTF-8";
        }
    };

    private final StreamTranslator translator;
    private final Framing framing;
    private boolean ended;

    public TranslatingRelay(StreamTranslator translator) {
        this(translator, SSE);
    }

    public TranslatingRelay(StreamTranslator translator, Framing framing) {
        this.translator = translator;
        this.framing = framing;
    }

    @Override
    public String contentType() {
        return framing.contentType();
    }

    @Override
    public byte[] frames(byte[] upstreamFrames) {
        return collect(out -> {
            for (SseEvent event : SseEventParser.parse(upstreamFrames)) {
                if (translator.finished()) {
                    return;
                }
                translator.onEvent(event, out);
            }
        });
    }

    @Override
    public byte[] end(byte[] lastFrame) {
        return collect(out -> {
            for (SseEvent event : SseEventParser.parse(lastFrame)) {
                if (!translator.finished()) {
                    translator.onEvent(event, out);
                }
            }
            if (!translator.finished()) {
                translator.onUpstreamEnd(out);
            }
        });
    }

    @Override
    public byte[] failure(String type, String message) {
        return collect(out -> translator.onUpstreamFailure(type, message, out));
    }

    @Override
    public boolean finished() {
        return translator.finished();
    }

    /**
     * Runs one step of the translator and returns what it emitted. An upstream event the translator cannot handle
     * (malformed JSON, say) must not cut the stream silently: the client gets the error event instead.
     */
    private byte[] collect(Consumer<Consumer<SseEvent>> step) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        Consumer<SseEvent> out = event -> bytes.writeBytes(framing.frame(event));
        try {
            step.accept(out);
        } catch (RuntimeException untranslatable) {
            LOG.log(Level.WARNING, "An upstream stream event could not be translated", untranslatable);
            translator.onUpstreamFailure("api_error", "The gateway could not translate the Copilot API's stream", out);
        }
        if (translator.finished() && !ended) {
            ended = true;
            bytes.writeBytes(framing.end());
        }
        return bytes.toByteArray();
    }
}
