package dev.copilotgateway.translate.openai;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;

/**
 * A whole (non-streamed) Anthropic Messages result as a Chat Completions response (TRANSLATION §9.2): text blocks
 * joined into {@code content}, {@code tool_use} blocks as {@code tool_calls}, thinking as Copilot's
 * {@code reasoning_text} / {@code reasoning_opaque} (what {@link ChatToMessagesRequest} replays on the next turn).
 */
public final class MessagesToChatResponse {

    private final Clock clock;

    /** {@code clock} dates the completion ({@code created}); an Anthropic message carries no time of its own. */
    public MessagesToChatResponse(Clock clock) {
        this.clock = clock;
    }

    /** The {@code chat.completion} for {@code message}, named {@code clientModel} (the model the client asked for). */
    public JsonObject translate(JsonObject message, String clientModel) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String opaque = null;
        JsonArrayBuilder toolCalls = JsonIo.array();
        boolean anyToolCall = false;
        if (message.get("content") instanceof JsonArray content) {
            for (JsonValue value : content) {
                if (!(value instanceof JsonObject block)) {
                    continue;
                }
                switch (block.getString("type", "")) {
                    case "text" -> text.append(block.getString("text", ""));
                    case "thinking" -> {
                        reasoning.append(block.getString("thinking", ""));
                        if (block.get("signature") instanceof JsonString signature && !signature.getString().isEmpty()) {
                            opaque = signature.getString();
                        }
                    }
                    case "redacted_thinking" -> {
                        if (opaque == null) {
                            opaque = block.getString("data", null);
                        }
                    }
                    case "tool_use" -> {
                        anyToolCall = true;
                        JsonValue input = block.get("input");
                        toolCalls.add(JsonIo.object()
                                .add("id", block.getString("id", ""))
                                .add("type", "function")
                                .add("function", JsonIo.object()
                                        .add("name", block.getString("name", ""))
                                        .add("arguments", (input instanceof JsonObject ? input : JsonValue.EMPTY_JSON_OBJECT).toString())));
                    }
                    default -> { }
                }
            }
        }
        JsonObjectBuilder reply = JsonIo.object()
                .add("role", "assistant")
                .add("content", text.length() == 0 ? JsonValue.NULL : JsonIo.PROVIDER.createValue(text.toString()));
        if (reasoning.length() > 0) {
            reply.add("reasoning_text", reasoning.toString());
        }
        if (opaque != null) {
            reply.add("reasoning_opaque", opaque);
        }
        if (anyToolCall) {
            reply.add("tool_calls", toolCalls);
        }
        JsonObjectBuilder chat = JsonIo.object()
                .add("id", message.getString("id", ""))
                .add("object", "chat.completion")
                .add("created", clock.instant().getEpochSecond())
                .add("model", clientModel)
                .add("choices", JsonIo.array().add(JsonIo.object()
                        .add("index", 0)
                        .add("message", reply)
                        .add("logprobs", JsonValue.NULL)
                        .add("finish_reason", MessagesChatResults.finishReason(message.getString("stop_reason", null)))));
        if (message.get("usage") instanceof JsonObject usage) {
            MessagesChatResults.Usage counts = new MessagesChatResults.Usage();
            counts.update(usage);
            chat.add("usage", counts.toChat());
        }
        if (message.get("copilot_usage") instanceof JsonObject copilotUsage) {
            chat.add("copilot_usage", copilotUsage);
        }
        return chat.build();
    }
}
