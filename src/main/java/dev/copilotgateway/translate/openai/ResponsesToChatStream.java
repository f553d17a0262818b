package dev.copilotgateway.translate.openai;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.translate.EventStreamTranslator;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
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
 * A {@code /responses} event stream as a Chat Completions chunk stream (TRANSLATION §8.3): a role chunk, content
 * and tool-call chunks, one finish chunk, a usage chunk and {@code [DONE]}; a failure ends the stream with
 * {@code data: {"error":{"message","type"}}} instead. Text and function calls keep the order the upstream sent them
 * in; tool calls are numbered 0, 1, … in order of appearance. Reasoning summaries are not passed on (Chat has no
 * standard field for them). {@code *.done} events only fill in what no delta carried.
 */
public final class ResponsesToChatStream extends EventStreamTranslator {

    static final String ENDED_EARLY = "Responses stream ended without completion, retry your request.";

    private final String fallbackModel;
    private final Supplier<String> completionIds;
    private final long fallbackCreated;

    private String id;
    private String model;
    private long created;
    private boolean started;
    /** Tool calls by output index. */
    private final Map<Integer, ToolCall> toolCalls = new HashMap<>();
    /** Text parts ({@code <output>:<content>}) whose text has been sent. */
    private final Set<String> textSent = new HashSet<>();

    /**
     * @param fallbackModel   the model to name if the upstream's {@code response.created} does not (it normally does)
     * @param completionIds   completion ids for that same case
     * @param fallbackCreated the {@code created} time (epoch seconds) for that same case
     */
    public ResponsesToChatStream(String fallbackModel, Supplier<String> completionIds, long fallbackCreated) {
        this.fallbackModel = fallbackModel;
        this.completionIds = completionIds;
        this.fallbackCreated = fallbackCreated;
    }

    @Override
    protected void onUnreadable(Consumer<SseEvent> out) {
        fail("server_error", UNREADABLE, out);
    }

    @Override
    protected void onData(SseEvent upstream, JsonObject data, Consumer<SseEvent> out) {
        switch (eventType(upstream, data)) {
            case "response.created" -> start(response(data), out);
            case "response.output_text.delta", "response.refusal.delta" -> text(data, data.getString("delta", ""), out);
            case "response.output_text.done" -> {
                if (!textSent.contains(textKey(data))) {
                    text(data, data.getString("text", ""), out);
                }
            }
            case "response.refusal.done" -> {
                if (!textSent.contains(textKey(data))) {
                    text(data, data.getString("refusal", ""), out);
                }
            }
            case "response.output_item.added" -> {
                JsonObject item = item(data);
                if ("function_call".equals(item.getString("type", ""))) {
                    ToolCall call = toolCall(outputIndex(data), item, out);
                    arguments(call, item.getString("arguments", ""), out);
                }
            }
            case "response.function_call_arguments.delta" -> arguments(toolCall(outputIndex(data), null, out), data.getString("delta", ""), out);
            case "response.function_call_arguments.done" -> {
                ToolCall call = toolCall(outputIndex(data), null, out);
                if (!call.hasArguments) {
                    arguments(call, data.getString("arguments", ""), out);
                }
            }
            case "response.output_item.done" -> itemDone(data, out);
            case "response.completed" -> complete("completed", response(data), out);
            case "response.incomplete" -> complete("incomplete", response(data), out);
            case "response.failed" -> fail("server_error", response(data).get("error") instanceof JsonObject error
                    ? error.getString("message", ResponsesToChatResponse.FailedResponse.UNKNOWN)
                    : ResponsesToChatResponse.FailedResponse.UNKNOWN, out);
            case "error" -> fail("server_error", data.getString("message", "An unexpected error occurred during streaming."), out);
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

    private void start(JsonObject response, Consumer<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        id = response.getString("id", "");
        if (id.isEmpty()) {
            id = completionIds.get();
        }
        model = response.getString("model", "");
        if (model.isEmpty()) {
            model = fallbackModel;
        }
        created = response.get("created_at") instanceof JsonNumber createdAt ? createdAt.longValue() : fallbackCreated;
        chunk(JsonIo.object().add("role", "assistant"), JsonValue.NULL, out);
    }

    private void text(JsonObject data, String text, Consumer<SseEvent> out) {
        if (!text.isEmpty()) {
            textSent.add(textKey(data));
            start(JsonValue.EMPTY_JSON_OBJECT, out);
            chunk(JsonIo.object().add("content", text), JsonValue.NULL, out);
        }
    }

    private void itemDone(JsonObject data, Consumer<SseEvent> out) {
        JsonObject item = item(data);
        int output = outputIndex(data);
        String type = item.getString("type", "");
        if (type.equals("function_call")) {
            ToolCall call = toolCall(output, item, out);
            if (!call.hasArguments) {
                arguments(call, item.getString("arguments", ""), out);
            }
        } else if (type.equals("message") && item.get("content") instanceof JsonArray parts) {
            for (int content = 0; content < parts.size(); content++) {
                JsonObject where = JsonIo.object().add("output_index", output).add("content_index", content).build();
                if (!textSent.contains(textKey(where)) && parts.get(content) instanceof JsonObject part) {
                    text(where, part.getString("text", part.getString("refusal", "")), out);
                }
            }
        }
    }

    /**
     * The tool call at {@code output}; its first mention announces it with the next tool index, its id and name
     * (from {@code item}, or a placeholder when arguments arrive for a call never announced).
     */
    private ToolCall toolCall(int output, JsonObject item, Consumer<SseEvent> out) {
        ToolCall known = toolCalls.get(output);
        if (known != null) {
            return known;
        }
        ToolCall call = new ToolCall(toolCalls.size());
        toolCalls.put(output, call);
        String callId = item == null ? "" : item.getString("call_id", "");
        String name = item == null ? "" : item.getString("name", "");
        start(JsonValue.EMPTY_JSON_OBJECT, out);
        chunk(toolCallDelta(call, JsonIo.object()
                .add("id", callId.isEmpty() ? "tool_call_" + output : callId)
                .add("type", "function")
                .add("function", JsonIo.object().add("name", name.isEmpty() ? "function" : name).add("arguments", ""))), JsonValue.NULL, out);
        return call;
    }

    private void arguments(ToolCall call, String fragment, Consumer<SseEvent> out) {
        if (!fragment.isEmpty()) {
            call.hasArguments = true;
            chunk(toolCallDelta(call, JsonIo.object().add("function", JsonIo.object().add("arguments", fragment))), JsonValue.NULL, out);
        }
    }

    private static JsonObjectBuilder toolCallDelta(ToolCall call, JsonObjectBuilder fields) {
        return JsonIo.object().add("tool_calls", JsonIo.array().add(JsonIo.object().add("index", call.index).addAll(fields)));
    }

    private void complete(String status, JsonObject response, Consumer<SseEvent> out) {
        start(response, out);
        chunk(JsonIo.object(), JsonIo.PROVIDER.createValue(ResponsesChatResults.finishReason(status, response, !toolCalls.isEmpty())), out);
        if (response.get("usage") instanceof JsonObject usage) {
            out.accept(SseEvent.data(envelope().add("choices", JsonValue.EMPTY_JSON_ARRAY).add("usage", ResponsesChatResults.usage(usage)).build().toString()));
        }
        out.accept(SseEvent.data("[DONE]"));
        markFinished();
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
        return JsonIo.object().add("id", id).add("object", "chat.completion.chunk").add("created", created).add("model", model);
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

    private static String textKey(JsonObject data) {
        return outputIndex(data) + ":" + data.getInt("content_index", 0);
    }

    /** A tool call's Chat index and whether any of its arguments were sent. */
    private static final class ToolCall {
        final int index;
        boolean hasArguments;

        ToolCall(int index) {
            this.index = index;
        }
    }
}
