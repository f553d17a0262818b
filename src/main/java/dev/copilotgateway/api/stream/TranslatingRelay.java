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
 * {@link StreamTranslator}, whose events are written as soon as it produces them.
 */
public final class TranslatingRelay implements StreamRelay {

    private static final Logger LOG = Logger.getLogger(TranslatingRelay.class.getName());

    private final StreamTranslator translator;

    public TranslatingRelay(StreamTranslator translator) {
        this.translator = translator;
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
        Consumer<SseEvent> out = event -> bytes.writeBytes(event.toBytes());
        try {
            step.accept(out);
        } catch (RuntimeException untranslatable) {
            LOG.log(Level.WARNING, "An upstream stream event could not be translated", untranslatable);
            translator.onUpstreamFailure("api_error", "The gateway could not translate the Copilot API's stream", out);
        }
        return bytes.toByteArray();
    }
}
