package dev.copilotgateway.api.stream;

import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.translate.gemini.GeminiJsonArrayStream;
import jakarta.ws.rs.core.MediaType;

/** Gemini's default stream form: the chunks as one JSON array, written element by element. */
public final class GeminiJsonArrayFraming implements TranslatingRelay.Framing {

    private final GeminiJsonArrayStream array = new GeminiJsonArrayStream();

    @Override
    public byte[] frame(SseEvent event) {
        return array.element(event);
    }

    @Override
    public byte[] end() {
        return array.end();
    }

    @Override
    public String contentType() {
        return MediaType.APPLICATION_JSON;
    }
}
