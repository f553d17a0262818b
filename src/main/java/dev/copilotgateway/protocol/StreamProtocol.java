package dev.copilotgateway.protocol;

import java.util.List;

/**
 * What an event stream of one ingress protocol needs from the relay: the markers of its end (the stream is
 * incomplete without one) and how to tell the client, inside the stream, that something went wrong.
 */
public interface StreamProtocol {

    /**
     * Byte sequences whose presence in a frame means the stream has ended: normally (e.g. {@code data: [DONE]}) or
     * with an error the upstream reported inside it, so the client needs no further error event.
     */
    List<byte[]> endMarkers();

    /** A whole SSE frame (ending in a blank line) reporting {@code message} as an error of {@code type}. */
    byte[] errorFrame(String type, String message);
}
