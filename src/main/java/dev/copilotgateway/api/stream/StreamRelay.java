package dev.copilotgateway.api.stream;

/**
 * What a stream sends its client for what the upstream sends: the upstream's frames as they are
 * ({@link PassThroughRelay}) or translated into the client's protocol ({@link TranslatingRelay}). Called by one
 * thread at a time; every method returns the bytes to write, possibly none.
 */
public interface StreamRelay {

    /** Whole upstream SSE frames (ending at a frame boundary). */
    byte[] frames(byte[] upstreamFrames);

    /**
     * The upstream body ended; {@code lastFrame} is its unterminated last frame, closed, or empty. The result
     * includes an error event of the client's protocol when the stream ended before it was complete.
     */
    byte[] end(byte[] lastFrame);

    /** The stream cannot go on (connection lost, idle time-out): the client protocol's error event, once. */
    byte[] failure(String type, String message);

    /** Whether the upstream's stream ended before it was complete (the relay then added an error event); false if unknown. */
    default boolean endedEarly() {
        return false;
    }

    /** Whether the client's stream has ended, so further upstream bytes are not wanted. */
    boolean finished();

    /** The response's content type: server-sent events, unless the relay frames the events otherwise. */
    default String contentType() {
        return "text/event-stream;charset=UTF-8";
    }
}
