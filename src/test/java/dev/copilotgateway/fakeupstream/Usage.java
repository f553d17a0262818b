package dev.copilotgateway.fakeupstream;

/**
 * Token counts reported for a reply.
 *
 * @param inputTokens       prompt tokens including cached ones (OpenAI convention; the Anthropic dialect subtracts the cached part)
 * @param cachedInputTokens part of the prompt served from cache
 */
public record Usage(int inputTokens, int outputTokens, int cachedInputTokens, int reasoningTokens) {

    public static Usage of(int inputTokens, int outputTokens) {
        return new Usage(inputTokens, outputTokens, 0, 0);
    }

    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
