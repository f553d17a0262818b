package dev.copilotgateway.translate.anthropic;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import dev.copilotgateway.translate.ReasoningEffort;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Anthropic Messages request as an OpenAI Chat Completions request for Copilot's {@code /chat/completions}
 * (TRANSLATION.md §3, with §3.9 pre-processing, §12 thinking and §13.1 cache markers). Used when the model has no
 * {@code /v1/messages} (GPT, Gemini, Grok) or the native path is off for Claude.
 *
 * <p>The result needs {@code copilot-vision-request: true} when it carries images
 * ({@code OpenAiRequests.hasImages(result.getJsonArray("messages"))}).
 */
public final class AnthropicToChatRequest {

    static final String PDF_NOT_SUPPORTED = "PDF/document content is not supported by this Chat Completions upstream. "
            + "Use the available text extracted from the document.";
    static final String RICH_TOOL_RESULT_MOVED = "Rich tool result content was moved to a user message because this upstream "
            + "does not support it in tool messages.";

    /** Claude Code's placeholder text for thinking it did not receive; never replayed. */
    private static final String THINKING_PLACEHOLDER = "Thinking...";
    /** The last N non-system messages get a cache marker (§13.1, the spec's recommendation N = 2). */
    private static final int CACHED_TAIL_MESSAGES = 2;
    private static final int CACHED_SYSTEM_MESSAGES = 2;
    /** OpenAI backends limit {@code user}; longer ids are reduced to their SHA-256 (§3.1). */
    private static final int MAX_USER_LENGTH = 64;
    private static final Pattern LEGACY_USER_ID = Pattern.compile("user_([^_]+)_account");

    /**
     * What the caller decides outside the payload.
     *
     * @param compactionRequest the request is a Claude Code compaction (§15.4): §3.9's tool-result merge is skipped
     * @param claudeThinkingBudget send Copilot's {@code thinking_budget} for Claude models (§12.2); when false a
     *        Claude model gets a {@code reasoning_effort} like any other
     * @param documentFileParts the upstream takes PDFs as {@code {"type":"file"}} parts; otherwise a PDF becomes a
     *        notice text (§3.2)
     */
    public record Options(boolean compactionRequest, boolean claudeThinkingBudget, boolean documentFileParts) {

        /** Not a compaction; thinking_budget for Claude (the spec's recommendation); PDFs as a notice. */
        public static Options defaults() {
            return new Options(false, true, false);
        }
    }

    private AnthropicToChatRequest() {
    }

    /** {@link #translate(JsonObject, CopilotModel, Options)} with {@link Options#defaults()}. */
    public static JsonObject translate(JsonObject anthropicRequest, CopilotModel model) {
        return translate(anthropicRequest, model, Options.defaults());
    }

    /**
     * The Chat request for {@code model} (its id is sent as {@code model}).
     *
     * @throws RequestContentException (a 400 for the client) when the request is malformed or carries content
     *         that cannot be sent to a Chat upstream
     */
    public static JsonObject translate(JsonObject anthropicRequest, CopilotModel model, Options options) {
        if (!(anthropicRequest.get("messages") instanceof JsonArray)) {
            throw new RequestContentException("messages", "'messages' is required and must be an array");
        }
        JsonObject request = AnthropicToChatPreprocessing.apply(anthropicRequest, !options.compactionRequest());
        boolean claude = isClaude(model);

        List<JsonObject> messages = new ArrayList<>();
        systemMessage(request.get("system"), "system").ifPresent(messages::add);
        JsonArray anthropicMessages = request.getJsonArray("messages");
        for (int i = 0; i < anthropicMessages.size(); i++) {
            translateMessage(anthropicMessages.get(i), "messages[" + i + "]", claude, options, messages);
        }
        JsonArrayBuilder messageArray = JsonIo.array();
        withCacheMarkers(messages).forEach(messageArray::add);

        JsonObjectBuilder chat = JsonIo.object().add("model", model.id()).add("messages", messageArray);
        maxTokens(request, model).ifPresent(max -> chat.add("max_tokens", max));
        copyNumber(request, "temperature", chat);
        copyNumber(request, "top_p", chat);
        // top_k has no Chat equivalent (§3.1): dropped.
        stop(request.get("stop_sequences")).ifPresent(stop -> chat.add("stop", stop));
        if (request.containsKey("stream") && request.get("stream") != JsonValue.NULL) {
            boolean stream = bool(request, "stream");
            chat.add("stream", stream);
            if (stream) {
                chat.add("stream_options", JsonIo.object().add("include_usage", true));
            }
        }
        user(request.get("metadata")).ifPresent(user -> chat.add("user", user));
        tools(request, chat);
        reasoning(request, model, claude, options, chat);
        responseFormat(request).ifPresent(format -> chat.add("response_format", format));
        return chat.build();
    }

    /** Claude models get thinking replayed and {@code thinking_budget}; others must not see Claude's reasoning. */
    static boolean isClaude(CopilotModel model) {
        return "Anthropic".equals(model.vendor()) || model.id().startsWith("claude");
    }

    // ---- system and messages -------------------------------------------------------------------------------------

    /** The top-level {@code system}, or an inline system message's content ({@code field} names it), as a system message. */
    private static Optional<JsonObject> systemMessage(JsonValue system, String field) {
        String text;
        if (system == null || system == JsonValue.NULL) {
            return Optional.empty();
        } else if (system instanceof JsonString string) {
            text = string.getString();
        } else if (system instanceof JsonArray blocks) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                texts.add(requireText(blocks.get(i), field + "[" + i + "]"));
            }
            text = String.join("\n\n", texts);
        } else {
            throw new RequestContentException(field, "'" + field + "' must be a string or an array of text blocks");
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(JsonIo.object().add("role", "system").add("content", text).build());
    }

    private static void translateMessage(JsonValue value, String field, boolean claude, Options options, List<JsonObject> out) {
        if (!(value instanceof JsonObject message)) {
            throw new RequestContentException(field, "Each message must be an object with 'role' and 'content'");
        }
        String role = message.get("role") instanceof JsonString text ? text.getString() : "";
        JsonValue content = message.get("content");
        if (!(content instanceof JsonString) && !(content instanceof JsonArray)) {
            throw new RequestContentException(field + ".content", "'content' must be a string or an array of content blocks");
        }
        switch (role) {
            // Inline system messages (Claude Code's environment facts and reminders, opencode's) stay instructions at
            // their place: as a user turn the model would answer them and the session derail.
            case "system" -> systemMessage(content, field + ".content").ifPresent(out::add);
            case "user" -> userMessages(content, field, options, out);
            case "assistant" -> assistantMessage(content, field, claude).ifPresent(out::add);
            default -> throw new RequestContentException(field + ".role", "'role' must be 'user' or 'assistant'");
        }
    }

    /** §3.2/§3.3/§3.5: tool messages first, then user messages with moved rich tool content, then the user's blocks. */
    private static void userMessages(JsonValue content, String field, Options options, List<JsonObject> out) {
        if (content instanceof JsonString text) {
            out.add(message("user", text));
            return;
        }
        JsonArray blocks = (JsonArray) content;
        List<JsonObject> movedContent = new ArrayList<>();
        List<JsonObject> parts = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String blockField = field + ".content[" + i + "]";
            JsonObject block = block(blocks.get(i), blockField);
            String type = block.getString("type");
            switch (type) {
                case "tool_result" -> out.add(toolMessage(block, blockField, options, movedContent));
                case "text" -> parts.add(textPart(requireText(block, blockField)));
                case "image" -> parts.add(imagePart(block, blockField));
                case "document" -> parts.addAll(documentParts(block, blockField, options));
                case "tool_reference" -> parts.add(textPart(toolReferenceText(block, blockField)));
                default -> throw unsupportedBlock(type, blockField);
            }
        }
        out.addAll(movedContent);
        if (!parts.isEmpty()) {
            out.add(JsonIo.object().add("role", "user").add("content", content(parts)).build());
        }
    }

    /**
     * One {@code role:"tool"} message. Images and documents inside a result are dropped by Copilot in tool messages,
     * so they move to a user message after the turn's tool messages (§3.5, added to {@code movedContent}).
     */
    private static JsonObject toolMessage(JsonObject block, String field, Options options, List<JsonObject> movedContent) {
        if (!(block.get("tool_use_id") instanceof JsonString id) || id.getString().isEmpty()) {
            throw new RequestContentException(field + ".tool_use_id", "A tool_result needs its 'tool_use_id'");
        }
        JsonValue content = block.get("content");
        List<String> texts = new ArrayList<>();
        List<JsonObject> parts = new ArrayList<>();
        boolean rich = false;
        if (content instanceof JsonString text) {
            texts.add(text.getString());
        } else if (content instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                String partField = field + ".content[" + i + "]";
                JsonObject part = block(array.get(i), partField);
                switch (part.getString("type")) {
                    case "text" -> {
                        texts.add(requireText(part, partField));
                        parts.add(textPart(texts.get(texts.size() - 1)));
                    }
                    case "tool_reference" -> {
                        texts.add(toolReferenceText(part, partField));
                        parts.add(textPart(texts.get(texts.size() - 1)));
                    }
                    case "image" -> {
                        parts.add(imagePart(part, partField));
                        rich = true;
                    }
                    case "document" -> {
                        parts.addAll(documentParts(part, partField, options));
                        rich = true;
                    }
                    // Other result blocks (search_result…) have no Chat form; their JSON keeps the content (xuangong).
                    default -> {
                        texts.add(part.toString());
                        parts.add(textPart(part.toString()));
                    }
                }
            }
        } else if (content != null && content != JsonValue.NULL) {
            throw new RequestContentException(field + ".content", "A tool_result's 'content' must be a string or an array of blocks");
        }
        String text = texts.isEmpty() && rich ? RICH_TOOL_RESULT_MOVED : String.join("\n", texts);
        if (block.getBoolean("is_error", false)) {
            // Chat has no error flag for tool results; the model still has to know the call failed (§3.3).
            text = text.isEmpty() ? "Error" : "Error: " + text;
        }
        if (rich) {
            List<JsonObject> moved = new ArrayList<>();
            moved.add(textPart("Tool result for " + id.getString() + ":"));
            moved.addAll(parts);
            movedContent.add(JsonIo.object().add("role", "user").add("content", array(moved)).build());
        }
        return JsonIo.object().add("role", "tool").add("tool_call_id", id.getString()).add("content", text).build();
    }

    /**
     * §3.4: texts as content, tool_use as tool_calls, thinking as {@code reasoning_text}/{@code reasoning_opaque}.
     * Skipped when nothing is left to send.
     */
    private static Optional<JsonObject> assistantMessage(JsonValue content, String field, boolean claude) {
        if (content instanceof JsonString text) {
            return Optional.of(message("assistant", text));
        }
        JsonArray blocks = (JsonArray) content;
        List<String> texts = new ArrayList<>();
        List<String> reasoning = new ArrayList<>();
        String opaque = null;
        JsonArrayBuilder toolCalls = JsonIo.array();
        boolean anyToolCall = false;
        for (int i = 0; i < blocks.size(); i++) {
            String blockField = field + ".content[" + i + "]";
            JsonObject block = block(blocks.get(i), blockField);
            String type = block.getString("type");
            switch (type) {
                case "text" -> texts.add(requireText(block, blockField));
                case "tool_use" -> {
                    toolCalls.add(toolCall(block, blockField));
                    anyToolCall = true;
                }
                case "thinking" -> {
                    String thinking = block.getString("thinking", "");
                    String signature = block.getString("signature", "");
                    if (claude && isReplayableClaudeThinking(thinking, signature)) {
                        reasoning.add(thinking);
                        opaque = opaque == null ? signature : opaque;
                    } else if (!claude && thinking.isEmpty() && !signature.isEmpty() && opaque == null) {
                        // Only the opaque reasoning state a GPT/Gemini upstream sent without text (§4) goes back to
                        // such a model; thinking text is never shown to a non-Claude model (§3.4).
                        opaque = signature;
                    }
                }
                // redacted_thinking has no Chat form (§3.4); server tool blocks (web search…) ran at Anthropic and
                // cannot be replayed to another model; what they produced is in the text blocks.
                case "redacted_thinking", "server_tool_use", "web_search_tool_result", "web_fetch_tool_result",
                        "code_execution_tool_result", "bash_code_execution_tool_result",
                        "text_editor_code_execution_tool_result", "tool_search_tool_result", "mcp_tool_use",
                        "mcp_tool_result" -> {
                    // dropped
                }
                default -> throw unsupportedBlock(type, blockField);
            }
        }
        if (texts.isEmpty() && !anyToolCall) {
            return Optional.empty();
        }
        JsonObjectBuilder message = JsonIo.object().add("role", "assistant");
        if (texts.isEmpty()) {
            message.add("content", JsonValue.NULL);
        } else {
            message.add("content", String.join("\n\n", texts));
        }
        if (!reasoning.isEmpty()) {
            message.add("reasoning_text", String.join("\n\n", reasoning));
        }
        if (opaque != null) {
            message.add("reasoning_opaque", opaque);
        }
        if (anyToolCall) {
            message.add("tool_calls", toolCalls);
        }
        return Optional.of(message.build());
    }

    /** A Claude signature (not a Responses {@code encrypted@id} one) with real thinking text (§3.4). */
    private static boolean isReplayableClaudeThinking(String thinking, String signature) {
        return !thinking.isEmpty() && !thinking.equals(THINKING_PLACEHOLDER) && !signature.isEmpty() && !signature.contains("@");
    }

    private static JsonObject toolCall(JsonObject block, String field) {
        if (!(block.get("id") instanceof JsonString id) || id.getString().isEmpty()) {
            throw new RequestContentException(field + ".id", "A tool_use needs its 'id'");
        }
        if (!(block.get("name") instanceof JsonString name) || name.getString().isEmpty()) {
            throw new RequestContentException(field + ".name", "A tool_use needs its 'name'");
        }
        JsonValue input = block.get("input");
        String arguments = input == null || input == JsonValue.NULL ? "{}" : input.toString();
        return JsonIo.object()
                .add("id", id.getString())
                .add("type", "function")
                .add("function", JsonIo.object().add("name", name.getString()).add("arguments", arguments))
                .build();
    }

    // ---- content parts -------------------------------------------------------------------------------------------

    /** Only text: one string joined by blank lines (§3.2); otherwise the parts in order. */
    private static JsonValue content(List<JsonObject> parts) {
        if (parts.stream().allMatch(part -> "text".equals(part.getString("type")))) {
            List<String> texts = parts.stream().map(part -> part.getString("text")).toList();
            return JsonIo.PROVIDER.createValue(String.join("\n\n", texts));
        }
        return array(parts);
    }

    private static JsonObject textPart(String text) {
        return JsonIo.object().add("type", "text").add("text", text).build();
    }

    private static JsonObject imagePart(JsonObject block, String field) {
        JsonObject source = source(block, field);
        String url = switch (source.getString("type", "")) {
            case "base64" -> "data:" + requireString(source, "media_type", field + ".source") + ";base64,"
                    + requireString(source, "data", field + ".source");
            case "url" -> requireString(source, "url", field + ".source");
            default -> throw new RequestContentException(field + ".source.type",
                    "Images must be given as 'base64' or 'url' sources for this model (file ids cannot be sent to it)");
        };
        return JsonIo.object().add("type", "image_url").add("image_url", JsonIo.object().add("url", url)).build();
    }

    /**
     * Plain-text documents are carried as text; a base64 PDF as a file part where the upstream takes one, else as
     * the notice the spec prescribes (§3.2), so the model knows a document was there.
     */
    private static List<JsonObject> documentParts(JsonObject block, String field, Options options) {
        JsonObject source = source(block, field);
        switch (source.getString("type", "")) {
            case "text" -> {
                return List.of(textPart(requireString(source, "data", field + ".source")));
            }
            case "content" -> {
                List<JsonObject> parts = new ArrayList<>();
                if (source.get("content") instanceof JsonString text) {
                    parts.add(textPart(text.getString()));
                } else if (source.get("content") instanceof JsonArray array) {
                    for (int i = 0; i < array.size(); i++) {
                        String partField = field + ".source.content[" + i + "]";
                        JsonObject part = block(array.get(i), partField);
                        parts.add("image".equals(part.getString("type")) ? imagePart(part, partField) : textPart(requireText(part, partField)));
                    }
                } else {
                    throw new RequestContentException(field + ".source.content", "A 'content' document source needs its 'content'");
                }
                return parts;
            }
            case "base64" -> {
                String data = requireString(source, "data", field + ".source");
                if (!options.documentFileParts()) {
                    return List.of(textPart(PDF_NOT_SUPPORTED));
                }
                String mediaType = source.getString("media_type", "application/pdf");
                String filename = block.get("title") instanceof JsonString title && !title.getString().isBlank() ? title.getString() : "document.pdf";
                return List.of(JsonIo.object()
                        .add("type", "file")
                        .add("file", JsonIo.object().add("file_data", "data:" + mediaType + ";base64," + data).add("filename", filename))
                        .build());
            }
            case "url" -> {
                return List.of(textPart(PDF_NOT_SUPPORTED));
            }
            default -> throw new RequestContentException(field + ".source.type",
                    "Documents must be given as 'base64', 'url', 'text' or 'content' sources for this model");
        }
    }

    private static String toolReferenceText(JsonObject block, String field) {
        return "Tool " + requireString(block, "tool_name", field) + " loaded";
    }

    private static JsonObject source(JsonObject block, String field) {
        if (!(block.get("source") instanceof JsonObject source)) {
            throw new RequestContentException(field + ".source", "A " + block.getString("type") + " block needs its 'source' object");
        }
        return source;
    }

    private static JsonObject block(JsonValue value, String field) {
        if (!(value instanceof JsonObject block) || !(block.get("type") instanceof JsonString)) {
            throw new RequestContentException(field + ".type", "Each content block must be an object with a 'type'");
        }
        return block;
    }

    private static String requireText(JsonValue value, String field) {
        if (!(value instanceof JsonObject block) || !"text".equals(block.getString("type", "")) || !(block.get("text") instanceof JsonString text)) {
            throw new RequestContentException(field, "Expected a text block with a string 'text'");
        }
        return text.getString();
    }

    private static String requireString(JsonObject object, String name, String field) {
        if (!(object.get(name) instanceof JsonString value)) {
            throw new RequestContentException(field + "." + name, "'" + name + "' is required and must be a string");
        }
        return value.getString();
    }

    private static RequestContentException unsupportedBlock(String type, String field) {
        return new RequestContentException(field + ".type", "Content blocks of type '" + type + "' cannot be sent to this model");
    }

    private static JsonObject message(String role, JsonString content) {
        return JsonIo.object().add("role", role).add("content", content).build();
    }

    private static JsonArray array(List<JsonObject> values) {
        JsonArrayBuilder array = JsonIo.array();
        values.forEach(array::add);
        return array.build();
    }

    // ---- §13.1 cache markers -------------------------------------------------------------------------------------

    /**
     * Copilot's {@code copilot_cache_control} on the first two system messages and the last two other messages
     * that have content; generic backends ignore the field, so every model gets it (§13.1).
     */
    static List<JsonObject> withCacheMarkers(List<JsonObject> messages) {
        Set<Integer> marked = new HashSet<>();
        int systems = 0;
        for (int i = 0; i < messages.size() && systems < CACHED_SYSTEM_MESSAGES; i++) {
            if ("system".equals(messages.get(i).getString("role", "")) && hasContent(messages.get(i))) {
                marked.add(i);
                systems++;
            }
        }
        int tail = 0;
        for (int i = messages.size() - 1; i >= 0 && tail < CACHED_TAIL_MESSAGES; i--) {
            if (!"system".equals(messages.get(i).getString("role", "")) && hasContent(messages.get(i))) {
                marked.add(i);
                tail++;
            }
        }
        List<JsonObject> result = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonObject message = messages.get(i);
            result.add(marked.contains(i)
                    ? JsonIo.PROVIDER.createObjectBuilder(message).add("copilot_cache_control", JsonIo.object().add("type", "ephemeral")).build()
                    : message);
        }
        return result;
    }

    private static boolean hasContent(JsonObject message) {
        JsonValue content = message.get("content");
        return content instanceof JsonString text && !text.getString().isEmpty() || content instanceof JsonArray array && !array.isEmpty();
    }

    // ---- top-level fields ----------------------------------------------------------------------------------------

    /** The client's {@code max_tokens}, else the model's {@code max_output_tokens} (§3.1). */
    private static Optional<Long> maxTokens(JsonObject request, CopilotModel model) {
        JsonValue value = request.get("max_tokens");
        if (value != null && value != JsonValue.NULL) {
            if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 1) {
                throw new RequestContentException("max_tokens", "'max_tokens' must be a positive integer");
            }
            return Optional.of(number.longValue());
        }
        return model.capabilities()
                .map(caps -> caps.get("limits"))
                .filter(JsonObject.class::isInstance)
                .map(limits -> ((JsonObject) limits).get("max_output_tokens"))
                .filter(JsonNumber.class::isInstance)
                .map(number -> ((JsonNumber) number).longValue());
    }

    private static void copyNumber(JsonObject request, String field, JsonObjectBuilder chat) {
        JsonValue value = request.get(field);
        if (value == null || value == JsonValue.NULL) {
            return;
        }
        if (!(value instanceof JsonNumber)) {
            throw new RequestContentException(field, "'" + field + "' must be a number");
        }
        chat.add(field, value);
    }

    private static boolean bool(JsonObject request, String field) {
        JsonValue value = request.get(field);
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw new RequestContentException(field, "'" + field + "' must be a boolean");
        }
        return value == JsonValue.TRUE;
    }

    private static Optional<JsonArray> stop(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
            throw new RequestContentException("stop_sequences", "'stop_sequences' must be an array of strings");
        }
        return array.isEmpty() ? Optional.empty() : Optional.of(array);
    }

    /**
     * {@code metadata.user_id} as Chat's {@code user}. Claude Code's ids (§15.3) are long and carry a session; the
     * user part ({@code user_<id>_account…} or the JSON form's {@code device_id}/{@code account_uuid}) identifies
     * the end user. Anything longer than OpenAI's limit is sent as its SHA-256.
     */
    private static Optional<String> user(JsonValue metadata) {
        if (!(metadata instanceof JsonObject object) || !(object.get("user_id") instanceof JsonString userId) || userId.getString().isBlank()) {
            return Optional.empty();
        }
        String raw = userId.getString();
        String user = claudeCodeUser(raw).orElse(raw);
        return Optional.of(user.length() <= MAX_USER_LENGTH ? user : ChatToAnthropicResponse.sha256(user));
    }

    private static Optional<String> claudeCodeUser(String userId) {
        Matcher legacy = LEGACY_USER_ID.matcher(userId);
        if (legacy.find()) {
            return Optional.of(legacy.group(1));
        }
        if (!userId.startsWith("{")) {
            return Optional.empty();
        }
        try {
            if (JsonIo.read(userId) instanceof JsonObject json) {
                for (String key : List.of("device_id", "account_uuid")) {
                    if (json.get(key) instanceof JsonString value && !value.getString().isBlank()) {
                        return Optional.of(value.getString());
                    }
                }
            }
        } catch (JsonException notJson) {
            // an ordinary id that happens to start with a brace
        }
        return Optional.empty();
    }

    /** §3.7 tools (client tools only; Anthropic server tools have no Chat form) and §3.8 tool_choice. */
    private static void tools(JsonObject request, JsonObjectBuilder chat) {
        JsonValue value = request.get("tools");
        Set<String> names = new HashSet<>();
        JsonArrayBuilder tools = JsonIo.array();
        if (value != null && value != JsonValue.NULL) {
            if (!(value instanceof JsonArray array)) {
                throw new RequestContentException("tools", "'tools' must be an array");
            }
            for (int i = 0; i < array.size(); i++) {
                String field = "tools[" + i + "]";
                if (!(array.get(i) instanceof JsonObject tool)) {
                    throw new RequestContentException(field, "Each tool must be an object");
                }
                String type = tool.getString("type", "custom");
                if (!type.equals("custom")) {
                    continue;
                }
                String name = requireString(tool, "name", field);
                names.add(name);
                tools.add(JsonIo.object().add("type", "function").add("function", function(tool, name, field)));
            }
        }
        if (names.isEmpty()) {
            return;
        }
        chat.add("tools", tools);
        JsonValue choice = request.get("tool_choice");
        if (choice == null || choice == JsonValue.NULL) {
            return;
        }
        if (!(choice instanceof JsonObject toolChoice) || !(toolChoice.get("type") instanceof JsonString type)) {
            throw new RequestContentException("tool_choice", "'tool_choice' must be an object with a 'type'");
        }
        switch (type.getString()) {
            case "auto" -> chat.add("tool_choice", "auto");
            case "any" -> chat.add("tool_choice", "required");
            case "none" -> chat.add("tool_choice", "none");
            case "tool" -> {
                String name = requireString(toolChoice, "name", "tool_choice");
                // Naming a tool that is not offered would be rejected upstream; the model chooses instead (xuangong).
                if (names.contains(name)) {
                    chat.add("tool_choice", JsonIo.object().add("type", "function").add("function", JsonIo.object().add("name", name)));
                }
            }
            default -> {
                // unknown choices are omitted (§3.8)
            }
        }
        if (toolChoice.getBoolean("disable_parallel_tool_use", false)) {
            chat.add("parallel_tool_calls", false);
        }
    }

    private static JsonObject function(JsonObject tool, String name, String field) {
        JsonValue schema = tool.get("input_schema");
        if (!(schema instanceof JsonObject parameters)) {
            throw new RequestContentException(field + ".input_schema", "A tool needs an 'input_schema' object");
        }
        if ("object".equals(parameters.getString("type", "")) && !parameters.containsKey("properties")) {
            // Copilot rejects object schemas without properties (UPSTREAM §8.1).
            parameters = JsonIo.PROVIDER.createObjectBuilder(parameters).add("properties", JsonValue.EMPTY_JSON_OBJECT).build();
        }
        JsonObjectBuilder function = JsonIo.object().add("name", name);
        if (tool.get("description") instanceof JsonString description) {
            function.add("description", description);
        }
        function.add("parameters", parameters);
        if (tool.getBoolean("strict", false)) {
            function.add("strict", true);
        }
        return function.build();
    }

    /**
     * §12: Claude gets Copilot's {@code thinking_budget} unless the client named an effort
     * ({@code output_config.effort} wins, §3.1); every other model a {@code reasoning_effort} it lists.
     */
    private static void reasoning(JsonObject request, CopilotModel model, boolean claude, Options options, JsonObjectBuilder chat) {
        if (claude && options.claudeThinkingBudget() && ReasoningEffort.requestedOutputEffort(request).isEmpty()) {
            OptionalInt budget = ReasoningEffort.claudeThinkingBudget(request, model);
            if (budget.isPresent()) {
                chat.add("thinking_budget", budget.getAsInt());
            }
            return;
        }
        ReasoningEffort.fromAnthropic(request, model).ifPresent(effort -> chat.add("reasoning_effort", effort));
    }

    /** {@code output_config.format} (JSON schema output) as Chat's {@code response_format} (§3.1, xuangong). */
    private static Optional<JsonObject> responseFormat(JsonObject request) {
        if (!(request.get("output_config") instanceof JsonObject config) || !(config.get("format") instanceof JsonObject format)) {
            return Optional.empty();
        }
        if (!"json_schema".equals(format.getString("type", "")) || !(format.get("schema") instanceof JsonObject schema)) {
            throw new RequestContentException("output_config.format", "'output_config.format' must be {\"type\":\"json_schema\",\"schema\":{...}}");
        }
        return Optional.of(JsonIo.object()
                .add("type", "json_schema")
                .add("json_schema", JsonIo.object().add("name", "response").add("schema", schema).add("strict", true))
                .build());
    }
}
