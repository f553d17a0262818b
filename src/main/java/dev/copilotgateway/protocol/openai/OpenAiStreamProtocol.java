package dev.copilotgateway.protocol.openai;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.StreamProtocol;
import java.nio.charset.StandardCharsets;

/** Chat Completions streams: they end with {@code data: [DONE]}; an error is a {@code data: {"error":{...}}} event. */
public final class OpenAiStreamProtocol implements StreamProtocol {

    private static final byte[] DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);
    /** An error chunk: an object whose first member is "error" (inside content, quotes are escaped, so no false match). */
    private static final byte[] ERROR_CHUNK = "{\"error\"".getBytes(StandardCharsets.US_ASCII);

    @Override
    public byte[] terminator() {
        return DONE.clone();
    }

    @Override
    public byte[] errorMarker() {
        return ERROR_CHUNK.clone();
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
