package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /chat/completions} (UPSTREAM §8): OpenAI Chat Completions with Copilot's reasoning_text / reasoning_opaque. */
final class ChatCompletionsDialect implements Dialect {

    @Override
    public String path() {
        return "/chat/completions";
    }

    @Override
    public String lastUserText(JsonObject request) {
        return MessageText.lastUserText(request.get("messages"));
    }

    /** A {@code role: "tool"} message last. */
    @Override
    public String trailingToolOutput(JsonObject request) {
        JsonObject last = MessageText.lastConversationEntry(request.get("messages"));
        return last != null && "tool".equals(Jsons.string(last, "role")) ? MessageText.textOf(last.get("content")) : null;
    }

    @Override
    public List<String> stopSequences(JsonObject request) {
        return Jsons.strings(request.get("stop"));
    }

    @Override
    public JsonObject response(Generation generation) {
        Reply reply = generation.reply();
        JsonObjectBuilder message = Jsons.object()
                .add("role", "assistant")
                .add("content", Jsons.stringOrNull(reply.text()));
        if (reply.reasoning() != null) {
            message.add("reasoning_text", reply.reasoning());
        }
        if (reply.reasoningSignature() != null) {
            message.add("reasoning_opaque", reply.reasoningSignature());
        }
        if (!reply.toolCalls().isEmpty()) {
            JsonArrayBuilder calls = Jsons.array();
            for (int i = 0; i < reply.toolCalls().size(); i++) {
                ToolCall call = reply.toolCalls().get(i);
                calls.add(Jsons.object()
                        .add("id", generation.toolCallId(i, "call_"))
                        .add("type", "function")
                        .add("function", Jsons.object().add("name", call.name()).add("arguments", call.arguments())));
            }
            message.add("tool_calls", calls);
        }
        return envelope(generation, "chat.completion")
                .add("choices", Jsons.array().add(Jsons.object()
                        .add("index", 0)
                        .add("message", message)
                        .add("finish_reason", finishReason(reply))))
                .add("usage", usage(generation.usage()))
                .build();
    }

    @Override
    public List<SseFrame> streamFrames(Generation generation, StreamSettings settings) {
        Reply reply = generation.reply();
        List<SseFrame> frames = new ArrayList<>();
        frames.add(chunk(generation, Jsons.object().add("role", "assistant").add("content", "")));
        if (reply.reasoning() != null) {
            for (String piece : Chunks.split(reply.reasoning(), settings.textChunks())) {
                frames.add(chunk(generation, Jsons.object().add("reasoning_text", piece)));
            }
        }
        if (reply.reasoningSignature() != null) {
            frames.add(chunk(generation, Jsons.object().add("content", "").add("reasoning_opaque", reply.reasoningSignature())));
        }
        if (reply.text() != null) {
            for (String piece : Chunks.split(reply.text(), settings.textChunks())) {
                frames.add(chunk(generation, Jsons.object().add("content", piece)));
            }
        }
        for (int i = 0; i < reply.toolCalls().size(); i++) {
            ToolCall call = reply.toolCalls().get(i);
            // The id and name come first with empty arguments; the arguments follow in pieces (§8.3).
            frames.add(toolCallChunk(generation, Jsons.object()
                    .add("index", i)
                    .add("id", generation.toolCallId(i, "call_"))
                    .add("type", "function")
                    .add("function", Jsons.object().add("name", call.name()).add("arguments", ""))));
            for (String piece : Chunks.split(call.arguments(), settings.argumentChunks())) {
                frames.add(toolCallChunk(generation, Jsons.object()
                        .add("index", i)
                        .add("function", Jsons.object().add("arguments", piece))));
            }
        }
        frames.add(SseFrame.data(envelope(generation, "chat.completion.chunk")
                .add("choices", Jsons.array().add(Jsons.object()
                        .add("index", 0)
                        .add("delta", Jsons.object())
                        .add("finish_reason", finishReason(reply))))
                .add("usage", usage(generation.usage()))
                .build()));
        frames.add(SseFrame.done());
        return frames;
    }

    private static SseFrame toolCallChunk(Generation generation, JsonObjectBuilder toolCall) {
        return chunk(generation, Jsons.object().add("tool_calls", Jsons.array().add(toolCall)));
    }

    private static SseFrame chunk(Generation generation, JsonObjectBuilder delta) {
        return SseFrame.data(envelope(generation, "chat.completion.chunk")
                .add("choices", Jsons.array().add(Jsons.object()
                        .add("index", 0)
                        .add("delta", delta)
                        .add("finish_reason", JsonValue.NULL)))
                .build());
    }

    private static JsonObjectBuilder envelope(Generation generation, String object) {
        return Jsons.object()
                .add("id", "chatcmpl-" + generation.idSuffix())
                .add("object", object)
                .add("created", generation.created())
                .add("model", generation.model());
    }

    private static String finishReason(Reply reply) {
        return switch (reply.effectiveFinishReason()) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    private static JsonObjectBuilder usage(Usage usage) {
        return Jsons.object()
                .add("prompt_tokens", usage.inputTokens())
                .add("completion_tokens", usage.outputTokens())
                .add("total_tokens", usage.totalTokens())
                .add("prompt_tokens_details", Jsons.object().add("cached_tokens", usage.cachedInputTokens()))
                .add("completion_tokens_details", Jsons.object().add("reasoning_tokens", usage.reasoningTokens()));
    }
}
