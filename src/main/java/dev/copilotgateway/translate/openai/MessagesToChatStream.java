package dev.copilotgateway.translate.openai;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.translate.EventStreamTranslator;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An Anthropic Messages event stream as a Chat Completions chunk stream (TRANSLATION §9.2): a role chunk, content,
 * {@code reasoning_text} / {@code reasoning_opaque} and tool-call chunks in the upstream's order, one finish chunk,
 * a usage chunk and {@code [DONE]}. An upstream {@code error} event, an unreadable event or a stream that ends
 * before {@code message_stop} ends the stream with {@code data: {"error":{"message","type"}}} instead (§16).
 * Tool calls are numbered 0, 1, … in order of appearance.
 */
public final class MessagesToChatStream extends EventStreamTranslator {

    static final String ENDED_EARLY = "Messages stream ended without completion, retry your request.";

    private final String clientModel;
    private final Supplier<String> completionIds;
    private final long created;

    private String id;
    private boolean started;
    private boolean finishSent;
    /** Tool calls by content block index. */
    private final Map<Integer, ToolCall> toolCalls = new HashMap<>();
    private final MessagesChatResults.Usage usage = new MessagesChatResults.Usage();

    /**
     * @param clientModel   the model name the chunks carry (the one the client asked for)
     * @param completionIds completion ids, used when the upstream's {@code message_start} names no message id
     * @param created       the chunks' {@code created} time (epoch seconds); Anthropic events carry none
     */
    public MessagesToChatStream(String clientModel, Supplier<String> completionIds, long created) {
        this.clientModel = clientModel;
        this.completionIds = completionIds;
        this.created = created;
    }

    @Override
    protected void onUnreadable(Consumer<SseEvent> out) {
        fail("server_error", UNREADABLE, out);
    }

    @Override
    protected void onData(SseEvent upstream, JsonObject data, Consumer<SseEvent> out) {
        switch (eventType(upstream, data)) {
            case "message_start" -> {
                JsonObject message = object(data, "message");
                usage.update(object(message, "usage"));
                start(message.getString("id", ""), out);
            }
            case "content_block_start" -> blockStart(data.getInt("index", 0), object(data, "content_block"), out);
            case "content_block_delta" -> blockDelta(data.getInt("index", 0), object(data, "delta"), out);
            case "content_block_stop" -> blockStop(data.getInt("index", 0), out);
            case "message_delta" -> {
                usage.update(object(data, "usage"));
                finish(object(data, "delta").getString("stop_reason", null), out);
            }
            case "message_stop" -> {
                finish(null, out);
                out.accept(SseEvent.data("[DONE]"));
                markFinished();
            }
            case "error" -> {
                JsonObject error = object(data, "error");
                fail(error.getString("type", "server_error"), error.getString("message", "An unexpected error occurred during streaming."), out);
            }
            default -> { }
        }
    }

    @Override
    protected void onEnd(Consumer<SseEvent> out) {
        fail("server_error", ENDED_EARLY, out);
    }

    @Override
    protected void onFailure(String type, String message, Consumer<SseEvent> out) {
        fail(type, message, out);
    }

    private void start(String messageId, Consumer<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        id = messageId.isEmpty() ? completionIds.get() : messageId;
        chunk(JsonIo.object().add("role", "assistant"), JsonValue.NULL, out);
    }

    private void blockStart(int index, JsonObject block, Consumer<SseEvent> out) {
        start("", out);
        switch (block.getString("type", "")) {
            case "text" -> delta("content", block.getString("text", ""), out);
            case "thinking" -> delta("reasoning_text", block.getString("thinking", ""), out);
            case "redacted_thinking" -> delta("reasoning_opaque", block.getString("data", ""), out);
            case "tool_use" -> {
                ToolCall call = new ToolCall(toolCalls.size(), block.get("input") instanceof JsonObject input ? input : JsonValue.EMPTY_JSON_OBJECT);
                toolCalls.put(index, call);
                chunk(toolCallDelta(call, JsonIo.object()
                        .add("id", block.getString("id", "tool_call_" + index))
                        .add("type", "function")
                        .add("function", JsonIo.object().add("name", block.getString("name", "function")).add("arguments", ""))), JsonValue.NULL, out);
            }
            default -> { }
        }
    }

    private void blockDelta(int index, JsonObject delta, Consumer<SseEvent> out) {
        start("", out);
        switch (delta.getString("type", "")) {
            case "text_delta" -> delta("content", delta.getString("text", ""), out);
            case "thinking_delta" -> delta("reasoning_text", delta.getString("thinking", ""), out);
            case "signature_delta" -> delta("reasoning_opaque", delta.getString("signature", ""), out);
            case "input_json_delta" -> {
                ToolCall call = toolCalls.get(index);
                if (call != null) {
                    arguments(call, delta.getString("partial_json", ""), out);
                }
            }
            default -> { }
        }
    }

    /**
     * A tool call whose input never streamed gets it whole here ({@code {}} at least): Chat clients parse the
     * arguments, and an empty string is not JSON.
     */
    private void blockStop(int index, Consumer<SseEvent> out) {
        ToolCall call = toolCalls.get(index);
        if (call != null && !call.hasArguments) {
            arguments(call, call.startInput.toString(), out);
        }
    }

    private void arguments(ToolCall call, String fragment, Consumer<SseEvent> out) {
        if (!fragment.isEmpty()) {
            call.hasArguments = true;
            chunk(toolCallDelta(call, JsonIo.object().add("function", JsonIo.object().add("arguments", fragment))), JsonValue.NULL, out);
        }
    }

    private void delta(String field, String value, Consumer<SseEvent> out) {
        if (!value.isEmpty()) {
            chunk(JsonIo.object().add(field, value), JsonValue.NULL, out);
        }
    }

    private static JsonObjectBuilder toolCallDelta(ToolCall call, JsonObjectBuilder fields) {
        return JsonIo.object().add("tool_calls", JsonIo.array().add(JsonIo.object().add("index", call.index).addAll(fields)));
    }

    /**
     * The finish chunk and the usage chunk, once: at {@code message_delta}, or at {@code message_stop} when no
     * {@code message_delta} came (then {@code tool_calls} if the model called a tool, else {@code stop}).
     */
    private void finish(String stopReason, Consumer<SseEvent> out) {
        if (finishSent) {
            return;
        }
        finishSent = true;
        start("", out);
        String reason = stopReason == null && !toolCalls.isEmpty() ? "tool_calls" : MessagesChatResults.finishReason(stopReason);
        chunk(JsonIo.object(), JsonIo.PROVIDER.createValue(reason), out);
        out.accept(SseEvent.data(envelope().add("choices", JsonValue.EMPTY_JSON_ARRAY).add("usage", usage.toChat()).build().toString()));
    }

    private void fail(String type, String message, Consumer<SseEvent> out) {
        out.accept(SseEvent.data(JsonIo.object()
                .add("error", JsonIo.object().add("message", message).add("type", type))
                .build()
                .toString()));
        markFinished();
    }

    private void chunk(JsonObjectBuilder delta, JsonValue finishReason, Consumer<SseEvent> out) {
        out.accept(SseEvent.data(envelope()
                .add("choices", JsonIo.array().add(JsonIo.object()
                        .add("index", 0)
                        .add("delta", delta)
                        .add("finish_reason", finishReason)
                        .add("logprobs", JsonValue.NULL)))
                .build()
                .toString()));
    }

    private JsonObjectBuilder envelope() {
        return JsonIo.object().add("id", id).add("object", "chat.completion.chunk").add("created", created).add("model", clientModel);
    }

    private static JsonObject object(JsonObject data, String key) {
        return data.get(key) instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** A tool call's Chat index, the input its start event carried, and whether any of its arguments were sent. */
    private static final class ToolCall {
        final int index;
        final JsonObject startInput;
        boolean hasArguments;

        ToolCall(int index, JsonObject startInput) {
            this.index = index;
            this.startInput = startInput;
        }
    }
}
