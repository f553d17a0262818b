package dev.copilotgateway.translate.openai;

import static dev.copilotgateway.translate.JsonFields.objects;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * What the whole-response and the streamed translation from Chat to Responses share (TRANSLATION §10): the response
 * object around the output, its usage, and the output items, so both paths answer the same shapes.
 */
final class ResponsesIngressResults {

    private ResponsesIngressResults() {
    }

    /**
     * A Responses {@code response} object. Like the real API it echoes the request's settings (or their defaults),
     * which SDKs read back; {@code store} is always false because the gateway keeps nothing.
     *
     * @param usage             Responses usage, or null when the upstream reported none
     * @param error             {@code {"code","message"}} for a failed response, else null
     * @param incompleteDetails {@code {"reason"}} for an incomplete response, else null
     */
    static JsonObject response(JsonObject request, String id, long createdAt, String model, String status, JsonArray output,
            JsonObject usage, JsonObject error, JsonObject incompleteDetails) {
        JsonObject reasoning = request.get("reasoning") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        return JsonIo.object()
                .add("id", id)
                .add("object", "response")
                .add("created_at", createdAt)
                .add("status", status)
                .add("background", false)
                .add("error", orNull(error))
                .add("incomplete_details", orNull(incompleteDetails))
                .add("instructions", echo(request, "instructions", JsonValue.NULL))
                .add("max_output_tokens", echo(request, "max_output_tokens", JsonValue.NULL))
                .add("model", model)
                .add("output", output)
                .add("output_text", outputText(output))
                .add("parallel_tool_calls", echo(request, "parallel_tool_calls", JsonValue.TRUE))
                .add("previous_response_id", JsonValue.NULL)
                .add("reasoning", JsonIo.object()
                        .add("effort", echo(reasoning, "effort", JsonValue.NULL))
                        .add("summary", echo(reasoning, "summary", JsonValue.NULL)))
                .add("store", false)
                .add("temperature", echo(request, "temperature", JsonIo.PROVIDER.createValue(1.0)))
                .add("text", echo(request, "text", JsonIo.object().add("format", JsonIo.object().add("type", "text")).build()))
                .add("tool_choice", echo(request, "tool_choice", JsonIo.PROVIDER.createValue("auto")))
                .add("tools", echo(request, "tools", JsonValue.EMPTY_JSON_ARRAY))
                .add("top_p", echo(request, "top_p", JsonIo.PROVIDER.createValue(1.0)))
                .add("truncation", "disabled")
                .add("usage", orNull(usage))
                .add("user", echo(request, "user", JsonValue.NULL))
                .add("metadata", echo(request, "metadata", JsonValue.EMPTY_JSON_OBJECT))
                .build();
    }

    /**
     * Chat usage as Responses usage; both count cached tokens inside the input. The details objects are always
     * there (the SDKs require them), with 0 when the upstream did not say.
     */
    static JsonObject usage(JsonObject chatUsage) {
        long input = count(chatUsage, "prompt_tokens");
        long output = count(chatUsage, "completion_tokens");
        JsonObject promptDetails = chatUsage.get("prompt_tokens_details") instanceof JsonObject details ? details : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject completionDetails = chatUsage.get("completion_tokens_details") instanceof JsonObject details ? details : JsonValue.EMPTY_JSON_OBJECT;
        return JsonIo.object()
                .add("input_tokens", input)
                .add("input_tokens_details", JsonIo.object().add("cached_tokens", count(promptDetails, "cached_tokens")))
                .add("output_tokens", output)
                .add("output_tokens_details", JsonIo.object().add("reasoning_tokens", count(completionDetails, "reasoning_tokens")))
                .add("total_tokens", chatUsage.get("total_tokens") instanceof JsonNumber total ? total.longValue() : input + output)
                .build();
    }

    /** The reason a Chat finish makes the response incomplete ({@code max_output_tokens}, {@code content_filter}), or null. */
    static String incompleteReason(String finishReason) {
        if ("length".equals(finishReason)) {
            return "max_output_tokens";
        }
        return "content_filter".equals(finishReason) ? "content_filter" : null;
    }

    /** Copilot's {@code reasoning_text}, or the {@code reasoning_content}/{@code reasoning} other upstreams use. */
    static String reasoningText(JsonObject messageOrDelta) {
        for (String field : List.of("reasoning_text", "reasoning_content", "reasoning")) {
            if (messageOrDelta.get(field) instanceof JsonString text) {
                return text.getString();
            }
        }
        return null;
    }

    /**
     * A reasoning item: the reasoning text as its one summary part (none without text), the upstream's opaque
     * reasoning state as {@code encrypted_content}, which the client sends back so the next turn can resume it.
     */
    static JsonObject reasoningItem(String id, String text, String opaque) {
        JsonObjectBuilder item = JsonIo.object()
                .add("id", id)
                .add("type", "reasoning")
                .add("summary", text.isEmpty() ? JsonValue.EMPTY_JSON_ARRAY : JsonIo.array().add(summaryPart(text)).build());
        if (opaque != null) {
            item.add("encrypted_content", opaque);
        }
        return item.build();
    }

    static JsonObject summaryPart(String text) {
        return JsonIo.object().add("type", "summary_text").add("text", text).build();
    }

    static JsonObject messageItem(String id, String status, JsonArray content) {
        return JsonIo.object()
                .add("id", id)
                .add("type", "message")
                .add("status", status)
                .add("role", "assistant")
                .add("content", content)
                .build();
    }

    static JsonObject textPart(String text) {
        return JsonIo.object()
                .add("type", "output_text")
                .add("text", text)
                .add("annotations", JsonValue.EMPTY_JSON_ARRAY)
                .add("logprobs", JsonValue.EMPTY_JSON_ARRAY)
                .build();
    }

    static JsonObject functionCallItem(String id, String status, String callId, String name, String arguments) {
        return JsonIo.object()
                .add("id", id)
                .add("type", "function_call")
                .add("status", status)
                .add("arguments", arguments)
                .add("call_id", callId)
                .add("name", name)
                .build();
    }

    /** The SDKs' {@code output_text} convenience: the text of every output_text part, in order. */
    private static String outputText(JsonArray output) {
        StringBuilder text = new StringBuilder();
        for (JsonObject item : objects(output)) {
            if ("message".equals(item.getString("type", ""))) {
                for (JsonObject part : objects(item.get("content"))) {
                    if ("output_text".equals(part.getString("type", ""))) {
                        text.append(part.getString("text", ""));
                    }
                }
            }
        }
        return text.toString();
    }

    private static JsonValue echo(JsonObject request, String field, JsonValue fallback) {
        JsonValue value = request.get(field);
        return value == null || value == JsonValue.NULL ? fallback : value;
    }

    private static JsonValue orNull(JsonObject value) {
        return value == null ? JsonValue.NULL : value;
    }

    private static long count(JsonObject object, String key) {
        return object.get(key) instanceof JsonNumber number ? number.longValue() : 0;
    }
}
