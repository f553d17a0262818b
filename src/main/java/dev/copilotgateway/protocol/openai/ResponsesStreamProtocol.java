package dev.copilotgateway.protocol.openai;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.StreamProtocol;
import dev.copilotgateway.protocol.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The OpenAI Responses event stream: it ends with {@code response.completed}, {@code response.incomplete} or
 * {@code response.failed}, or with an {@code error} event, which is also how the gateway reports a failure in a
 * stream it passes through (it does not know the upstream's response object to fail).
 */
public final class ResponsesStreamProtocol implements StreamProtocol {

    private static final List<byte[]> END_MARKERS = List.of(
            "event: response.completed".getBytes(StandardCharsets.US_ASCII),
            "event: response.incomplete".getBytes(StandardCharsets.US_ASCII),
            "event: response.failed".getBytes(StandardCharsets.US_ASCII),
            "event: error".getBytes(StandardCharsets.US_ASCII));

    @Override
    public List<byte[]> endMarkers() {
        return END_MARKERS;
    }

    @Override
    public byte[] errorFrame(String type, String message) {
        return SseEvent.named("error", JsonIo.object().add("type", "error").add("code", type).add("message", message)
                .addNull("param").build().toString()).toBytes();
    }
}
