package dev.copilotgateway.translate.anthropic;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A whole (non-streamed) {@code /responses} result as an Anthropic message (TRANSLATION §7.2). Reasoning items
 * become thinking blocks whose signature is {@code <encrypted_content>@<item id>}, which
 * {@link AnthropicToResponsesRequest} turns back into the reasoning item when the client replays the turn.
 */
public final class ResponsesToAnthropicResponse {

    private final boolean includeThinking;

    /** Reasoning becomes thinking blocks. */
    public ResponsesToAnthropicResponse() {
        this(true);
    }

    /**
     * @param includeThinking whether reasoning becomes thinking blocks: only when the request asked for thinking, as
     *                        Anthropic answers (a model reached through /responses reasons whether asked or not)
     */
    public ResponsesToAnthropicResponse(boolean includeThinking) {
        this.includeThinking = includeThinking;
    }

    /**
     * The Anthropic message for {@code response}. A {@code failed} response is the caller's to report as an error
     * (§16); translated, it would be an empty message with a null stop reason.
     */
    public JsonObject translate(JsonObject response) {
        JsonArrayBuilder content = JsonIo.array();
        boolean produced = false;
        boolean sawFunctionCall = false;
        if (response.get("output") instanceof JsonArray output) {
            for (JsonValue value : output) {
                if (!(value instanceof JsonObject item)) {
                    continue;
                }
                switch (item.getString("type", "")) {
                    case "reasoning" -> {
                        if (includeThinking) {
                            content.add(thinking(item));
                            produced = true;
                        }
                    }
                    case "function_call" -> {
                        content.add(JsonIo.object()
                                .add("type", "tool_use")
                                .add("id", item.getString("call_id", ""))
                                .add("name", item.getString("name", ""))
                                .add("input", ResponsesResults.toolInput(item.getString("arguments", ""))));
                        produced = true;
                        sawFunctionCall = true;
                    }
                    case "message" -> {
                        String text = messageText(item);
                        if (!text.isEmpty()) {
                            content.add(text(text));
                            produced = true;
                        }
                    }
                    default -> { }
                }
            }
        }
        if (!produced && !response.getString("output_text", "").isEmpty()) {
            content.add(text(response.getString("output_text")));
        }
        return JsonIo.object()
                .add("id", response.getString("id", ""))
                .add("type", "message")
                .add("role", "assistant")
                .add("model", response.getString("model", ""))
                .add("content", content)
                .add("stop_reason", ResponsesResults.stopReason(response.getString("status", ""), response, sawFunctionCall))
                .add("stop_sequence", JsonValue.NULL)
                .add("usage", ResponsesResults.usage(response, true))
                .build();
    }

    private static JsonObject thinking(JsonObject reasoningItem) {
        String summary = String.join(ResponsesResults.SUMMARY_PART_SEPARATOR, ResponsesResults.summaryTexts(reasoningItem)).strip();
        return JsonIo.object()
                .add("type", "thinking")
                .add("thinking", summary.isEmpty() ? ResponsesResults.THINKING_PLACEHOLDER : summary)
                .add("signature", ResponsesResults.signature(reasoningItem))
                .build();
    }

    /** The message's {@code output_text} texts and {@code refusal}s, concatenated. */
    private static String messageText(JsonObject message) {
        StringBuilder text = new StringBuilder();
        if (message.get("content") instanceof JsonArray parts) {
            for (JsonValue value : parts) {
                if (value instanceof JsonObject part) {
                    switch (part.getString("type", "")) {
                        case "output_text" -> text.append(part.getString("text", ""));
                        case "refusal" -> text.append(part.getString("refusal", ""));
                        default -> { }
                    }
                }
            }
        }
        return text.toString();
    }

    private static JsonObject text(String text) {
        return JsonIo.object().add("type", "text").add("text", text).build();
    }
}
