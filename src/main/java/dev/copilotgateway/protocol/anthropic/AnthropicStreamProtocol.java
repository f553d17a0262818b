package dev.copilotgateway.protocol.anthropic;

import dev.copilotgateway.protocol.StreamProtocol;
import dev.copilotgateway.protocol.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Messages streams: they end with the {@code message_stop} event; an error is an {@code event: error} frame with
 * Anthropic's error body. The relay's neutral kinds ({@code api_error}, {@code timeout_error},
 * {@code overloaded_error}) are Anthropic types already; anything else is reported as {@code api_error}.
 */
public final class AnthropicStreamProtocol implements StreamProtocol {

    private static final List<byte[]> END_MARKERS = List.of("event: message_stop".getBytes(StandardCharsets.US_ASCII),
            "event: error".getBytes(StandardCharsets.US_ASCII));

    @Override
    public List<byte[]> endMarkers() {
        return END_MARKERS;
    }

    @Override
    public byte[] errorFrame(String type, String message) {
        return errorEvent(type, message).toBytes();
    }

    /** The {@code error} event itself, for stream translators that emit {@link SseEvent}s. */
    public static SseEvent errorEvent(String type, String message) {
        return SseEvent.named("error", new AnthropicError(AnthropicError.knownType(type), message).toJson().toString());
    }
}
