package dev.copilotgateway.translate.openai;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** What the whole-response and the streamed translation from Responses to Chat share (TRANSLATION §8.2): finish reason and usage. */
final class ResponsesChatResults {

    private ResponsesChatResults() {
    }

    /**
     * For an incomplete response {@code content_filter} or {@code length} (the output limit, also when no reason
     * is given: a cut tool call must not look finished); else {@code tool_calls} when the model called a function,
     * else {@code stop}. {@code status} is the response's, or the terminal event's when the response has none.
     */
    static String finishReason(String status, JsonObject response, boolean sawFunctionCall) {
        if ("incomplete".equals(response.getString("status", status))) {
            String reason = response.get("incomplete_details") instanceof JsonObject details ? details.getString("reason", "") : "";
            return reason.equals("content_filter") ? "content_filter" : "length";
        }
        boolean functionCall = sawFunctionCall || response.get("output") instanceof JsonArray output && output.stream()
                .anyMatch(item -> item instanceof JsonObject object && "function_call".equals(object.getString("type", null)));
        return functionCall ? "tool_calls" : "stop";
    }

    /** Chat usage from Responses usage; the details objects only when the upstream reported them. */
    static JsonObject usage(JsonObject usage) {
        long input = count(usage, "input_tokens");
        long output = count(usage, "output_tokens");
        JsonObjectBuilder chat = JsonIo.object()
                .add("prompt_tokens", input)
                .add("completion_tokens", output)
                .add("total_tokens", usage.get("total_tokens") instanceof JsonNumber total ? total.longValue() : input + output);
        if (usage.get("input_tokens_details") instanceof JsonObject details && details.get("cached_tokens") instanceof JsonNumber cached) {
            chat.add("prompt_tokens_details", JsonIo.object().add("cached_tokens", cached));
        }
        if (usage.get("output_tokens_details") instanceof JsonObject details && details.get("reasoning_tokens") instanceof JsonNumber reasoning) {
            chat.add("completion_tokens_details", JsonIo.object().add("reasoning_tokens", reasoning));
        }
        return chat.build();
    }

    private static long count(JsonObject usage, String key) {
        return usage.get(key) instanceof JsonNumber number ? number.longValue() : 0;
    }
}
