package dev.copilotgateway.protocol.openai;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.StreamProtocol;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Chat Completions streams: they end with {@code data: [DONE]}; an error is a {@code data: {"error":{...}}} event. */
public final class OpenAiStreamProtocol implements StreamProtocol {

    /** {@code [DONE]}, or an error chunk: an object whose first member is "error" (in content quotes are escaped). */
    private static final List<byte[]> END_MARKERS = List.of("data: [DONE]".getBytes(StandardCharsets.US_ASCII),
            "{\"error\"".getBytes(StandardCharsets.US_ASCII));

    @Override
    public List<byte[]> endMarkers() {
        return END_MARKERS;
    }

    @Override
    public byte[] errorFrame(String type, String message) {
        String json = JsonIo.object()
                .add("error", JsonIo.object().add("message", message).add("type", type))
                .build()
                .toString();
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
