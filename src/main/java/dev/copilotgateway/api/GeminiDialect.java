package dev.copilotgateway.api;

import dev.copilotgateway.api.stream.StreamRelay;
import dev.copilotgateway.api.stream.TranslatingRelay;
import dev.copilotgateway.protocol.ErrorResponse;
import dev.copilotgateway.protocol.Failure;
import dev.copilotgateway.protocol.gemini.GeminiUpstreamErrors;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.routing.UpstreamPlan;
import dev.copilotgateway.translate.gemini.GeminiJsonArrayStream;
import jakarta.ws.rs.core.MediaType;
import java.net.http.HttpHeaders;

/**
 * The Gemini API: Google's error shape, and a stream either as server-sent events ({@code ?alt=sse}) or, by default,
 * as one JSON array written element by element. Every Gemini stream is translated (Copilot has no Gemini endpoint).
 */
final class GeminiDialect implements ApiDialect {

    static final GeminiDialect SSE = new GeminiDialect(true);
    static final GeminiDialect JSON_ARRAY = new GeminiDialect(false);

    private final boolean sse;

    private GeminiDialect(boolean sse) {
        this.sse = sse;
    }

    @Override
    public ErrorResponse upstreamError(int status, HttpHeaders headers, byte[] body) {
        return GeminiUpstreamErrors.fromUpstream(status, headers, body);
    }

    @Override
    public ErrorResponse failure(Failure failure) {
        return GeminiUpstreamErrors.of(failure);
    }

    @Override
    public StreamRelay relay(UpstreamPlan plan) {
        return sse ? new TranslatingRelay(plan.streamTranslator().get())
                : new TranslatingRelay(plan.streamTranslator().get(), new JsonArrayFraming());
    }

    /** Gemini's default stream form: the chunks as one JSON array, written element by element. */
    private static final class JsonArrayFraming implements TranslatingRelay.Framing {
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
}
