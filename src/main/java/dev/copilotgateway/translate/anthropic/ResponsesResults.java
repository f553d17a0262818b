package dev.copilotgateway.translate.anthropic;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * What the whole-response and the streamed translation from Responses to Anthropic share (TRANSLATION §7.2):
 * stop reason, usage, the thinking text and signature of a reasoning item, and a tool call's input.
 */
final class ResponsesResults {

    /**
     * The thinking text of a reasoning item without a summary. Clients such as opencode drop thinking blocks with
     * empty text, and with them the signature that carries the reasoning state.
     */
    static final String THINKING_PLACEHOLDER = "Thinking...";

    /** Between the parts of a reasoning summary (each is a paragraph, usually opening with a bold title). */
    static final String SUMMARY_PART_SEPARATOR = "\n\n";

    private ResponsesResults() {
    }

    /**
     * {@code end_turn}, {@code tool_use}, {@code max_tokens} or null: {@code completed} is {@code tool_use} when a
     * function call was produced; {@code incomplete} is {@code max_tokens} when the output limit cut it, else
     * {@code end_turn} (content filter).
     */
    static JsonValue stopReason(String status, JsonObject response, boolean sawFunctionCall) {
        if ("completed".equals(status)) {
            return JsonIo.PROVIDER.createValue(sawFunctionCall || hasFunctionCall(response) ? "tool_use" : "end_turn");
        }
        if ("incomplete".equals(status)) {
            String reason = response.get("incomplete_details") instanceof JsonObject details ? details.getString("reason", "") : "";
            if (reason.equals("max_output_tokens")) {
                return JsonIo.PROVIDER.createValue("max_tokens");
            }
            if (reason.equals("content_filter")) {
                return JsonIo.PROVIDER.createValue("end_turn");
            }
        }
        return JsonValue.NULL;
    }

    private static boolean hasFunctionCall(JsonObject response) {
        return response.get("output") instanceof JsonArray output && output.stream()
                .anyMatch(item -> item instanceof JsonObject object && "function_call".equals(object.getString("type", null)));
    }

    /**
     * Anthropic usage from a response's: {@code input_tokens} without the cached ones (Anthropic counts cache reads
     * apart, §13.3), {@code cache_read_input_tokens} when the upstream reported cached tokens.
     */
    static JsonObjectBuilder usage(JsonObject response, boolean withOutput) {
        JsonObject usage = response != null && response.get("usage") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        long input = count(usage.get("input_tokens"));
        JsonValue details = usage.get("input_tokens_details");
        JsonValue cached = details instanceof JsonObject object ? object.get("cached_tokens") : null;
        JsonObjectBuilder anthropic = JsonIo.object()
                .add("input_tokens", Math.max(0, input - count(cached)))
                .add("output_tokens", withOutput ? count(usage.get("output_tokens")) : 0);
        if (cached instanceof JsonNumber) {
            anthropic.add("cache_read_input_tokens", count(cached));
        }
        return anthropic;
    }

    private static long count(JsonValue value) {
        return value instanceof JsonNumber number ? number.longValue() : 0;
    }

    /**
     * The signature that carries a reasoning item through the client and back (§7.1): its encrypted content and
     * id joined by {@code @}; empty when the upstream sent no encrypted content (nothing could be replayed).
     */
    static String signature(JsonObject reasoningItem) {
        String encrypted = reasoningItem.getString("encrypted_content", "");
        return encrypted.isEmpty() ? "" : encrypted + "@" + reasoningItem.getString("id", "");
    }

    /** The texts of a reasoning item's summary parts, empty ones left out. */
    static List<String> summaryTexts(JsonObject reasoningItem) {
        List<String> texts = new ArrayList<>();
        if (reasoningItem.get("summary") instanceof JsonArray summary) {
            for (JsonValue part : summary) {
                if (part instanceof JsonObject object && !object.getString("text", "").isEmpty()) {
                    texts.add(object.getString("text"));
                }
            }
        }
        return texts;
    }

    /**
     * A function call's arguments as an Anthropic {@code input} object: empty → {@code {}}, an array or another
     * non-object JSON value is wrapped ({@code arguments} / {@code value}), unparseable text is kept as
     * {@code raw_arguments} so the client still sees what the model wrote.
     */
    static JsonObject toolInput(String arguments) {
        if (arguments.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonValue parsed;
        try {
            parsed = JsonIo.read(arguments);
        } catch (JsonException unparseable) {
            return JsonIo.object().add("raw_arguments", arguments).build();
        }
        if (parsed instanceof JsonObject object) {
            return object;
        }
        return JsonIo.object().add(parsed instanceof JsonArray ? "arguments" : "value", parsed).build();
    }
}
