package dev.copilotgateway.translate.openai;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

/** What the whole-message and the streamed translation from Anthropic Messages to Chat share (TRANSLATION §9.2): finish reason and usage. */
final class MessagesChatResults {

    private MessagesChatResults() {
    }

    /** {@code max_tokens} → {@code length}, {@code tool_use} → {@code tool_calls}; every other reason (or none) → {@code stop}. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            default -> "stop";
        };
    }

    /**
     * Anthropic token counts as they accumulate over a message ({@code message_start}, then {@code message_delta}),
     * reported the OpenAI way: Anthropic's {@code input_tokens} leaves out cache reads and writes, OpenAI's
     * {@code prompt_tokens} includes them (§13.3).
     */
    static final class Usage {
        private long input;
        private long cacheRead;
        private long cacheCreation;
        private long output;

        /** Takes every count {@code usage} states; counts it leaves out keep their earlier value. */
        void update(JsonObject usage) {
            input = count(usage, "input_tokens", input);
            cacheRead = count(usage, "cache_read_input_tokens", cacheRead);
            cacheCreation = count(usage, "cache_creation_input_tokens", cacheCreation);
            output = count(usage, "output_tokens", output);
        }

        JsonObject toChat() {
            long prompt = input + cacheRead + cacheCreation;
            return JsonIo.object()
                    .add("prompt_tokens", prompt)
                    .add("completion_tokens", output)
                    .add("total_tokens", prompt + output)
                    .add("prompt_tokens_details", JsonIo.object().add("cached_tokens", cacheRead))
                    .build();
        }

        private static long count(JsonObject usage, String key, long previous) {
            return usage.get(key) instanceof JsonNumber number ? number.longValue() : previous;
        }
    }
}
