package dev.copilotgateway.fakeupstream;

import java.time.Duration;

/**
 * How replies are streamed. Every SSE event counts as one chunk: the delay applies between any two events.
 *
 * @param textChunks      pieces the text (and the reasoning text) is split into
 * @param argumentChunks  pieces each tool call's arguments are split into
 * @param chunkDelay      pause between two events
 * @param firstChunkDelay pause between the response headers and the first event
 */
public record StreamSettings(int textChunks, int argumentChunks, Duration chunkDelay, Duration firstChunkDelay) {

    public StreamSettings {
        if (textChunks < 1 || argumentChunks < 1) {
            throw new IllegalArgumentException("chunk counts must be positive");
        }
        if (chunkDelay.isNegative() || firstChunkDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    public static StreamSettings defaults() {
        return new StreamSettings(20, 3, Duration.ZERO, Duration.ZERO);
    }

    public StreamSettings withTextChunks(int count) {
        return new StreamSettings(count, argumentChunks, chunkDelay, firstChunkDelay);
    }

    public StreamSettings withArgumentChunks(int count) {
        return new StreamSettings(textChunks, count, chunkDelay, firstChunkDelay);
    }

    public StreamSettings withChunkDelay(Duration delay) {
        return new StreamSettings(textChunks, argumentChunks, delay, firstChunkDelay);
    }

    public StreamSettings withFirstChunkDelay(Duration delay) {
        return new StreamSettings(textChunks, argumentChunks, chunkDelay, delay);
    }
}
