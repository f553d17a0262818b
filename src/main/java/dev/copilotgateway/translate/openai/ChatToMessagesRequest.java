package dev.copilotgateway.translate.openai;

import static dev.copilotgateway.translate.JsonFields.object;
import static dev.copilotgateway.translate.JsonFields.present;
import static dev.copilotgateway.translate.JsonFields.string;
import static dev.copilotgateway.translate.JsonFields.texts;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.ModelCapabilities;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import dev.copilotgateway.translate.ReasoningEffort;
import dev.copilotgateway.translate.anthropic.NativeMessagesCacheControl;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OpenAI Chat Completions request as an Anthropic Messages request for Copilot's {@code /v1/messages}
 * (TRANSLATION §9.1), for the models served only there. Anthropic wants strictly alternating turns, tool results
 * inside the user turn that follows the tool calls, and no sampling parameters next to extended thinking; the
 * translation arranges all three. Fields Messages has no counterpart for ({@code n}, penalties,
 * {@code logit_bias}, {@code logprobs}, {@code seed}, {@code stream_options}) are left out.
 */
public final class ChatToMessagesRequest {

    /** Anthropic requires {@code max_tokens}; used when neither the client nor the model states one. */
    static final long DEFAULT_MAX_TOKENS = 4096;

    private static final JsonObject EMPTY_SCHEMA = JsonIo.object()
            .add("type", "object")
            .add("properties", JsonValue.EMPTY_JSON_OBJECT)
            .build();

    private ChatToMessagesRequest() {
    }

    /**
     * The {@code /v1/messages} body for {@code chatRequest} sent to {@code model}, with the three cache breakpoints
     * of §13.2 (system, last tool, last message).
     *
     * @throws RequestContentException when the request is malformed or holds content the upstream cannot take
     */
    public static JsonObject translate(JsonObject chatRequest, CopilotModel model) {
        JsonArray messages = messages(chatRequest.get("messages"));
        long maxTokens = maxTokens(chatRequest, model);
        JsonObjectBuilder body = JsonIo.object()
                .add("model", model.id())
                .add("max_tokens", maxTokens);
        List<String> system = systemTexts(messages);
        if (!system.isEmpty()) {
            body.add("system", JsonIo.array().add(textBlock(String.join("\n\n", system))));
        }
        body.add("messages", turns(messages));
        body.add("stream", chatRequest.get("stream") == JsonValue.TRUE);
        JsonValue stop = stopSequences(chatRequest.get("stop"));
        if (stop != null) {
            body.add("stop_sequences", stop);
        }
        JsonValue tools = tools(chatRequest.get("tools"));
        Optional<JsonObject> toolChoice = tools == null ? Optional.empty() : toolChoice(chatRequest);
        if (tools != null) {
            body.add("tools", tools);
            toolChoice.ifPresent(choice -> body.add("tool_choice", choice));
        }
        JsonObjectBuilder outputConfig = JsonIo.object();
        boolean thinking = false;
        if (present(chatRequest.get("reasoning_effort")) && !forcesTool(toolChoice)) {
            Optional<JsonObject> fields = ReasoningEffort.toAnthropicThinking(effort(chatRequest.get("reasoning_effort")), model, maxTokens);
            if (fields.isPresent()) {
                thinking = true;
                body.add("thinking", fields.get().get("thinking"));
                if (fields.get().get("output_config") instanceof JsonObject effortConfig) {
                    outputConfig.addAll(JsonIo.PROVIDER.createObjectBuilder(effortConfig));
                }
            }
        }
        if (!thinking) {
            // Anthropic rejects temperature and top_p changes next to extended thinking; its temperature stops at 1.
            if (chatRequest.get("temperature") instanceof JsonNumber temperature) {
                body.add("temperature", temperature.bigDecimalValue().min(BigDecimal.ONE).max(BigDecimal.ZERO));
            }
            if (chatRequest.get("top_p") instanceof JsonNumber topP) {
                body.add("top_p", topP);
            }
        }
        if (present(chatRequest.get("response_format"))) {
            outputFormat(chatRequest.get("response_format")).ifPresent(format -> outputConfig.add("format", format));
        }
        JsonObject config = outputConfig.build();
        if (!config.isEmpty()) {
            body.add("output_config", config);
        }
        if (chatRequest.get("user") instanceof JsonString user && !user.getString().isEmpty()) {
            body.add("metadata", JsonIo.object().add("user_id", user));
        }
        return NativeMessagesCacheControl.injectBreakpoints(body.build());
    }

    /** {@code max_completion_tokens} ?? {@code max_tokens} ?? the model's {@code max_output_tokens} ?? 4096. */
    private static long maxTokens(JsonObject chatRequest, CopilotModel model) {
        JsonValue requested = present(chatRequest.get("max_completion_tokens")) ? chatRequest.get("max_completion_tokens") : chatRequest.get("max_tokens");
        if (!present(requested)) {
            return ModelCapabilities.of(model).maxOutputTokens().orElse(DEFAULT_MAX_TOKENS);
        }
        if (!(requested instanceof JsonNumber number) || !number.isIntegral() || number.longValue() <= 0) {
            throw new RequestContentException("max_tokens", "max_completion_tokens / max_tokens must be a positive integer");
        }
        return number.longValue();
    }

    private static JsonArray messages(JsonValue messages) {
        if (messages instanceof JsonArray list) {
            return list;
        }
        throw new RequestContentException("messages", "messages must be an array");
    }

    /** The texts of all system and developer messages, wherever they stand. */
    private static List<String> systemTexts(JsonArray messages) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String path = "messages[" + i + "]";
            JsonObject message = object(messages.get(i), path);
            String role = string(message, "role", path);
            if (role.equals("system") || role.equals("developer")) {
                texts.addAll(texts(message.get("content"), path + ".content"));
            }
        }
        texts.removeIf(String::isEmpty);
        return texts;
    }

    /**
     * The conversation as alternating user and assistant turns: tool messages become {@code tool_result} blocks of
     * the user turn after the calls, and consecutive turns of one side are merged into one.
     */
    private static JsonArray turns(JsonArray messages) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String path = "messages[" + i + "]";
            JsonObject message = object(messages.get(i), path);
            switch (string(message, "role", path)) {
                case "system", "developer" -> { }
                case "user" -> append(turns, "user", userBlocks(message.get("content"), path + ".content"), List.of());
                case "assistant" -> append(turns, "assistant", assistantBlocks(message, path), List.of());
                case "tool" -> append(turns, "user", List.of(), List.of(toolResult(message, path)));
                default -> throw new RequestContentException(path + ".role", "role must be system, developer, user, assistant or tool");
            }
        }
        if (turns.isEmpty()) {
            throw new RequestContentException("messages", "messages must hold at least one user or assistant message with content");
        }
        JsonArrayBuilder result = JsonIo.array();
        for (Turn turn : turns) {
            JsonArrayBuilder content = JsonIo.array();
            turn.toolResults.forEach(content::add);
            turn.blocks.forEach(content::add);
            result.add(JsonIo.object().add("role", turn.role).add("content", content));
        }
        return result.build();
    }

    /** Adds blocks to the last turn when it is {@code role}'s, else starts a turn; empty messages are skipped. */
    private static void append(List<Turn> turns, String role, List<JsonObject> blocks, List<JsonObject> toolResults) {
        if (blocks.isEmpty() && toolResults.isEmpty()) {
            return;
        }
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last == null || !last.role.equals(role)) {
            last = new Turn(role);
            turns.add(last);
        }
        last.blocks.addAll(blocks);
        // Anthropic wants a user turn's tool results before its other blocks.
        last.toolResults.addAll(toolResults);
    }

    private static List<JsonObject> userBlocks(JsonValue content, String path) {
        List<JsonObject> blocks = new ArrayList<>();
        if (!present(content)) {
            return blocks;
        }
        if (content instanceof JsonString text) {
            addText(blocks, text.getString());
            return blocks;
        }
        if (!(content instanceof JsonArray parts)) {
            throw new RequestContentException(path, "content must be a string or an array of content parts");
        }
        for (int j = 0; j < parts.size(); j++) {
            String partPath = path + "[" + j + "]";
            JsonObject part = object(parts.get(j), partPath);
            switch (string(part, "type", partPath)) {
                case "text" -> addText(blocks, string(part, "text", partPath));
                case "image_url" -> blocks.add(image(object(part.get("image_url"), partPath + ".image_url"), partPath + ".image_url"));
                default -> throw unsupported(part, partPath);
            }
        }
        return blocks;
    }

    /** An {@code image_url} part: a base64 data URL becomes a base64 source, any other URL a url source. */
    private static JsonObject image(JsonObject imageUrl, String path) {
        String url = string(imageUrl, "url", path);
        JsonObjectBuilder source = JsonIo.object();
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(0, comma);
        if (url.startsWith("data:") && header.endsWith(";base64")) {
            source.add("type", "base64")
                    .add("media_type", header.substring("data:".length(), header.length() - ";base64".length()))
                    .add("data", url.substring(comma + 1));
        } else if (url.startsWith("data:")) {
            throw new RequestContentException(path + ".url", "image data URLs must be base64-encoded (data:<media type>;base64,<data>)");
        } else {
            source.add("type", "url").add("url", url);
        }
        return JsonIo.object().add("type", "image").add("source", source).build();
    }

    /**
     * An assistant message's blocks: its thinking first (Anthropic requires it there, and only a block with a
     * Claude signature can be replayed), then text, then one {@code tool_use} per tool call.
     */
    private static List<JsonObject> assistantBlocks(JsonObject message, String path) {
        List<JsonObject> blocks = new ArrayList<>();
        if (message.get("reasoning_text") instanceof JsonString thinking && !thinking.getString().isEmpty()
                && message.get("reasoning_opaque") instanceof JsonString signature && !signature.getString().isEmpty()
                && !signature.getString().contains("@")) {
            blocks.add(JsonIo.object().add("type", "thinking").add("thinking", thinking).add("signature", signature).build());
        }
        JsonValue content = message.get("content");
        if (content instanceof JsonString text) {
            addText(blocks, text.getString());
        } else if (content instanceof JsonArray parts) {
            for (int j = 0; j < parts.size(); j++) {
                String partPath = path + ".content[" + j + "]";
                JsonObject part = object(parts.get(j), partPath);
                switch (string(part, "type", partPath)) {
                    case "text" -> addText(blocks, string(part, "text", partPath));
                    case "refusal" -> addText(blocks, string(part, "refusal", partPath));
                    default -> throw unsupported(part, partPath);
                }
            }
        } else if (present(content)) {
            throw new RequestContentException(path + ".content", "content must be a string or an array of content parts");
        }
        JsonValue toolCalls = message.get("tool_calls");
        if (!present(toolCalls)) {
            return blocks;
        }
        if (!(toolCalls instanceof JsonArray calls)) {
            throw new RequestContentException(path + ".tool_calls", "tool_calls must be an array");
        }
        for (int k = 0; k < calls.size(); k++) {
            String callPath = path + ".tool_calls[" + k + "]";
            JsonObject call = object(calls.get(k), callPath);
            JsonObject function = object(call.get("function"), callPath + ".function");
            blocks.add(JsonIo.object()
                    .add("type", "tool_use")
                    .add("id", string(call, "id", callPath))
                    .add("name", string(function, "name", callPath + ".function"))
                    .add("input", input(function.get("arguments")))
                    .build());
        }
        return blocks;
    }

    /** A tool call's arguments as the {@code tool_use} input: the parsed object, or {@code {}} when they are not one. */
    private static JsonObject input(JsonValue arguments) {
        if (arguments instanceof JsonObject object) {
            return object;
        }
        if (arguments instanceof JsonString text && !text.getString().isBlank()) {
            try {
                if (JsonIo.read(text.getString()) instanceof JsonObject parsed) {
                    return parsed;
                }
            } catch (JsonException notJson) {
                // A model's malformed arguments must not fail the whole conversation; the tool saw them anyway.
            }
        }
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    /** A tool message as a {@code tool_result}: its text (parts joined by a blank line), or blocks when it holds images. */
    private static JsonObject toolResult(JsonObject message, String path) {
        JsonObjectBuilder result = JsonIo.object()
                .add("type", "tool_result")
                .add("tool_use_id", string(message, "tool_call_id", path));
        JsonValue content = message.get("content");
        if (!present(content)) {
            return result.add("content", "").build();
        }
        if (content instanceof JsonString text) {
            return result.add("content", text).build();
        }
        if (!(content instanceof JsonArray parts)) {
            throw new RequestContentException(path + ".content", "content must be a string or an array of content parts");
        }
        boolean textOnly = parts.stream().allMatch(part -> part instanceof JsonObject object && "text".equals(object.getString("type", null)));
        if (textOnly) {
            return result.add("content", String.join("\n\n", texts(parts, path + ".content"))).build();
        }
        JsonArrayBuilder blocks = JsonIo.array();
        userBlocks(parts, path + ".content").forEach(blocks::add);
        return result.add("content", blocks).build();
    }

    /** Anthropic rejects empty text blocks, so empty texts are left out. */
    private static void addText(List<JsonObject> blocks, String text) {
        if (!text.isEmpty()) {
            blocks.add(textBlock(text));
        }
    }

    private static JsonObject textBlock(String text) {
        return JsonIo.object().add("type", "text").add("text", text).build();
    }

    /** {@code stop} as {@code stop_sequences}: a string becomes a one-element list; null when there is none. */
    private static JsonValue stopSequences(JsonValue stop) {
        if (!present(stop)) {
            return null;
        }
        if (stop instanceof JsonString text) {
            return JsonIo.array().add(text).build();
        }
        if (stop instanceof JsonArray list && list.stream().allMatch(JsonString.class::isInstance)) {
            return list.isEmpty() ? null : list;
        }
        throw new RequestContentException("stop", "stop must be a string or an array of strings");
    }

    /** Function tools in Anthropic's form; null when there are none (the field is then left out). */
    private static JsonValue tools(JsonValue tools) {
        List<ChatFunctionTools.Function> functions = ChatFunctionTools.of(tools);
        if (functions.isEmpty()) {
            return null;
        }
        JsonArrayBuilder result = JsonIo.array();
        for (ChatFunctionTools.Function tool : functions) {
            JsonObjectBuilder converted = JsonIo.object().add("name", tool.name());
            if (tool.function().get("description") instanceof JsonString description) {
                converted.add("description", description);
            }
            JsonValue parameters = tool.function().get("parameters");
            result.add(converted.add("input_schema", present(parameters) ? object(parameters, tool.path() + ".function.parameters") : EMPTY_SCHEMA));
        }
        return result.build();
    }

    /**
     * {@code tool_choice} in Anthropic's form ({@code auto}, {@code any}, {@code none}, {@code tool}), with
     * {@code parallel_tool_calls: false} as {@code disable_parallel_tool_use}; empty when the client set neither.
     */
    private static Optional<JsonObject> toolChoice(JsonObject chatRequest) {
        JsonValue choice = chatRequest.get("tool_choice");
        boolean serial = chatRequest.get("parallel_tool_calls") == JsonValue.FALSE;
        JsonObjectBuilder result;
        if (!present(choice)) {
            if (!serial) {
                return Optional.empty();
            }
            result = JsonIo.object().add("type", "auto");
        } else if (choice instanceof JsonString text) {
            result = JsonIo.object().add("type", switch (text.getString()) {
                case "auto" -> "auto";
                case "required" -> "any";
                case "none" -> "none";
                default -> throw new RequestContentException("tool_choice", "tool_choice must be auto, required, none or a function choice");
            });
        } else {
            JsonObject object = object(choice, "tool_choice");
            JsonObject function = object(object.get("function"), "tool_choice.function");
            result = JsonIo.object().add("type", "tool").add("name", string(function, "name", "tool_choice.function"));
        }
        JsonObject built = result.build();
        if (serial && !"none".equals(built.getString("type"))) {
            built = JsonIo.PROVIDER.createObjectBuilder(built).add("disable_parallel_tool_use", true).build();
        }
        return Optional.of(built);
    }

    /** Anthropic does not allow extended thinking when the model is forced to call a tool. */
    private static boolean forcesTool(Optional<JsonObject> toolChoice) {
        return toolChoice.map(choice -> choice.getString("type")).filter(type -> type.equals("any") || type.equals("tool")).isPresent();
    }

    private static String effort(JsonValue effort) {
        if (effort instanceof JsonString text) {
            return text.getString();
        }
        throw new RequestContentException("reasoning_effort", "reasoning_effort must be a string");
    }

    /** {@code response_format} json_schema as {@code output_config.format}; {@code text} and {@code json_object} have none. */
    private static Optional<JsonObject> outputFormat(JsonValue responseFormat) {
        JsonObject format = object(responseFormat, "response_format");
        return switch (string(format, "type", "response_format")) {
            case "text", "json_object" -> Optional.empty();
            case "json_schema" -> {
                JsonObject schema = object(format.get("json_schema"), "response_format.json_schema");
                yield Optional.of(JsonIo.object()
                        .add("type", "json_schema")
                        .add("schema", object(schema.get("schema"), "response_format.json_schema.schema"))
                        .build());
            }
            default -> throw new RequestContentException("response_format.type", "response_format.type must be text, json_object or json_schema");
        };
    }

    private static RequestContentException unsupported(JsonObject part, String path) {
        return new RequestContentException(path + ".type", "content parts of type '" + part.getString("type", "") + "' cannot be sent to this model");
    }

    /** One Anthropic turn being assembled: its tool results go before its other blocks. */
    private static final class Turn {
        final String role;
        final List<JsonObject> toolResults = new ArrayList<>();
        final List<JsonObject> blocks = new ArrayList<>();

        Turn(String role) {
            this.role = role;
        }
    }
}
