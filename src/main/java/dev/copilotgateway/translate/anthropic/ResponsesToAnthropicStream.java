package dev.copilotgateway.translate.anthropic;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.translate.EventStreamTranslator;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@code /responses} event stream as an Anthropic Messages event stream (TRANSLATION §7.3).
 *
 * <p>Anthropic clients expect one content block at a time with indexes counting up from 0, so at most one block is
 * open: a block starts when the first content of its output item arrives (closing the previous one) and stops at
 * its item's {@code output_item.done} or when another block starts. Blocks are keyed by where their content comes
 * from upstream: text by (output index, content index), thinking by output index (all summary parts of a reasoning
 * item share one block), a tool call by output index. {@code *.done} events only fill in what no delta carried.
 */
public final class ResponsesToAnthropicStream extends EventStreamTranslator {

    /**
     * Copilot sometimes streams function-call arguments as endless line breaks until the output limit; more
     * consecutive {@code \n}, {@code \r} or {@code \t} than this (spaces neither count nor interrupt) aborts the stream.
     */
    static final int MAX_WHITESPACE_RUN = 20;

    static final String ENDED_EARLY = "Responses stream ended without completion, retry your request.";

    private final String fallbackModel;
    private final Supplier<String> messageIds;

    private boolean started;
    private boolean sawFunctionCall;
    private int nextIndex;
    private Block open;
    /** The latest block of each upstream source ({@code t:<output>:<content>}, {@code r:<output>}, {@code f:<output>}). */
    private final Map<String, Block> blocks = new HashMap<>();
    /** Function calls by output index: their id and name (a block reopened after an interleaving keeps them). */
    private final Map<Integer, Call> calls = new HashMap<>();
    /** Reasoning summary parts ({@code <output>:<summary>}) whose text has been sent. */
    private final Set<String> summaryPartsSent = new HashSet<>();
    private final boolean includeThinking;

    /**
     * @param fallbackModel the model to name in {@code message_start} if the upstream's {@code response.created}
     *                      does not (it normally does)
     * @param messageIds    message ids for that same case
     */
    public ResponsesToAnthropicStream(String fallbackModel, Supplier<String> messageIds) {
        this(fallbackModel, messageIds, true);
    }

    /** {@code includeThinking}: whether reasoning becomes thinking blocks (only when the request asked for thinking). */
    public ResponsesToAnthropicStream(String fallbackModel, Supplier<String> messageIds, boolean includeThinking) {
        this.fallbackModel = fallbackModel;
        this.messageIds = messageIds;
        this.includeThinking = includeThinking;
    }

    /** Before message_start a ping would be the client's first event; the relay keeps that wait alive itself. */
    @Override
    protected void onPing(Consumer<SseEvent> out) {
        if (started) {
            emit(out, "ping", JsonIo.object());
        }
    }

    @Override
    protected void onUnreadable(Consumer<SseEvent> out) {
        fail("api_error", UNREADABLE, out);
    }

    @Override
    protected void onData(SseEvent upstream, JsonObject data, Consumer<SseEvent> out) {
        String type = eventType(upstream, data);
        switch (type) {
            case "response.created" -> start(response(data), out);
            case "response.output_item.added" -> itemAdded(data, out);
            case "response.output_item.done" -> itemDone(data, out);
            case "response.output_text.delta", "response.refusal.delta" -> textDelta(data, data.getString("delta", ""), out);
            case "response.output_text.done" -> textDone(data, data.getString("text", ""), out);
            case "response.refusal.done" -> textDone(data, data.getString("refusal", ""), out);
            case "response.reasoning_summary_text.delta" -> summaryText(data, data.getString("delta", ""), out);
            case "response.reasoning_summary_text.done" -> {
                if (!summaryPartsSent.contains(summaryPart(data))) {
                    summaryText(data, data.getString("text", ""), out);
                }
            }
            case "response.function_call_arguments.delta" -> argumentsDelta(data, out);
            case "response.function_call_arguments.done" -> {
                Block call = callBlock(outputIndex(data), out);
                if (!call.hasContent) {
                    arguments(call, data.getString("arguments", ""), out);
                }
            }
            case "response.completed" -> complete("completed", response(data), out);
            case "response.incomplete" -> complete("incomplete", response(data), out);
            case "response.failed" -> fail("api_error", response(data).get("error") instanceof JsonObject error
                    ? error.getString("message", "The response failed due to an unknown error.")
                    : "The response failed due to an unknown error.", out);
            case "error" -> fail("api_error", data.getString("message", "An unexpected error occurred during streaming."), out);
            default -> { }
        }
    }

    @Override
    protected void onEnd(Consumer<SseEvent> out) {
        fail("api_error", ENDED_EARLY, out);
    }

    @Override
    protected void onFailure(String type, String message, Consumer<SseEvent> out) {
        fail(type, message, out);
    }

    private void start(JsonObject response, Consumer<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        String id = response.getString("id", "");
        String model = response.getString("model", "");
        emit(out, "message_start", JsonIo.object().add("message", JsonIo.object()
                .add("id", id.isEmpty() ? messageIds.get() : id)
                .add("type", "message")
                .add("role", "assistant")
                .add("content", JsonValue.EMPTY_JSON_ARRAY)
                .add("model", model.isEmpty() ? fallbackModel : model)
                .add("stop_reason", JsonValue.NULL)
                .add("stop_sequence", JsonValue.NULL)
                .add("usage", ResponsesResults.usage(response, false))));
    }

    private void itemAdded(JsonObject data, Consumer<SseEvent> out) {
        JsonObject item = item(data);
        if (!"function_call".equals(item.getString("type", ""))) {
            return;
        }
        int output = outputIndex(data);
        calls.put(output, new Call(item.getString("call_id", "tool_call_" + output), item.getString("name", "function")));
        Block call = callBlock(output, out);
        arguments(call, item.getString("arguments", ""), out);
    }

    private void itemDone(JsonObject data, Consumer<SseEvent> out) {
        JsonObject item = item(data);
        int output = outputIndex(data);
        switch (item.getString("type", "")) {
            case "reasoning" -> {
                if (!includeThinking) {
                    break;
                }
                Block thinking = thinkingBlock(output, out);
                if (!thinking.hasContent) {
                    String summary = String.join(ResponsesResults.SUMMARY_PART_SEPARATOR, ResponsesResults.summaryTexts(item));
                    delta(thinking, "thinking_delta", "thinking", summary.isEmpty() ? ResponsesResults.THINKING_PLACEHOLDER : summary, out);
                }
                delta(thinking, "signature_delta", "signature", ResponsesResults.signature(item), out);
            }
            case "function_call" -> {
                calls.putIfAbsent(output, new Call(item.getString("call_id", "tool_call_" + output), item.getString("name", "function")));
                Block call = callBlock(output, out);
                if (!call.hasContent) {
                    arguments(call, item.getString("arguments", ""), out);
                }
            }
            case "message" -> {
                if (item.get("content") instanceof JsonArray parts) {
                    for (int content = 0; content < parts.size(); content++) {
                        Block text = blocks.get(textKey(output, content));
                        if ((text == null || !text.hasContent) && parts.get(content) instanceof JsonObject part) {
                            String value = part.getString("text", part.getString("refusal", ""));
                            if (!value.isEmpty()) {
                                delta(textBlock(output, content, out), "text_delta", "text", value, out);
                            }
                        }
                    }
                }
            }
            default -> { }
        }
        if (open != null && open.output == output) {
            close(out);
        }
    }

    private void textDelta(JsonObject data, String text, Consumer<SseEvent> out) {
        if (!text.isEmpty()) {
            delta(textBlock(outputIndex(data), data.getInt("content_index", 0), out), "text_delta", "text", text, out);
        }
    }

    private void textDone(JsonObject data, String text, Consumer<SseEvent> out) {
        int output = outputIndex(data);
        int content = data.getInt("content_index", 0);
        Block block = blocks.get(textKey(output, content));
        if (!text.isEmpty() && (block == null || !block.hasContent)) {
            delta(textBlock(output, content, out), "text_delta", "text", text, out);
        }
    }

    /** Summary text of one part; a new part after earlier text starts a new paragraph. */
    private void summaryText(JsonObject data, String text, Consumer<SseEvent> out) {
        if (text.isEmpty() || !includeThinking) {
            return;
        }
        Block thinking = thinkingBlock(outputIndex(data), out);
        boolean newPart = summaryPartsSent.add(summaryPart(data));
        String separator = newPart && thinking.hasContent ? ResponsesResults.SUMMARY_PART_SEPARATOR : "";
        delta(thinking, "thinking_delta", "thinking", separator + text, out);
    }

    private void argumentsDelta(JsonObject data, Consumer<SseEvent> out) {
        String fragment = data.getString("delta", "");
        if (fragment.isEmpty()) {
            return;
        }
        int output = outputIndex(data);
        Block call = callBlock(output, out);
        Call state = calls.get(output);
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                if (++state.whitespaceRun > MAX_WHITESPACE_RUN) {
                    fail("api_error", "Received function call arguments delta containing more than " + MAX_WHITESPACE_RUN
                            + " consecutive whitespace characters.", out);
                    return;
                }
            } else if (c != ' ') {
                state.whitespaceRun = 0;
            }
        }
        arguments(call, fragment, out);
    }

    private void arguments(Block call, String json, Consumer<SseEvent> out) {
        if (!json.isEmpty()) {
            delta(call, "input_json_delta", "partial_json", json, out);
        }
    }

    private void complete(String status, JsonObject response, Consumer<SseEvent> out) {
        start(response, out);
        close(out);
        emit(out, "message_delta", JsonIo.object()
                .add("delta", JsonIo.object()
                        .add("stop_reason", ResponsesResults.stopReason(response.getString("status", status), response, sawFunctionCall))
                        .add("stop_sequence", JsonValue.NULL))
                .add("usage", ResponsesResults.usage(response, true)));
        emit(out, "message_stop", JsonIo.object());
        markFinished();
    }

    private void fail(String type, String message, Consumer<SseEvent> out) {
        close(out);
        emit(out, "error", JsonIo.object().add("error", JsonIo.object().add("type", type).add("message", message)));
        markFinished();
    }

    private Block textBlock(int output, int content, Consumer<SseEvent> out) {
        return block(textKey(output, content), output, out, () -> JsonIo.object().add("type", "text").add("text", ""));
    }

    private Block thinkingBlock(int output, Consumer<SseEvent> out) {
        return block("r:" + output, output, out, () -> JsonIo.object().add("type", "thinking").add("thinking", ""));
    }

    /** The tool_use block of the call at {@code output}; a call never announced gets a placeholder id and name. */
    private Block callBlock(int output, Consumer<SseEvent> out) {
        sawFunctionCall = true;
        Call call = calls.computeIfAbsent(output, unseen -> new Call("tool_call_" + output, "function"));
        return block("f:" + output, output, out, () -> JsonIo.object()
                .add("type", "tool_use").add("id", call.id).add("name", call.name).add("input", JsonValue.EMPTY_JSON_OBJECT));
    }

    /** The open block for {@code key}; otherwise closes the open one and starts a new block at the next index. */
    private Block block(String key, int output, Consumer<SseEvent> out, Supplier<JsonObjectBuilder> contentBlock) {
        start(JsonValue.EMPTY_JSON_OBJECT, out);
        Block current = blocks.get(key);
        if (current != null && current == open) {
            return current;
        }
        close(out);
        Block block = new Block(nextIndex++, output, key.startsWith("r:"));
        blocks.put(key, block);
        open = block;
        emit(out, "content_block_start", JsonIo.object().add("index", block.index).add("content_block", contentBlock.get()));
        return block;
    }

    private void delta(Block block, String deltaType, String field, String value, Consumer<SseEvent> out) {
        if (deltaType.equals("signature_delta")) {
            block.signed = true;
        } else {
            block.hasContent = true;
        }
        emit(out, "content_block_delta", JsonIo.object()
                .add("index", block.index)
                .add("delta", JsonIo.object().add("type", deltaType).add(field, value)));
    }

    /** Stops the open block; a thinking block cut short still gets the (empty) signature clients expect before its stop. */
    private void close(Consumer<SseEvent> out) {
        if (open != null) {
            if (open.thinking && !open.signed) {
                delta(open, "signature_delta", "signature", "", out);
            }
            emit(out, "content_block_stop", JsonIo.object().add("index", open.index));
            open = null;
        }
    }

    private static void emit(Consumer<SseEvent> out, String type, JsonObjectBuilder payload) {
        out.accept(SseEvent.named(type, JsonIo.object().add("type", type).addAll(payload).build().toString()));
    }

    private static JsonObject response(JsonObject data) {
        return data.get("response") instanceof JsonObject response ? response : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static JsonObject item(JsonObject data) {
        return data.get("item") instanceof JsonObject item ? item : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static int outputIndex(JsonObject data) {
        return data.getInt("output_index", 0);
    }

    private static String textKey(int output, int content) {
        return "t:" + output + ":" + content;
    }

    private static String summaryPart(JsonObject data) {
        return outputIndex(data) + ":" + data.getInt("summary_index", 0);
    }

    /**
     * One Anthropic content block: its index, the output item it comes from, whether it has content yet and, for a
     * thinking block, whether its signature was sent.
     */
    private static final class Block {
        final int index;
        final int output;
        final boolean thinking;
        boolean hasContent;
        boolean signed;

        Block(int index, int output, boolean thinking) {
            this.index = index;
            this.output = output;
            this.thinking = thinking;
        }
    }

    /** A function call's id, name and the run of line-break whitespace at the end of its arguments so far. */
    private static final class Call {
        final String id;
        final String name;
        int whitespaceRun;

        Call(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }
}
