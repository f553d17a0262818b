package dev.copilotgateway.translate.gemini;

import static dev.copilotgateway.translate.JsonFields.objects;
import static dev.copilotgateway.translate.JsonFields.string;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * A whole Chat Completions response as a Gemini {@code GenerateContentResponse} (TRANSLATION.md §11.3). The
 * helpers shared with {@link ChatToGeminiStream} (parts, finish reason, usage) live here so both agree.
 */
public final class ChatToGeminiResponse {

    private ChatToGeminiResponse() {
    }

    /**
     * @param clientModel the model name the client asked for, reported as {@code modelVersion}
     */
    public static JsonObject translate(JsonObject chatResponse, String clientModel) {
        JsonArrayBuilder candidates = JsonIo.array();
        List<JsonObject> choices = objects(chatResponse.get("choices"));
        for (int c = 0; c < choices.size(); c++) {
            JsonObject choice = choices.get(c);
            JsonObject message = choice.get("message") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
            JsonArrayBuilder parts = JsonIo.array();
            int count = 0;
            String reasoning = reasoningText(message);
            if (reasoning != null && !reasoning.isEmpty()) {
                parts.add(thoughtPart(reasoning));
                count++;
            }
            String text = contentText(message.get("content"));
            if (!text.isEmpty()) {
                parts.add(textPart(text));
                count++;
            }
            for (JsonObject call : objects(message.get("tool_calls"))) {
                JsonObject function = call.get("function") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
                String name = string(function.get("name"));
                if (name == null || name.isEmpty()) {
                    continue;
                }
                parts.add(functionCallPart(string(call.get("id")), name, string(function.get("arguments"))));
                count++;
            }
            if (count == 0) {
                parts.add(textPart(""));
            }
            long index = choice.get("index") instanceof JsonNumber number ? number.longValue() : c;
            candidates.add(JsonIo.object()
                    .add("index", index)
                    .add("content", JsonIo.object().add("role", "model").add("parts", parts))
                    .add("finishReason", finishReason(string(choice.get("finish_reason")))));
        }
        JsonObjectBuilder response = JsonIo.object().add("candidates", candidates);
        if (chatResponse.get("usage") instanceof JsonObject usage) {
            response.add("usageMetadata", usageMetadata(usage));
        }
        response.add("modelVersion", clientModel);
        if (chatResponse.get("id") instanceof JsonString id && !id.getString().isEmpty()) {
            response.add("responseId", id.getString());
        }
        return response.build();
    }

    /**
     * Chat's {@code finish_reason} as Gemini's {@code finishReason} (§11.3): stop and tool_calls → STOP (Gemini has
     * no tool-call reason; the functionCall parts say it), length → MAX_TOKENS, content_filter → SAFETY, none →
     * FINISH_REASON_UNSPECIFIED, anything else → OTHER.
     */
    static String finishReason(String chatFinishReason) {
        if (chatFinishReason == null || chatFinishReason.isEmpty()) {
            return "FINISH_REASON_UNSPECIFIED";
        }
        return switch (chatFinishReason) {
            case "stop", "tool_calls", "function_call" -> "STOP";
            case "length" -> "MAX_TOKENS";
            case "content_filter" -> "SAFETY";
            default -> "OTHER";
        };
    }

    /** Chat usage as {@code usageMetadata}; cache and thought counts only when the upstream gave them (§11.3). */
    static JsonObject usageMetadata(JsonObject usage) {
        long prompt = number(usage, "prompt_tokens").orElse(0L);
        long completion = number(usage, "completion_tokens").orElse(0L);
        JsonObjectBuilder metadata = JsonIo.object()
                .add("promptTokenCount", prompt)
                .add("candidatesTokenCount", completion)
                .add("totalTokenCount", number(usage, "total_tokens").orElse(prompt + completion));
        if (usage.get("prompt_tokens_details") instanceof JsonObject details) {
            number(details, "cached_tokens").ifPresent(cached -> metadata.add("cachedContentTokenCount", cached));
        }
        if (usage.get("completion_tokens_details") instanceof JsonObject details) {
            number(details, "reasoning_tokens").ifPresent(reasoning -> metadata.add("thoughtsTokenCount", reasoning));
        }
        return metadata.build();
    }

    /**
     * A complete function call part. Arguments that are not a JSON object (empty, cut, an array) become {@code {}}:
     * Gemini's {@code args} is an object. The call's id is included so clients echo it in {@code functionResponse.id}.
     */
    static JsonObject functionCallPart(String id, String name, String arguments) {
        JsonObjectBuilder call = JsonIo.object();
        if (id != null && !id.isEmpty()) {
            call.add("id", id);
        }
        call.add("name", name).add("args", args(arguments));
        return JsonIo.object().add("functionCall", call).build();
    }

    private static JsonObject args(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return JsonIo.read(arguments) instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        } catch (JsonException unparseable) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    static JsonObject thoughtPart(String text) {
        return JsonIo.object().add("text", text).add("thought", true).build();
    }

    static JsonObject textPart(String text) {
        return JsonIo.object().add("text", text).build();
    }

    /** Copilot's {@code reasoning_text}, or the {@code reasoning_content}/{@code reasoning} other upstreams use. */
    static String reasoningText(JsonObject messageOrDelta) {
        for (String field : List.of("reasoning_text", "reasoning_content", "reasoning")) {
            if (messageOrDelta.get(field) instanceof JsonString text) {
                return text.getString();
            }
        }
        return null;
    }

    /** A message's content as text: a string, or the text parts of an array. */
    static String contentText(JsonValue content) {
        if (content instanceof JsonString text) {
            return text.getString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonObject part : objects(content)) {
            if ("text".equals(part.getString("type", "")) && part.get("text") instanceof JsonString piece) {
                text.append(piece.getString());
            }
        }
        return text.toString();
    }

    private static Optional<Long> number(JsonObject object, String field) {
        return object.get(field) instanceof JsonNumber number ? Optional.of(number.longValue()) : Optional.empty();
    }
}
