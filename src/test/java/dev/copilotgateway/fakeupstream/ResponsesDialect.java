package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /responses} (UPSTREAM §9): OpenAI Responses. Output items go reasoning, message, function_call…;
 * stream events are named, carry a strictly increasing {@code sequence_number} from 0 and end with
 * {@code response.completed} (or {@code response.incomplete} for LENGTH / CONTENT_FILTER).
 */
final class ResponsesDialect implements Dialect {

    private static final Set<String> TOOL_OUTPUT_ITEMS = Set.of("function_call_output", "custom_tool_call_output", "local_shell_call_output");

    @Override
    public String path() {
        return "/responses";
    }

    @Override
    public String lastUserText(JsonObject request) {
        JsonValue input = request.get("input");
        return input instanceof JsonString ? ((JsonString) input).getString() : MessageText.lastUserText(input);
    }

    /** A {@code function_call_output} (or custom / local shell call output) item last. */
    @Override
    public String trailingToolOutput(JsonObject request) {
        JsonObject last = MessageText.lastConversationEntry(request.get("input"));
        String type = last == null ? null : Jsons.string(last, "type");
        return type != null && TOOL_OUTPUT_ITEMS.contains(type) ? MessageText.textOf(last.get("output")) : null;
    }

    @Override
    public JsonObject response(Generation generation) {
        Reply reply = generation.reply();
        JsonObjectBuilder response = responseObject(generation, status(reply), allItems(generation), true);
        if (reply.text() != null) {
            response.add("output_text", reply.text());
        }
        return response.build();
    }

    @Override
    public List<SseFrame> streamFrames(Generation generation, StreamSettings settings) {
        Reply reply = generation.reply();
        Events events = new Events();
        events.add("response.created", Jsons.object()
                .add("response", responseObject(generation, "in_progress", Jsons.array(), false)));
        events.add("response.in_progress", Jsons.object()
                .add("response", responseObject(generation, "in_progress", Jsons.array(), false)));
        int outputIndex = 0;
        if (reply.hasReasoning()) {
            streamReasoning(generation, settings, events, outputIndex++);
        }
        if (reply.hasTextPart()) {
            streamMessage(generation, settings, events, outputIndex++);
        }
        for (int i = 0; i < reply.toolCalls().size(); i++) {
            streamFunctionCall(generation, settings, events, outputIndex++, i);
        }
        String status = status(reply);
        events.add("completed".equals(status) ? "response.completed" : "response.incomplete", Jsons.object()
                .add("response", responseObject(generation, status, allItems(generation), true)));
        return events.frames;
    }

    private static void streamReasoning(Generation generation, StreamSettings settings, Events events, int outputIndex) {
        String itemId = "rs_" + generation.idSuffix();
        String summary = generation.reply().reasoning();
        events.add("response.output_item.added", itemEvent(outputIndex, reasoningItem(generation, false)));
        if (summary != null) {
            events.add("response.reasoning_summary_part.added", summaryEvent(itemId, outputIndex)
                    .add("part", summaryPart("")));
            for (String piece : Chunks.split(summary, settings.textChunks())) {
                events.add("response.reasoning_summary_text.delta", summaryEvent(itemId, outputIndex).add("delta", piece));
            }
            events.add("response.reasoning_summary_text.done", summaryEvent(itemId, outputIndex).add("text", summary));
            events.add("response.reasoning_summary_part.done", summaryEvent(itemId, outputIndex)
                    .add("part", summaryPart(summary)));
        }
        events.add("response.output_item.done", itemEvent(outputIndex, reasoningItem(generation, true)));
    }

    private static void streamMessage(Generation generation, StreamSettings settings, Events events, int outputIndex) {
        String itemId = "msg_" + generation.idSuffix();
        String text = generation.reply().text();
        events.add("response.output_item.added", itemEvent(outputIndex, messageItem(generation, false)));
        events.add("response.content_part.added", contentEvent(itemId, outputIndex).add("part", outputText("")));
        for (String piece : Chunks.split(text, settings.textChunks())) {
            events.add("response.output_text.delta", contentEvent(itemId, outputIndex).add("delta", piece));
        }
        events.add("response.output_text.done", contentEvent(itemId, outputIndex).add("text", text));
        events.add("response.content_part.done", contentEvent(itemId, outputIndex).add("part", outputText(text)));
        events.add("response.output_item.done", itemEvent(outputIndex, messageItem(generation, true)));
    }

    private static void streamFunctionCall(Generation generation, StreamSettings settings, Events events,
                                           int outputIndex, int callIndex) {
        String itemId = functionCallItemId(generation, callIndex);
        String arguments = generation.reply().toolCalls().get(callIndex).arguments();
        events.add("response.output_item.added", itemEvent(outputIndex, functionCallItem(generation, callIndex, false)));
        for (String piece : Chunks.split(arguments, settings.argumentChunks())) {
            events.add("response.function_call_arguments.delta", Jsons.object()
                    .add("item_id", itemId).add("output_index", outputIndex).add("delta", piece));
        }
        events.add("response.function_call_arguments.done", Jsons.object()
                .add("item_id", itemId).add("output_index", outputIndex).add("arguments", arguments));
        events.add("response.output_item.done", itemEvent(outputIndex, functionCallItem(generation, callIndex, true)));
    }

    private static JsonArrayBuilder allItems(Generation generation) {
        Reply reply = generation.reply();
        JsonArrayBuilder items = Jsons.array();
        if (reply.hasReasoning()) {
            items.add(reasoningItem(generation, true));
        }
        if (reply.hasTextPart()) {
            items.add(messageItem(generation, true));
        }
        for (int i = 0; i < reply.toolCalls().size(); i++) {
            items.add(functionCallItem(generation, i, true));
        }
        return items;
    }

    private static JsonObjectBuilder reasoningItem(Generation generation, boolean done) {
        Reply reply = generation.reply();
        JsonArrayBuilder summary = Jsons.array();
        if (done && reply.reasoning() != null) {
            summary.add(summaryPart(reply.reasoning()));
        }
        JsonObjectBuilder item = Jsons.object()
                .add("id", "rs_" + generation.idSuffix())
                .add("type", "reasoning")
                .add("summary", summary);
        if (done && reply.reasoningSignature() != null) {
            item.add("encrypted_content", reply.reasoningSignature());
        }
        return item;
    }

    private static JsonObjectBuilder messageItem(Generation generation, boolean done) {
        JsonArrayBuilder content = Jsons.array();
        if (done) {
            content.add(outputText(generation.reply().text()));
        }
        return Jsons.object()
                .add("id", "msg_" + generation.idSuffix())
                .add("type", "message")
                .add("status", done ? "completed" : "in_progress")
                .add("role", "assistant")
                .add("content", content);
    }

    private static JsonObjectBuilder functionCallItem(Generation generation, int callIndex, boolean done) {
        ToolCall call = generation.reply().toolCalls().get(callIndex);
        return Jsons.object()
                .add("id", functionCallItemId(generation, callIndex))
                .add("type", "function_call")
                .add("status", done ? "completed" : "in_progress")
                .add("arguments", done ? call.arguments() : "")
                .add("call_id", generation.toolCallId(callIndex, "call_"))
                .add("name", call.name());
    }

    private static String functionCallItemId(Generation generation, int callIndex) {
        return "fc_" + generation.idSuffix() + "_" + callIndex;
    }

    private static JsonObjectBuilder responseObject(Generation generation, String status, JsonArrayBuilder output,
                                                    boolean finished) {
        Reply reply = generation.reply();
        JsonValue incompleteDetails = "incomplete".equals(status)
                ? Jsons.object().add("reason", reply.effectiveFinishReason() == FinishReason.LENGTH
                        ? "max_output_tokens" : "content_filter").build()
                : JsonValue.NULL;
        return Jsons.object()
                .add("id", "resp_" + generation.idSuffix())
                .add("object", "response")
                .add("created_at", generation.created())
                .add("model", generation.model())
                .add("status", status)
                .add("output", output)
                .add("usage", finished ? usage(generation.usage()).build() : JsonValue.NULL)
                .add("incomplete_details", incompleteDetails)
                .add("error", JsonValue.NULL);
    }

    private static String status(Reply reply) {
        return switch (reply.effectiveFinishReason()) {
            case STOP, TOOL_CALLS -> "completed";
            case LENGTH, CONTENT_FILTER -> "incomplete";
        };
    }

    private static JsonObjectBuilder usage(Usage usage) {
        return Jsons.object()
                .add("input_tokens", usage.inputTokens())
                .add("output_tokens", usage.outputTokens())
                .add("total_tokens", usage.totalTokens())
                .add("input_tokens_details", Jsons.object().add("cached_tokens", usage.cachedInputTokens()))
                .add("output_tokens_details", Jsons.object().add("reasoning_tokens", usage.reasoningTokens()));
    }

    private static JsonObjectBuilder itemEvent(int outputIndex, JsonObjectBuilder item) {
        return Jsons.object().add("output_index", outputIndex).add("item", item);
    }

    private static JsonObjectBuilder contentEvent(String itemId, int outputIndex) {
        return Jsons.object().add("item_id", itemId).add("output_index", outputIndex).add("content_index", 0);
    }

    private static JsonObjectBuilder summaryEvent(String itemId, int outputIndex) {
        return Jsons.object().add("item_id", itemId).add("output_index", outputIndex).add("summary_index", 0);
    }

    private static JsonObjectBuilder outputText(String text) {
        return Jsons.object().add("type", "output_text").add("text", text).add("annotations", Jsons.array());
    }

    private static JsonObjectBuilder summaryPart(String text) {
        return Jsons.object().add("type", "summary_text").add("text", text);
    }

    /** Collects named events, stamping each with its type and the next sequence number. */
    private static final class Events {
        private final List<SseFrame> frames = new ArrayList<>();

        void add(String type, JsonObjectBuilder payload) {
            frames.add(SseFrame.named(type, Jsons.object()
                    .add("type", type)
                    .add("sequence_number", frames.size())
                    .addAll(payload)
                    .build()));
        }
    }
}
