package dev.copilotgateway.protocol;

/**
 * What an event stream of one ingress protocol needs from the relay: the marker of its normal end (the stream is
 * incomplete without it) and how to tell the client, inside the stream, that something went wrong.
 */
public interface StreamProtocol {

    /** Bytes whose presence in a frame means the stream ended normally, e.g. {@code data: [DONE]}. */
    byte[] terminator();

    /**
     * Bytes whose presence in a frame means the upstream reported an error inside the stream, which ends it as well:
     * the client then has its error event and gets no second one.
     */
    byte[] errorMarker();

    /** A whole SSE frame (ending in a blank line) reporting {@code message} as an error of {@code type}. */
    byte[] errorFrame(String type, String message);
}
