package dev.copilotgateway.translate.openai;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.translate.EventStreamTranslator;
import dev.copilotgateway.translate.JsonFields;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Chat Completions stream from {@code /chat/completions} as a Responses event stream (TRANSLATION §10, the inverse
 * of §8.3; event shapes of UPSTREAM §9.3), for a Responses client whose model has no {@code /responses} endpoint.
 *
 * <p>Every event is named by its {@code type} and carries a {@code sequence_number} counting from 0. The stream
 * opens with {@code response.created} and {@code response.in_progress} and ends with exactly one of
 * {@code response.completed}, {@code response.incomplete} (the output limit or the content filter cut it) or
 * {@code response.failed} (an upstream error, or a stream cut before its finish); every item added is done before
 * that, and the terminal event carries the whole response with its output and usage.
 *
 * <p>Items: reasoning deltas make a reasoning item with one summary part, and the upstream's
 * {@code reasoning_opaque} its {@code encrypted_content} (an opaque state arriving when no reasoning item is open
 * becomes a reasoning item of its own, so the client can replay it); text makes a message item with one output_text
 * part (a refusal is shown as text); each tool call makes a function_call item, opened once its id and name are
 * known (Chat may send them in different chunks, arguments even earlier). Reasoning closes when the answer starts;
 * text closes when a tool call starts. Tool calls stay open until the end, so arguments of parallel calls may come
 * in any order. Reasoning that arrives after the answer started is shown as text (UPSTREAM §8.3).
 */
public final class ChatToResponsesStream extends EventStreamTranslator {

    static final String ENDED_EARLY = "The upstream stream ended before the response was complete; retry your request.";

    private enum Kind { REASONING, MESSAGE, FUNCTION_CALL, CUSTOM_CALL }

    /** One output item: where it stands, what it holds so far, and its final form once done. */
    private static final class Item {
        final Kind kind;
        final int outputIndex;
        final String id;
        final StringBuilder text = new StringBuilder();
        boolean summaryPart;
        String opaque;
        String callId;
        String name;
        JsonObject done;

        Item(Kind kind, int outputIndex, String id) {
            this.kind = kind;
            this.outputIndex = outputIndex;
            this.id = id;
        }
    }

    /** One upstream tool call; its item exists once id and name are known. */
    private static final class ToolCall {
        String id;
        String name;
        final StringBuilder pendingArguments = new StringBuilder();
        Item item;
    }

    private final JsonObject request;
    private final ResponsesToolNames names;
    private final String model;
    private final Supplier<String> ids;
    private final long createdAt;
    private final String responseId;

    private int sequence;
    private boolean started;
    private final List<Item> items = new ArrayList<>();
    private Item reasoning;
    private Item message;
    private final Map<Long, ToolCall> toolCalls = new LinkedHashMap<>();
    private boolean answerStarted;
    /** Set once a choice finished: the content is complete, only the usage may still come. */
    private boolean finishSeen;
    private String incompleteReason;
    private JsonObject usage;

    /**
     * @param originalRequest the client's Responses request, whose settings the response objects echo
     * @param model           the model name to report
     * @param ids             a fresh unique token per call; prefixed here ({@code resp_}, {@code rs_}, {@code msg_},
     *                        {@code fc_}, {@code call_})
     * @param createdAt       the response's {@code created_at} (epoch seconds)
     */
    public ChatToResponsesStream(JsonObject originalRequest, String model, Supplier<String> ids, long createdAt) {
        this.request = originalRequest;
        this.names = ResponsesToolNames.of(originalRequest);
        this.model = model;
        this.ids = ids;
        this.createdAt = createdAt;
        this.responseId = "resp_" + ids.get();
    }

    @Override
    protected void onDone(Consumer<SseEvent> out) {
        if (!started) {
            fail("The upstream ended the stream without a response; retry your request.", out);
        } else {
            complete(out);
        }
    }

    @Override
    protected void onUnreadable(Consumer<SseEvent> out) {
        fail(UNREADABLE, out);
    }

    @Override
    protected void onData(SseEvent upstream, JsonObject chunk, Consumer<SseEvent> out) {
        if (chunk.get("error") instanceof JsonObject error) {
            fail(error.getString("message", "The upstream reported an error."), out);
            return;
        }
        start(out);
        if (chunk.get("usage") instanceof JsonObject chunkUsage) {
            usage = chunkUsage;
        }
        for (JsonObject choice : JsonFields.objects(chunk.get("choices"))) {
            long choiceIndex = choice.get("index") instanceof JsonNumber index ? index.longValue() : 0;
            if (choice.get("delta") instanceof JsonObject delta) {
                onDelta(delta, choiceIndex, out);
            }
            String finishReason = JsonFields.string(choice.get("finish_reason"));
            if (finishReason != null && !finishReason.isEmpty()) {
                finishSeen = true;
                if (incompleteReason == null) {
                    incompleteReason = ResponsesIngressResults.incompleteReason(finishReason);
                }
            }
        }
        // The usage rides on the finish chunk or comes in a later one (UPSTREAM §8.3); either completes the response.
        if (finishSeen && chunk.get("usage") instanceof JsonObject) {
            complete(out);
        }
    }

    @Override
    protected void onEnd(Consumer<SseEvent> out) {
        if (finishSeen) {
            complete(out);
        } else {
            fail(ENDED_EARLY, out);
        }
    }

    /** After the finish only the trailing usage can be lost: the response is complete and ends normally. */
    @Override
    protected void onFailure(String type, String message, Consumer<SseEvent> out) {
        if (finishSeen) {
            complete(out);
        } else {
            fail(message, out);
        }
    }

    private void onDelta(JsonObject delta, long choiceIndex, Consumer<SseEvent> out) {
        String text = join(JsonFields.string(delta.get("content")), JsonFields.string(delta.get("refusal")));
        String reasoningText = ResponsesIngressResults.reasoningText(delta);
        if (reasoningText != null && !reasoningText.isEmpty()) {
            if (answerStarted) {
                text = join(reasoningText, text);
            } else {
                reasoningDelta(reasoningText, out);
            }
        }
        String opaque = JsonFields.string(delta.get("reasoning_opaque"));
        if (opaque != null && !opaque.isEmpty()) {
            if (reasoning != null) {
                reasoning.opaque = opaque;
            } else {
                Item state = add(Kind.REASONING, "rs_", ResponsesIngressResults.reasoningItem("", "", null), out);
                state.opaque = opaque;
                close(state, "completed", out);
            }
        }
        if (!text.isEmpty()) {
            textDelta(text, out);
        }
        List<JsonObject> calls = JsonFields.objects(delta.get("tool_calls"));
        if (!calls.isEmpty()) {
            closeIfOpen(reasoning, out);
            closeIfOpen(message, out);
            for (JsonObject call : calls) {
                onToolCall(choiceIndex, call, out);
            }
        }
    }

    private void reasoningDelta(String text, Consumer<SseEvent> out) {
        if (reasoning == null) {
            reasoning = add(Kind.REASONING, "rs_", ResponsesIngressResults.reasoningItem("", "", null), out);
        }
        if (!reasoning.summaryPart) {
            reasoning.summaryPart = true;
            emit("response.reasoning_summary_part.added", where(reasoning).add("summary_index", 0)
                    .add("part", ResponsesIngressResults.summaryPart("")), out);
        }
        reasoning.text.append(text);
        emit("response.reasoning_summary_text.delta", where(reasoning).add("summary_index", 0).add("delta", text), out);
    }

    private void textDelta(String text, Consumer<SseEvent> out) {
        closeIfOpen(reasoning, out);
        if (message == null) {
            message = add(Kind.MESSAGE, "msg_", ResponsesIngressResults.messageItem("", "in_progress", JsonValue.EMPTY_JSON_ARRAY), out);
            emit("response.content_part.added", where(message).add("content_index", 0).add("part", ResponsesIngressResults.textPart("")), out);
        }
        message.text.append(text);
        emit("response.output_text.delta", where(message).add("content_index", 0).add("delta", text)
                .add("logprobs", JsonValue.EMPTY_JSON_ARRAY), out);
    }

    private void onToolCall(long choiceIndex, JsonObject call, Consumer<SseEvent> out) {
        long index = call.get("index") instanceof JsonNumber number ? number.longValue() : 0;
        ToolCall tool = toolCalls.computeIfAbsent(choiceIndex << 32 | index & 0xffffffffL, key -> new ToolCall());
        JsonObject function = call.get("function") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        String id = JsonFields.string(call.get("id"));
        String name = JsonFields.string(function.get("name"));
        if (tool.item == null) {
            if (id != null && !id.isEmpty()) {
                tool.id = id;
            }
            if (name != null && !name.isEmpty()) {
                tool.name = name;
            }
            if (tool.id != null && tool.name != null) {
                open(tool, out);
            }
        }
        String arguments = JsonFields.string(function.get("arguments"));
        if (arguments == null || arguments.isEmpty()) {
            return;
        }
        if (tool.item == null) {
            tool.pendingArguments.append(arguments);
        } else {
            argumentsDelta(tool.item, arguments, out);
        }
    }

    private void open(ToolCall tool, Consumer<SseEvent> out) {
        Kind kind = names.isCustom(tool.name) ? Kind.CUSTOM_CALL : Kind.FUNCTION_CALL;
        tool.item = add(kind, kind == Kind.CUSTOM_CALL ? "ctc_" : "fc_", names.callItem("", "in_progress", tool.id, tool.name, ""), out);
        tool.item.callId = tool.id;
        tool.item.name = tool.name;
        if (tool.pendingArguments.length() > 0) {
            argumentsDelta(tool.item, tool.pendingArguments.toString(), out);
            tool.pendingArguments.setLength(0);
        }
    }

    /** A custom tool's input is the string inside the function arguments: sent whole when the call is done. */
    private void argumentsDelta(Item call, String fragment, Consumer<SseEvent> out) {
        call.text.append(fragment);
        if (call.kind == Kind.FUNCTION_CALL) {
            emit("response.function_call_arguments.delta", where(call).add("delta", fragment), out);
        }
    }

    /** Adds the output item {@code shape} (its id filled in here) and returns its state. */
    private Item add(Kind kind, String idPrefix, JsonObject shape, Consumer<SseEvent> out) {
        Item item = new Item(kind, items.size(), idPrefix + ids.get());
        items.add(item);
        if (kind != Kind.REASONING) {
            answerStarted = true;
        }
        emit("response.output_item.added", JsonIo.object()
                .add("output_index", item.outputIndex)
                .add("item", JsonIo.PROVIDER.createObjectBuilder(shape).add("id", item.id)), out);
        return item;
    }

    private void closeIfOpen(Item item, Consumer<SseEvent> out) {
        if (item != null && item.done == null) {
            close(item, "completed", out);
        }
    }

    /** The item's {@code *.done} events and {@code response.output_item.done}, with its final form. */
    private void close(Item item, String status, Consumer<SseEvent> out) {
        String text = item.text.toString();
        switch (item.kind) {
            case REASONING -> {
                if (item.summaryPart) {
                    emit("response.reasoning_summary_text.done", where(item).add("summary_index", 0).add("text", text), out);
                    emit("response.reasoning_summary_part.done", where(item).add("summary_index", 0)
                            .add("part", ResponsesIngressResults.summaryPart(text)), out);
                }
                item.done = ResponsesIngressResults.reasoningItem(item.id, text, item.opaque);
                reasoning = reasoning == item ? null : reasoning;
            }
            case MESSAGE -> {
                JsonObject part = ResponsesIngressResults.textPart(text);
                emit("response.output_text.done", where(item).add("content_index", 0).add("text", text)
                        .add("logprobs", JsonValue.EMPTY_JSON_ARRAY), out);
                emit("response.content_part.done", where(item).add("content_index", 0).add("part", part), out);
                item.done = ResponsesIngressResults.messageItem(item.id, status, JsonIo.array().add(part).build());
                message = message == item ? null : message;
            }
            case CUSTOM_CALL -> {
                emit("response.custom_tool_call_input.done", where(item).add("input", ResponsesToolNames.customInput(text)), out);
                item.done = names.callItem(item.id, status, item.callId, item.name, text);
            }
            case FUNCTION_CALL -> {
                if (item.text.length() == 0) {
                    // A call without arguments still needs valid JSON arguments for the client to parse.
                    argumentsDelta(item, "{}", out);
                    text = "{}";
                }
                emit("response.function_call_arguments.done", where(item).add("arguments", text).add("name", names.clientName(item.name)), out);
                item.done = names.callItem(item.id, status, item.callId, item.name, text);
            }
        }
        emit("response.output_item.done", JsonIo.object().add("output_index", item.outputIndex).add("item", item.done), out);
    }

    /** The normal end: open the tool calls still waiting for an id, close every item, report the whole response. */
    private void complete(Consumer<SseEvent> out) {
        for (ToolCall tool : toolCalls.values()) {
            if (tool.item != null) {
                continue;
            }
            if (tool.name == null) {
                if (tool.id != null || tool.pendingArguments.length() > 0) {
                    fail("The upstream sent a tool call without a name; retry your request.", out);
                    return;
                }
                continue;
            }
            if (tool.id == null) {
                tool.id = "call_" + ids.get();
            }
            open(tool, out);
        }
        String status = incompleteReason == null ? "completed" : "incomplete";
        closeAll(status, out);
        JsonObject details = incompleteReason == null ? null : JsonIo.object().add("reason", incompleteReason).build();
        terminal(incompleteReason == null ? "response.completed" : "response.incomplete",
                response(status, null, details), out);
    }

    /** The abnormal end: what was said so far is closed as incomplete, then {@code response.failed}. */
    private void fail(String message, Consumer<SseEvent> out) {
        start(out);
        closeAll("incomplete", out);
        JsonObject error = JsonIo.object().add("code", "server_error").add("message", message).build();
        terminal("response.failed", response("failed", error, null), out);
    }

    private void closeAll(String status, Consumer<SseEvent> out) {
        for (Item item : items) {
            if (item.done == null) {
                close(item, status, out);
            }
        }
    }

    private void terminal(String type, JsonObject response, Consumer<SseEvent> out) {
        emit(type, JsonIo.object().add("response", response), out);
        markFinished();
    }

    private void start(Consumer<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        JsonObject response = response("in_progress", null, null);
        emit("response.created", JsonIo.object().add("response", response), out);
        emit("response.in_progress", JsonIo.object().add("response", response), out);
    }

    private JsonObject response(String status, JsonObject error, JsonObject incompleteDetails) {
        JsonArrayBuilder output = JsonIo.array();
        for (Item item : items) {
            if (item.done != null) {
                output.add(item.done);
            }
        }
        boolean ended = !status.equals("in_progress");
        return ResponsesIngressResults.response(request, responseId, createdAt, model, status, output.build(),
                ended && usage != null ? ResponsesIngressResults.usage(usage) : null, error, incompleteDetails);
    }

    private static JsonObjectBuilder where(Item item) {
        return JsonIo.object().add("item_id", item.id).add("output_index", item.outputIndex);
    }

    private void emit(String type, JsonObjectBuilder fields, Consumer<SseEvent> out) {
        out.accept(SseEvent.named(type, JsonIo.object()
                .add("type", type)
                .add("sequence_number", sequence++)
                .addAll(fields)
                .build()
                .toString()));
    }

    private static String join(String first, String second) {
        return (first == null ? "" : first) + (second == null ? "" : second);
    }
}
