package dev.copilotgateway.translate.gemini;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.gemini.GeminiError;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.translate.EventStreamTranslator;
import dev.copilotgateway.translate.JsonFields;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A Chat Completions stream as a Gemini {@code streamGenerateContent} stream (TRANSLATION.md §11.4, xuangong's
 * {@code gemini-via-chat}). Each emitted event's data is one {@code GenerateContentResponse} chunk; the relay writes
 * it as SSE ({@code alt=sse}: {@code data: <json>}, no event names, no {@code [DONE]}) or frames it with
 * {@link GeminiJsonArrayStream}.
 *
 * <p>Thinking and text go out as they arrive. Function calls are held back until their choice finishes: Gemini
 * clients expect whole calls, and a fragment of arguments is not an object yet. The last chunk carries the
 * finished candidates (their calls, their finish reason) and the usage, which Chat sends after the finish, so it
 * is written at the upstream's end. A stream cut before any finish ends with an error chunk
 * {@code {"error":{"code","message","status"}}}, never silently.
 */
public final class ChatToGeminiStream extends EventStreamTranslator {

    static final String INTERRUPTED = "The Copilot API stream ended unexpectedly; retry your request.";

    /** One upstream tool call, accumulated from its fragments. */
    private static final class ToolCall {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();
    }

    /** One choice: its tool calls by index, and its final candidate once it finished. */
    private static final class Candidate {
        private final Map<Long, ToolCall> toolCalls = new TreeMap<>();
        private JsonObject finished;
    }

    private final Map<Long, Candidate> candidates = new TreeMap<>();
    private JsonObject usage;
    private boolean finishSeen;

    @Override
    protected void onDone(Consumer<SseEvent> out) {
        if (candidates.isEmpty()) {
            fail(GeminiError.of(500, "The Copilot API ended the stream without a response; retry your request."), out);
        } else {
            complete(out);
        }
    }

    @Override
    protected void onUnreadable(Consumer<SseEvent> out) {
        fail(GeminiError.of(500, "The Copilot API sent an unreadable stream event."), out);
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
        for (int c = 0; c < choices.size(); c++) {
            JsonObject choice = choices.get(c);
            long index = choice.get("index") instanceof JsonNumber number ? number.longValue() : c;
            onChoice(index, choice, out);
        }
    }

    private void onChoice(long index, JsonObject choice, Consumer<SseEvent> out) {
        Candidate candidate = candidates.computeIfAbsent(index, key -> new Candidate());
        if (candidate.finished != null) {
            return;
        }
        JsonObject delta = choice.get("delta") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        List<JsonObject> live = new ArrayList<>(2);
        String reasoning = ChatToGeminiResponse.reasoningText(delta);
        if (reasoning != null && !reasoning.isEmpty()) {
            live.add(ChatToGeminiResponse.thoughtPart(reasoning));
        }
        String content = ChatToGeminiResponse.contentText(delta.get("content"));
        if (!content.isEmpty()) {
            live.add(ChatToGeminiResponse.textPart(content));
        }
        for (JsonObject fragment : JsonFields.objects(delta.get("tool_calls"))) {
            accumulate(candidate, fragment);
        }
        if (!live.isEmpty()) {
            out.accept(SseEvent.data(JsonIo.object().add("candidates", JsonIo.array().add(candidateJson(index, live, null))).build().toString()));
        }
        String finishReason = JsonFields.string(choice.get("finish_reason"));
        if (finishReason != null && !finishReason.isEmpty()) {
            finish(index, candidate, finishReason);
        }
    }

    private static void accumulate(Candidate candidate, JsonObject fragment) {
        long toolIndex = fragment.get("index") instanceof JsonNumber number ? number.longValue() : 0;
        ToolCall call = candidate.toolCalls.computeIfAbsent(toolIndex, key -> new ToolCall());
        String id = JsonFields.string(fragment.get("id"));
        if (id != null && !id.isEmpty()) {
            call.id = id;
        }
        JsonObject function = fragment.get("function") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        String name = JsonFields.string(function.get("name"));
        if (name != null && !name.isEmpty()) {
            call.name = name;
        }
        String arguments = JsonFields.string(function.get("arguments"));
        if (arguments != null) {
            call.arguments.append(arguments);
        }
    }

    /** The choice's final candidate: its whole function calls in index order (nameless ones skipped) and finish reason. */
    private void finish(long index, Candidate candidate, String finishReason) {
        List<JsonObject> parts = new ArrayList<>();
        for (ToolCall call : candidate.toolCalls.values()) {
            if (call.name != null) {
                parts.add(ChatToGeminiResponse.functionCallPart(call.id, call.name, call.arguments.toString()));
            }
        }
        if (parts.isEmpty()) {
            // Gemini CLI expects a final candidate with a part (§11.4, ericc PR).
            parts.add(ChatToGeminiResponse.textPart(""));
        }
        candidate.finished = candidateJson(index, parts, ChatToGeminiResponse.finishReason(finishReason));
        finishSeen = true;
    }

    @Override
    protected void onEnd(Consumer<SseEvent> out) {
        if (finishSeen) {
            complete(out);
        } else {
            fail(GeminiError.of(500, INTERRUPTED), out);
        }
    }

    /** After a finish only the trailing usage can be lost: the answer is complete and ends normally. */
    @Override
    protected void onFailure(String type, String message, Consumer<SseEvent> out) {
        if (finishSeen) {
            complete(out);
        } else {
            fail(GeminiError.ofStreamFailure(type, message), out);
        }
    }

    /** The last chunk: every candidate's final form (a choice the upstream left open counts as stopped) and the usage. */
    private void complete(Consumer<SseEvent> out) {
        candidates.forEach((index, candidate) -> {
            if (candidate.finished == null) {
                finish(index, candidate, "stop");
            }
        });
        JsonArrayBuilder finals = JsonIo.array();
        candidates.values().forEach(candidate -> finals.add(candidate.finished));
        JsonObject usageMetadata = usage == null ? null : ChatToGeminiResponse.usageMetadata(usage);
        if (!candidates.isEmpty() || usageMetadata != null) {
            JsonObjectBuilder last = JsonIo.object();
            if (!candidates.isEmpty()) {
                last.add("candidates", finals);
            }
            if (usageMetadata != null) {
                last.add("usageMetadata", usageMetadata);
            }
            out.accept(SseEvent.data(last.build().toString()));
        }
        markFinished();
    }

    /** An error the upstream reported inside its stream, with the status its type or code suggests. */
    private void upstreamError(JsonObject error, Consumer<SseEvent> out) {
        String kind = String.valueOf(JsonFields.string(error.get("type"))) + " " + error.get("code");
        int status = kind.contains("rate_limit") ? 429 : kind.contains("overloaded") ? 503 : 500;
        String message = JsonFields.string(error.get("message"));
        fail(GeminiError.of(status, message == null || message.isBlank() ? "The Copilot API reported an error during streaming." : message), out);
    }

    private void fail(GeminiError error, Consumer<SseEvent> out) {
        out.accept(SseEvent.data(error.toJson().toString()));
        markFinished();
    }

    private static JsonObject candidateJson(long index, List<JsonObject> parts, String finishReason) {
        JsonArrayBuilder partArray = JsonIo.array();
        parts.forEach(partArray::add);
        JsonObjectBuilder candidate = JsonIo.object()
                .add("index", index)
                .add("content", JsonIo.object().add("role", "model").add("parts", partArray));
        if (finishReason != null) {
            candidate.add("finishReason", finishReason);
        }
        return candidate.build();
    }
}
