package dev.copilotgateway.translate.anthropic;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.translate.EventStreamTranslator;
import dev.copilotgateway.translate.JsonFields;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Chat Completions stream from {@code /chat/completions} as an Anthropic Messages stream (TRANSLATION.md §5,
 * caozhiyuan's algorithm of §5.2). Anthropic clients need one block open at a time, with strictly increasing
 * indexes, a {@code signature_delta} before a thinking block stops, and one {@code message_delta} +
 * {@code message_stop} at the end; Chat sends thinking, text and several tool calls as loose fields of deltas.
 *
 * <p>What may wait, and why: text that arrives while a tool call is open or not yet identified goes out as its own
 * block after the tools (§5.2 step 3); argument fragments of a tool call wait until its id and name are known;
 * the final {@code message_delta} waits for the usage, which some upstreams send in a later chunk (§5.5). A tool
 * call identified while another tool block is open opens when its first argument fragment arrives (or at the end),
 * so upstreams that announce all calls before streaming their arguments still give a valid stream. Keep-alive
 * {@code ping}s are the relay's job (they depend on time, this class is pure).
 */
public final class ChatToAnthropicStream extends EventStreamTranslator {

    static final String INTERRUPTED = "An unexpected error occurred during streaming, retry your request.";

    private static final Set<String> ANTHROPIC_ERROR_TYPES = Set.of("invalid_request_error", "authentication_error",
            "permission_error", "not_found_error", "request_too_large", "rate_limit_error", "api_error", "overloaded_error",
            "timeout_error");

    private enum Block { NONE, THINKING, TEXT, TOOL }

    /** One upstream tool call: identity as it arrives, and its block index once opened. */
    private static final class ToolCall {
        private String id;
        private String name;
        private int blockIndex = -1;
        private final StringBuilder pendingArguments = new StringBuilder();

        boolean opened() {
            return blockIndex >= 0;
        }
    }

    private final String model;
    private final List<String> stopSequences;
    private final Supplier<String> messageIds;

    private String messageId;
    private boolean messageStarted;
    private int blockIndex;
    private Block open = Block.NONE;
    private ToolCall openTool;
    private final Map<Long, ToolCall> toolCalls = new LinkedHashMap<>();
    private final StringBuilder deferredText = new StringBuilder();
    private boolean anyToolUse;
    /** Set once a finish_reason arrived: the content is complete, only the final usage may still come. */
    private String stopReason;
    private String stopSequence;
    private boolean finishSeen;
    private JsonObject usage;

    /**
     * @param model the model name the client asked for, reported in {@code message_start}
     * @param stopSequences the request's {@code stop_sequences} (see {@link ChatToAnthropicResponse#matchedStopSequence})
     * @param messageIds a fresh {@code msg_…} id, used only when the upstream chunk has none
     */
    public ChatToAnthropicStream(String model, List<String> stopSequences, Supplier<String> messageIds) {
        this.model = model;
        this.stopSequences = List.copyOf(stopSequences);
        this.messageIds = messageIds;
    }

    @Override
    protected void onUnreadable(Consumer<SseEvent> out) {
        fail("api_error", UNREADABLE, out);
    }

    @Override
    protected void onData(SseEvent upstream, JsonObject chunk, Consumer<SseEvent> out) {
        if (chunk.get("error") instanceof JsonObject error) {
            upstreamError(error, out);
            return;
        }
        if (chunk.get("usage") instanceof JsonObject chunkUsage) {
            usage = chunkUsage;
        }
        List<JsonObject> choices = JsonFields.objects(chunk.get("choices"));
        if (choices.isEmpty()) {
            // §5.2 step 0: a usage chunk after the finish completes the message; other metadata chunks are skipped.
            if (finishSeen && chunk.get("usage") instanceof JsonObject) {
                completeMessage(out);
            }
            return;
        }
        if (!messageStarted) {
            messageStart(chunk, out);
        }
        JsonObject choice = choices.get(0);
        JsonObject delta = choice.get("delta") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        long choiceIndex = choice.get("index") instanceof JsonNumber index ? index.longValue() : 0;
        String unusedOpaque = onDelta(delta, choiceIndex, out);
        if (finished()) {
            return;
        }
        String finishReason = JsonFields.string(choice.get("finish_reason"));
        if (finishReason != null && !finishReason.isEmpty()) {
            finish(choice, finishReason, unusedOpaque, out);
            if (!finished() && chunk.get("usage") instanceof JsonObject) {
                completeMessage(out);
            }
        }
    }

    /**
     * §5.2 steps 2–4. Returns the delta's {@code reasoning_opaque} if it was not used: the signature goes to the
     * thinking block that is open when it arrives (Claude's signature signs that thinking; §5.2 step 3), else it
     * becomes a synthetic thinking block before tool calls (step 4) or at the finish (step 5).
     */
    private String onDelta(JsonObject delta, long choiceIndex, Consumer<SseEvent> out) {
        String opaque = JsonFields.string(delta.get("reasoning_opaque"));
        if (opaque != null && opaque.isEmpty()) {
            opaque = null;
        }
        String content = JsonFields.string(delta.get("content"));
        String reasoning = ChatToAnthropicResponse.reasoningText(delta);
        List<JsonObject> calls = JsonFields.objects(delta.get("tool_calls"));

        if (reasoning != null && !reasoning.isEmpty()) {
            if (open == Block.TEXT || open == Block.TOOL) {
                // Reasoning after the answer started (abnormal upstream order): it is shown as text (§5.2 step 2).
                content = content == null ? reasoning : reasoning + content;
            } else {
                if (open != Block.THINKING) {
                    start(Block.THINKING, JsonIo.object().add("type", "thinking").add("thinking", ""), out);
                }
                delta(JsonIo.object().add("type", "thinking_delta").add("thinking", reasoning), out);
            }
        }
        boolean hasContent = content != null && !content.isEmpty();
        if (open == Block.THINKING && (hasContent || opaque != null || !calls.isEmpty())) {
            closeThinking(opaque == null ? "" : opaque, out);
            opaque = null;
        }
        if (hasContent) {
            if (open == Block.TOOL || !calls.isEmpty() || anyToolWaiting()) {
                deferredText.append(content);
            } else {
                if (open != Block.TEXT) {
                    start(Block.TEXT, JsonIo.object().add("type", "text").add("text", ""), out);
                }
                delta(JsonIo.object().add("type", "text_delta").add("text", content), out);
            }
        }
        if (!calls.isEmpty()) {
            if (open == Block.TEXT) {
                stop(out);
            }
            if (opaque != null) {
                syntheticThinking(opaque, out);
                opaque = null;
            }
            for (JsonObject call : calls) {
                onToolCall(choiceIndex, call, out);
                if (finished()) {
                    break;
                }
            }
        }
        return opaque;
    }

    private void onToolCall(long choiceIndex, JsonObject call, Consumer<SseEvent> out) {
        long index = call.get("index") instanceof JsonNumber number ? number.longValue() : 0;
        ToolCall tool = toolCalls.computeIfAbsent(choiceIndex << 32 | index & 0xffffffffL, key -> new ToolCall());
        JsonObject function = call.get("function") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        String id = JsonFields.string(call.get("id"));
        String name = JsonFields.string(function.get("name"));
        String arguments = JsonFields.string(function.get("arguments"));
        boolean hasArguments = arguments != null && !arguments.isEmpty();
        if (!tool.opened()) {
            if (id != null && !id.isEmpty()) {
                tool.id = id;
            }
            if (name != null && !name.isEmpty()) {
                tool.name = name;
            }
            if (tool.id != null && tool.name != null && (open != Block.TOOL || hasArguments)) {
                openTool(tool, out);
            }
        }
        if (!hasArguments) {
            return;
        }
        if (!tool.opened()) {
            tool.pendingArguments.append(arguments);
        } else if (tool == openTool) {
            delta(JsonIo.object().add("type", "input_json_delta").add("partial_json", arguments), out);
        } else {
            // Its block is closed: arguments of parallel calls arrived interleaved, which no Anthropic stream can say.
            fail("api_error", "The upstream interleaved the arguments of parallel tool calls; retry your request.", out);
        }
    }

    private void openTool(ToolCall tool, Consumer<SseEvent> out) {
        if (open != Block.NONE) {
            stop(out);
        }
        start(Block.TOOL, JsonIo.object()
                .add("type", "tool_use")
                .add("id", ChatToAnthropicResponse.toolUseId(tool.id))
                .add("name", tool.name)
                .add("input", JsonValue.EMPTY_JSON_OBJECT), out);
        tool.blockIndex = blockIndex;
        openTool = tool;
        anyToolUse = true;
        if (tool.pendingArguments.length() > 0) {
            delta(JsonIo.object().add("type", "input_json_delta").add("partial_json", tool.pendingArguments.toString()), out);
            tool.pendingArguments.setLength(0);
        }
    }

    /** A tool call whose block has not opened yet: text that comes now must wait until after the tools. */
    private boolean anyToolWaiting() {
        for (ToolCall tool : toolCalls.values()) {
            if (!tool.opened()) {
                return true;
            }
        }
        return false;
    }

    /** §5.2 step 5: close what is open, open the tool calls still waiting, flush deferred text, note the stop. */
    private void finish(JsonObject choice, String finishReason, String unusedOpaque, Consumer<SseEvent> out) {
        closeAll(unusedOpaque, out);
        if (finished()) {
            return;
        }
        String mapped = ChatToAnthropicResponse.stopReason(finishReason, anyToolUse);
        // Several choices may each finish; a tool turn stays a tool turn.
        if (!"tool_use".equals(stopReason)) {
            stopReason = mapped;
            stopSequence = "end_turn".equals(mapped)
                    ? ChatToAnthropicResponse.matchedStopSequence(choice, stopSequences).orElse(null) : null;
        }
        finishSeen = true;
    }

    private void closeAll(String unusedOpaque, Consumer<SseEvent> out) {
        if (open == Block.THINKING) {
            closeThinking("", out);
        }
        if (open != Block.NONE) {
            boolean wasTool = open == Block.TOOL;
            stop(out);
            if (!wasTool && unusedOpaque != null) {
                syntheticThinking(unusedOpaque, out);
            }
        }
        for (Map.Entry<Long, ToolCall> entry : toolCalls.entrySet()) {
            ToolCall tool = entry.getValue();
            if (tool.opened()) {
                continue;
            }
            if (tool.name == null) {
                if (tool.id != null || tool.pendingArguments.length() > 0) {
                    fail("api_error", "The upstream sent a tool call without a name; retry your request.", out);
                    return;
                }
                continue;
            }
            if (tool.id == null) {
                tool.id = ChatToAnthropicResponse.fallbackToolId(messageId, (int) (entry.getKey() >>> 32), entry.getKey().intValue());
            }
            openTool(tool, out);
            stop(out);
        }
        if (deferredText.length() > 0) {
            start(Block.TEXT, JsonIo.object().add("type", "text").add("text", ""), out);
            delta(JsonIo.object().add("type", "text_delta").add("text", deferredText.toString()), out);
            stop(out);
            deferredText.setLength(0);
        }
    }

    /** {@code [DONE]}: the normal end; without a finish_reason the content so far is taken as complete. */
    @Override
    protected void onDone(Consumer<SseEvent> out) {
        if (!finishSeen) {
            if (!messageStarted) {
                fail("api_error", "The upstream ended the stream without a response; retry your request.", out);
                return;
            }
            closeAll(null, out);
            if (finished()) {
                return;
            }
            stopReason = ChatToAnthropicResponse.stopReason("stop", anyToolUse);
            finishSeen = true;
        }
        completeMessage(out);
    }

    @Override
    protected void onEnd(Consumer<SseEvent> out) {
        if (finishSeen) {
            completeMessage(out);
        } else {
            fail("api_error", INTERRUPTED, out);
        }
    }

    /** After the finish only the trailing usage chunk can be lost: the message is complete and ends normally. */
    @Override
    protected void onFailure(String type, String message, Consumer<SseEvent> out) {
        if (finishSeen) {
            completeMessage(out);
        } else {
            fail(type, message, out);
        }
    }

    // ---- events --------------------------------------------------------------------------------------------------

    private void messageStart(JsonObject chunk, Consumer<SseEvent> out) {
        messageId = chunk.get("id") instanceof JsonString id && !id.getString().isEmpty() ? id.getString() : messageIds.get();
        JsonObject startUsage = chunk.get("usage") instanceof JsonObject chunkUsage
                ? ChatToAnthropicResponse.usage(chunkUsage, false)
                : JsonIo.object().add("input_tokens", 0).add("output_tokens", 0).build();
        emit("message_start", JsonIo.object()
                .add("type", "message_start")
                .add("message", JsonIo.object()
                        .add("id", messageId)
                        .add("type", "message")
                        .add("role", "assistant")
                        .add("content", JsonValue.EMPTY_JSON_ARRAY)
                        .add("model", model)
                        .addNull("stop_reason")
                        .addNull("stop_sequence")
                        .add("usage", startUsage)), out);
        messageStarted = true;
    }

    private void completeMessage(Consumer<SseEvent> out) {
        JsonObjectBuilder delta = JsonIo.object();
        if (stopSequence != null) {
            delta.add("stop_reason", "stop_sequence").add("stop_sequence", stopSequence);
        } else {
            if (stopReason == null) {
                delta.addNull("stop_reason");
            } else {
                delta.add("stop_reason", stopReason);
            }
            delta.addNull("stop_sequence");
        }
        emit("message_delta", JsonIo.object()
                .add("type", "message_delta")
                .add("delta", delta)
                .add("usage", ChatToAnthropicResponse.usage(usage, true)), out);
        emit("message_stop", JsonIo.object().add("type", "message_stop"), out);
        markFinished();
    }

    /** An error reported inside the stream ({@code data: {"error":{...}}}), in Anthropic's error event. */
    private void upstreamError(JsonObject error, Consumer<SseEvent> out) {
        String type = JsonFields.string(error.get("type"));
        String code = error.get("code") == null ? "" : String.valueOf(error.get("code"));
        String anthropicType;
        if (type != null && ANTHROPIC_ERROR_TYPES.contains(type)) {
            anthropicType = type;
        } else if (String.valueOf(type).contains("rate_limit") || code.contains("rate_limit")) {
            anthropicType = "rate_limit_error";
        } else if (String.valueOf(type).contains("overloaded") || code.contains("overloaded")) {
            anthropicType = "overloaded_error";
        } else {
            anthropicType = "api_error";
        }
        String message = JsonFields.string(error.get("message"));
        fail(anthropicType, message == null || message.isBlank() ? "The upstream reported an error during streaming." : message, out);
    }

    /** Ends the stream with an Anthropic {@code error} event after closing the open block (§5.6). */
    private void fail(String type, String message, Consumer<SseEvent> out) {
        if (open == Block.THINKING) {
            closeThinking("", out);
        } else if (open != Block.NONE) {
            stop(out);
        }
        emit("error", JsonIo.object()
                .add("type", "error")
                .add("error", JsonIo.object().add("type", type).add("message", message)), out);
        markFinished();
    }

    private void start(Block kind, JsonObjectBuilder contentBlock, Consumer<SseEvent> out) {
        emit("content_block_start", JsonIo.object()
                .add("type", "content_block_start")
                .add("index", blockIndex)
                .add("content_block", contentBlock), out);
        open = kind;
    }

    private void delta(JsonObjectBuilder delta, Consumer<SseEvent> out) {
        emit("content_block_delta", JsonIo.object()
                .add("type", "content_block_delta")
                .add("index", blockIndex)
                .add("delta", delta), out);
    }

    private void stop(Consumer<SseEvent> out) {
        emit("content_block_stop", JsonIo.object().add("type", "content_block_stop").add("index", blockIndex), out);
        blockIndex++;
        open = Block.NONE;
        openTool = null;
    }

    private void closeThinking(String signature, Consumer<SseEvent> out) {
        delta(JsonIo.object().add("type", "signature_delta").add("signature", signature), out);
        stop(out);
    }

    /** A complete thinking block holding only an opaque reasoning state, so the client replays it (§5.2 step 4). */
    private void syntheticThinking(String opaque, Consumer<SseEvent> out) {
        start(Block.THINKING, JsonIo.object().add("type", "thinking").add("thinking", ""), out);
        delta(JsonIo.object().add("type", "thinking_delta").add("thinking", ""), out);
        closeThinking(opaque, out);
    }

    private static void emit(String type, JsonObjectBuilder data, Consumer<SseEvent> out) {
        out.accept(SseEvent.named(type, data.build().toString()));
    }
}
