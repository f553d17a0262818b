package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/messages} (UPSTREAM §10): native Anthropic Messages. Content blocks go thinking, text, tool_use;
 * the stream follows Anthropic's grammar (message_start, block start/delta/stop…, message_delta, message_stop).
 */
final class AnthropicMessagesDialect implements Dialect {

    @Override
    public String path() {
        return "/v1/messages";
    }

    @Override
    public String lastUserText(JsonObject request) {
        return MessageText.lastUserText(request.get("messages"));
    }

    /** A user message last that holds {@code tool_result} blocks: the last one's content. */
    @Override
    public String trailingToolOutput(JsonObject request) {
        JsonObject last = MessageText.lastConversationEntry(request.get("messages"));
        if (last == null || !"user".equals(Jsons.string(last, "role")) || !(last.get("content") instanceof JsonArray blocks)) {
            return null;
        }
        String output = null;
        for (JsonValue block : blocks) {
            if (block instanceof JsonObject object && "tool_result".equals(Jsons.string(object, "type"))) {
                output = MessageText.textOf(object.get("content"));
            }
        }
        return output;
    }

    @Override
    public List<String> stopSequences(JsonObject request) {
        return Jsons.strings(request.get("stop_sequences"));
    }

    @Override
    public JsonObject response(Generation generation) {
        Reply reply = generation.reply();
        JsonArrayBuilder content = Jsons.array();
        if (reply.hasReasoning()) {
            content.add(Jsons.object()
                    .add("type", "thinking")
                    .add("thinking", nullToEmpty(reply.reasoning()))
                    .add("signature", nullToEmpty(reply.reasoningSignature())));
        }
        if (reply.hasTextPart()) {
            content.add(Jsons.object().add("type", "text").add("text", reply.text()));
        }
        for (int i = 0; i < reply.toolCalls().size(); i++) {
            ToolCall call = reply.toolCalls().get(i);
            content.add(toolUse(generation, i).add("input", inputObject(call.arguments())));
        }
        return message(generation)
                .add("content", content)
                .add("stop_reason", stopReason(reply))
                .add("stop_sequence", stopSequence(reply))
                .add("usage", usage(generation.usage(), generation.usage().outputTokens()))
                .build();
    }

    @Override
    public List<SseFrame> streamFrames(Generation generation, StreamSettings settings) {
        Reply reply = generation.reply();
        List<SseFrame> frames = new ArrayList<>();
        frames.add(event("message_start", Jsons.object().add("message", message(generation)
                .add("content", Jsons.array())
                .add("stop_reason", JsonValue.NULL)
                .add("stop_sequence", JsonValue.NULL)
                .add("usage", usage(generation.usage(), 1)))));
        int index = 0;
        if (reply.hasReasoning()) {
            frames.add(blockStart(index, Jsons.object().add("type", "thinking").add("thinking", "").add("signature", "")));
            for (String piece : Chunks.split(nullToEmpty(reply.reasoning()), settings.textChunks())) {
                frames.add(blockDelta(index, Jsons.object().add("type", "thinking_delta").add("thinking", piece)));
            }
            if (reply.reasoningSignature() != null) {
                frames.add(blockDelta(index, Jsons.object().add("type", "signature_delta").add("signature", reply.reasoningSignature())));
            }
            frames.add(blockStop(index++));
        }
        if (reply.hasTextPart()) {
            frames.add(blockStart(index, Jsons.object().add("type", "text").add("text", "")));
            for (String piece : Chunks.split(reply.text(), settings.textChunks())) {
                frames.add(blockDelta(index, Jsons.object().add("type", "text_delta").add("text", piece)));
            }
            frames.add(blockStop(index++));
        }
        for (int i = 0; i < reply.toolCalls().size(); i++) {
            frames.add(blockStart(index, toolUse(generation, i).add("input", Jsons.object())));
            for (String piece : Chunks.split(reply.toolCalls().get(i).arguments(), settings.argumentChunks())) {
                frames.add(blockDelta(index, Jsons.object().add("type", "input_json_delta").add("partial_json", piece)));
            }
            frames.add(blockStop(index++));
        }
        frames.add(event("message_delta", Jsons.object()
                .add("delta", Jsons.object().add("stop_reason", stopReason(reply)).add("stop_sequence", stopSequence(reply)))
                .add("usage", usage(generation.usage(), generation.usage().outputTokens()))));
        frames.add(event("message_stop", Jsons.object()));
        return frames;
    }

    private static JsonObjectBuilder message(Generation generation) {
        return Jsons.object()
                .add("id", "msg_" + generation.idSuffix())
                .add("type", "message")
                .add("role", "assistant")
                .add("model", generation.model());
    }

    private static JsonObjectBuilder toolUse(Generation generation, int index) {
        return Jsons.object()
                .add("type", "tool_use")
                .add("id", generation.toolCallId(index, "toolu_"))
                .add("name", generation.reply().toolCalls().get(index).name());
    }

    /** Scripted arguments that are not a JSON object (deliberately broken ones) become {} in non-stream replies. */
    private static JsonObject inputObject(String arguments) {
        return Jsons.tryParseObject(arguments).orElse(JsonValue.EMPTY_JSON_OBJECT);
    }

    private static SseFrame blockStart(int index, JsonObjectBuilder block) {
        return event("content_block_start", Jsons.object().add("index", index).add("content_block", block));
    }

    private static SseFrame blockDelta(int index, JsonObjectBuilder delta) {
        return event("content_block_delta", Jsons.object().add("index", index).add("delta", delta));
    }

    private static SseFrame blockStop(int index) {
        return event("content_block_stop", Jsons.object().add("index", index));
    }

    /** Anthropic repeats the event name as the payload's {@code type}, first. */
    private static SseFrame event(String type, JsonObjectBuilder payload) {
        return SseFrame.named(type, Jsons.object().add("type", type).addAll(payload).build());
    }

    private static JsonValue stopSequence(Reply reply) {
        return reply.matchedStop() == null ? JsonValue.NULL : Jsons.stringOrNull(reply.matchedStop());
    }

    private static String stopReason(Reply reply) {
        if (reply.matchedStop() != null) {
            return "stop_sequence";
        }
        return switch (reply.effectiveFinishReason()) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
        };
    }

    /** Anthropic's input_tokens exclude cache reads, which are reported separately. */
    private static JsonObjectBuilder usage(Usage usage, int outputTokens) {
        return Jsons.object()
                .add("input_tokens", usage.inputTokens() - usage.cachedInputTokens())
                .add("cache_creation_input_tokens", 0)
                .add("cache_read_input_tokens", usage.cachedInputTokens())
                .add("output_tokens", outputTokens);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
