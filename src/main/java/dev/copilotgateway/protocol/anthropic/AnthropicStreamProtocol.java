package dev.copilotgateway.protocol.anthropic;

import dev.copilotgateway.protocol.StreamProtocol;
import dev.copilotgateway.protocol.sse.SseEvent;
import java.nio.charset.StandardCharsets;

/**
 * Messages streams: they end with the {@code message_stop} event; an error is an {@code event: error} frame with
 * Anthropic's error body. The relay's neutral kinds ({@code api_error}, {@code timeout_error},
 * {@code overloaded_error}) are Anthropic types already; anything else is reported as {@code api_error}.
 */
public final class AnthropicStreamProtocol implements StreamProtocol {

    private static final byte[] MESSAGE_STOP = "event: message_stop".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_EVENT = "event: error".getBytes(StandardCharsets.US_ASCII);

    @Override
    public byte[] terminator() {
        return MESSAGE_STOP.clone();
    }

    @Override
    public byte[] errorMarker() {
        return ERROR_EVENT.clone();
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
