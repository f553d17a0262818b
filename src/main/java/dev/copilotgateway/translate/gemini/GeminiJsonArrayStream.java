package dev.copilotgateway.translate.gemini;

import dev.copilotgateway.protocol.sse.SseEvent;
import java.nio.charset.StandardCharsets;

/**
 * The default (non-{@code alt=sse}) framing of a Gemini stream (TRANSLATION.md §11.1): one JSON array written
 * while it grows, {@code [} + chunks separated by {@code ,} + {@code ]}, as Google's REST API does. Fed the chunks
 * {@link ChatToGeminiStream} emits (an event's data is one chunk), it returns the bytes to write for each; an error
 * chunk is an element like any other, and {@link #end()} closes the array however the stream ended.
 */
public final class GeminiJsonArrayStream {

    private boolean started;
    private boolean ended;

    /** The bytes that add {@code chunk} (its data) to the array. */
    public byte[] element(SseEvent chunk) {
        return element(chunk.data());
    }

    /** The bytes that add one chunk's JSON to the array: the opening {@code [} first, a separator after that. */
    public byte[] element(String chunkJson) {
        if (ended) {
            throw new IllegalStateException("The array is closed");
        }
        String prefix = started ? ",\r\n" : "[";
        started = true;
        return (prefix + chunkJson).getBytes(StandardCharsets.UTF_8);
    }

    /** The closing {@code ]} (a whole {@code []} if nothing was written); empty once the array is closed. */
    public byte[] end() {
        if (ended) {
            return new byte[0];
        }
        ended = true;
        return (started ? "]" : "[]").getBytes(StandardCharsets.UTF_8);
    }

    public boolean ended() {
        return ended;
    }
}
