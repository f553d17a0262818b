package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.JsonFields.objects;
import static dev.copilotgateway.translate.JsonFields.string;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A whole Chat Completions response from {@code /chat/completions} as an Anthropic message (TRANSLATION.md §4).
 * The helpers shared with {@link ChatToAnthropicStream} (usage, stop reason, tool ids) live here so both directions
 * of one conversation agree.
 */
public final class ChatToAnthropicResponse {

    private static final Pattern VALID_TOOL_ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern INVALID_TOOL_ID_CHAR = Pattern.compile("[^A-Za-z0-9_-]");

    private ChatToAnthropicResponse() {
    }

    /**
     * The Anthropic message for {@code chatResponse}.
     *
     * @param servedModel the model that answered (its vendor decides how opaque-only reasoning is shown)
     * @param clientModel the model name the client asked for, reported back as {@code model}
     * @param stopSequences the request's {@code stop_sequences}, to recognise a matched one (see {@link #matchedStopSequence})
     * @param messageIds a fresh {@code msg_…} id, used only when the upstream sent none
     */
    public static JsonObject translate(JsonObject chatResponse, CopilotModel servedModel, String clientModel, List<String> stopSequences,
            Supplier<String> messageIds) {
        String id = chatResponse.get("id") instanceof JsonString upstreamId && !upstreamId.getString().isEmpty()
                ? upstreamId.getString() : messageIds.get();
        boolean claude = AnthropicToChatRequest.isClaude(servedModel);
        JsonArrayBuilder content = JsonIo.array();
        String finishReason = null;
        JsonObject finishingChoice = null;
        boolean anyToolUse = false;
        List<JsonObject> choices = objects(chatResponse.get("choices"));
        for (int c = 0; c < choices.size(); c++) {
            JsonObject choice = choices.get(c);
            String choiceFinish = string(choice.get("finish_reason"));
            // The first choice decides, except that any choice asking for tools makes it a tool turn (§4).
            if (c == 0 || "tool_calls".equals(choiceFinish) && !"tool_calls".equals(finishReason)) {
                finishReason = choiceFinish;
                finishingChoice = choice;
            }
            if (!(choice.get("message") instanceof JsonObject message)) {
                continue;
            }
            thinking(message, claude).ifPresent(content::add);
            JsonValue text = message.get("content");
            if (text instanceof JsonString string && !string.getString().isEmpty()) {
                content.add(textBlock(string.getString()));
            } else if (text instanceof JsonArray parts) {
                for (JsonObject part : objects(parts)) {
                    if ("text".equals(part.getString("type", "")) && !part.getString("text", "").isEmpty()) {
                        content.add(textBlock(part.getString("text")));
                    }
                }
            }
            List<JsonObject> toolCalls = objects(message.get("tool_calls"));
            for (int t = 0; t < toolCalls.size(); t++) {
                JsonObject call = toolCalls.get(t);
                JsonObject function = call.get("function") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
                String callId = string(call.get("id"));
                content.add(JsonIo.object()
                        .add("type", "tool_use")
                        .add("id", toolUseId(callId == null || callId.isEmpty() ? fallbackToolId(id, c, t) : callId))
                        .add("name", function.getString("name", ""))
                        .add("input", toolInput(string(function.get("arguments"))))
                        .build());
                anyToolUse = true;
            }
        }
        String stopReason = stopReason(finishReason, anyToolUse);
        String stopSequence = "end_turn".equals(stopReason) && finishingChoice != null
                ? matchedStopSequence(finishingChoice, stopSequences).orElse(null) : null;
        JsonObjectBuilder message = JsonIo.object()
                .add("id", id)
                .add("type", "message")
                .add("role", "assistant")
                .add("model", clientModel)
                .add("content", content);
        addNullable(message, "stop_reason", stopSequence != null ? "stop_sequence" : stopReason);
        addNullable(message, "stop_sequence", stopSequence);
        JsonObject usage = chatResponse.get("usage") instanceof JsonObject object ? object : null;
        return message.add("usage", usage(usage, true)).build();
    }

    /**
     * The thinking block of a choice: its reasoning text with the opaque signature (or {@code ""}); a non-Claude
     * model's opaque reasoning without text still becomes an empty thinking block, so the client sends it back and
     * the model keeps its reasoning state (§4). A Claude signature without text cannot be replayed and is dropped.
     */
    private static Optional<JsonObject> thinking(JsonObject message, boolean claude) {
        String text = reasoningText(message);
        String opaque = string(message.get("reasoning_opaque"));
        if (text != null && !text.isEmpty()) {
            return Optional.of(thinkingBlock(text, opaque == null ? "" : opaque));
        }
        if (opaque != null && !opaque.isEmpty() && !claude) {
            return Optional.of(thinkingBlock("", opaque));
        }
        return Optional.empty();
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

    private static JsonObject thinkingBlock(String thinking, String signature) {
        return JsonIo.object().add("type", "thinking").add("thinking", thinking).add("signature", signature).build();
    }

    private static JsonObject textBlock(String text) {
        return JsonIo.object().add("type", "text").add("text", text).build();
    }

    /**
     * A tool call's arguments as the {@code input} object Anthropic requires: an object as is, an array as
     * {@code {"arguments":[…]}}, another JSON value as {@code {"value":x}}, empty or unparseable as {@code {}} (§4).
     */
    static JsonObject toolInput(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonValue parsed;
        try {
            parsed = JsonIo.read(arguments);
        } catch (JsonException unparseable) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (parsed instanceof JsonObject object) {
            return object;
        }
        return JsonIo.object().add(parsed instanceof JsonArray ? "arguments" : "value", parsed).build();
    }

    /**
     * The tool-call id as Anthropic accepts it ({@code ^[a-zA-Z0-9_-]+$}): valid ids unchanged; otherwise each
     * invalid character becomes {@code _} and a short hash of the original is appended, so distinct ids stay
     * distinct. Deterministic, so the client's echo of the id in tool_use/tool_result needs no reverse map (§4).
     */
    static String toolUseId(String id) {
        if (VALID_TOOL_ID.matcher(id).matches()) {
            return id;
        }
        return INVALID_TOOL_ID_CHAR.matcher(id).replaceAll("_") + "_" + sha256(id).substring(0, 8);
    }

    /** An id for a tool call the upstream sent without one: unique because the message id is. */
    static String fallbackToolId(String messageId, int choice, int index) {
        return "toolu_" + messageId + "_" + choice + "_" + index;
    }

    /**
     * Chat's {@code finish_reason} as Anthropic's {@code stop_reason} (§4): stop → end_turn, length → max_tokens,
     * tool_calls → tool_use, content_filter → refusal (the spec's choice), none → null. A turn that produced tool
     * calls is a tool_use turn even if the upstream said {@code stop} (some non-OpenAI upstreams do), because the
     * client must answer the calls.
     */
    static String stopReason(String finishReason, boolean anyToolUse) {
        if (finishReason == null || finishReason.isEmpty()) {
            return anyToolUse ? "tool_use" : null;
        }
        String mapped = switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
        return anyToolUse && mapped.equals("end_turn") ? "tool_use" : mapped;
    }

    /**
     * The client's stop sequence that ended the text, if the upstream says which one. Chat's {@code finish_reason}
     * is {@code stop} both for a natural end and for a stop sequence, and the matched sequence is not part of the
     * text, so a gateway cannot tell the two apart by itself; guessing would report stop sequences that never
     * occurred. Only an upstream that names the match (vLLM's {@code stop_reason}, SGLang's {@code matched_stop},
     * as a string that is one of the request's sequences) turns a {@code stop} into {@code stop_sequence}.
     */
    static Optional<String> matchedStopSequence(JsonObject choice, List<String> stopSequences) {
        if (!"stop".equals(string(choice.get("finish_reason"))) || stopSequences.isEmpty()) {
            return Optional.empty();
        }
        for (String field : List.of("stop_reason", "matched_stop")) {
            String matched = string(choice.get(field));
            if (matched != null && stopSequences.contains(matched)) {
                return Optional.of(matched);
            }
        }
        return Optional.empty();
    }

    /**
     * Chat usage as Anthropic usage (§4, §5.5, §13.3): Anthropic's {@code input_tokens} excludes the cached and
     * cache-creation tokens that OpenAI's {@code prompt_tokens} includes; the cache fields appear only when the
     * upstream sent them. {@code withOutput} false reports {@code output_tokens: 0} (a stream's message_start).
     */
    static JsonObject usage(JsonObject chatUsage, boolean withOutput) {
        JsonObject usage = chatUsage == null ? JsonValue.EMPTY_JSON_OBJECT : chatUsage;
        JsonObject details = usage.get("prompt_tokens_details") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        long cached = number(details, "cached_tokens");
        long creation = number(details, "cache_creation_input_tokens");
        JsonObjectBuilder result = JsonIo.object()
                .add("input_tokens", Math.max(0, number(usage, "prompt_tokens") - cached - creation))
                .add("output_tokens", withOutput ? number(usage, "completion_tokens") : 0);
        if (details.get("cached_tokens") instanceof JsonNumber) {
            result.add("cache_read_input_tokens", cached);
        }
        if (details.get("cache_creation_input_tokens") instanceof JsonNumber) {
            result.add("cache_creation_input_tokens", creation);
        }
        return result.build();
    }

    private static long number(JsonObject object, String field) {
        return object.get(field) instanceof JsonNumber number ? number.longValue() : 0;
    }

    private static void addNullable(JsonObjectBuilder builder, String field, String value) {
        if (value == null) {
            builder.addNull(field);
        } else {
            builder.add(field, value);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}
