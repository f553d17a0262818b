package dev.copilotgateway.translate.gemini;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import dev.copilotgateway.translate.ReasoningEffort;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Gemini {@code generateContent} request as an OpenAI Chat Completions request for Copilot's
 * {@code /chat/completions} (TRANSLATION.md §11.2, thinking per §12.3).
 *
 * <p>Gemini pairs a {@code functionResponse} with its {@code functionCall} by name (newer clients also echo the
 * call's {@code id}); Chat pairs them by id. A call without an id gets {@code call_<content>_<part>}, its position
 * in the history, so the same history always gives the same ids (the upstream's prompt cache sees the same
 * prefix every turn), and a response without an id takes the oldest unanswered call of its name.
 *
 * <p>Field names are read in Gemini's JSON form ({@code inlineData}) and in the proto form ({@code inline_data})
 * that Google's REST API accepts as well. The result needs {@code copilot-vision-request: true} when it carries
 * images ({@code OpenAiRequests.hasImages(result.getJsonArray("messages"))}).
 */
public final class GeminiToChatRequest {

    /** The schema Copilot accepts for a function without parameters (UPSTREAM §8.1: objects need properties). */
    private static final JsonObject EMPTY_PARAMETERS = JsonIo.object().add("type", "object").add("properties", JsonValue.EMPTY_JSON_OBJECT).build();
    /** Part kinds that cannot be sent to a Chat upstream; parts with no content key at all (metadata only) are skipped. */
    private static final List<String> UNSUPPORTED_PARTS = List.of("executableCode", "codeExecutionResult", "videoMetadata");

    /** One Chat message being built; tool calls stay editable until unanswered ones are dropped. */
    private static final class Message {
        private final String role;
        private JsonValue content;
        private final List<ToolCall> toolCalls = new ArrayList<>();
        private String toolCallId;
        private String functionName;

        Message(String role, JsonValue content) {
            this.role = role;
            this.content = content;
        }
    }

    private record ToolCall(String id, String name, String arguments) {
    }

    private GeminiToChatRequest() {
    }

    /**
     * The Chat request for {@code model} (its id is sent as {@code model}).
     *
     * @param stream whether the client called {@code streamGenerateContent}
     * @throws RequestContentException (a 400 for the client) when the request is malformed or carries content a
     *         Chat upstream cannot take (non-image files, code execution parts, more than one candidate)
     */
    public static JsonObject translate(JsonObject geminiRequest, CopilotModel model, boolean stream) {
        List<Message> messages = new ArrayList<>();
        systemMessage(field(geminiRequest, "systemInstruction")).ifPresent(messages::add);
        Set<String> calledFunctions = new LinkedHashSet<>();
        messages.addAll(conversation(field(geminiRequest, "contents"), calledFunctions));

        JsonObjectBuilder chat = JsonIo.object().add("model", model.id()).add("messages", messageArray(mergeSameRole(messages)));
        tools(geminiRequest, calledFunctions, chat);
        generationConfig(geminiRequest, model, chat);
        if (stream) {
            chat.add("stream", true).add("stream_options", JsonIo.object().add("include_usage", true));
        }
        // safetySettings and cachedContent have no Chat equivalent (§11.2): dropped.
        return chat.build();
    }

    // ---- system instruction and contents -------------------------------------------------------------------------

    /** {@code systemInstruction}: a Content (or, leniently, a string) whose text parts become one system message. */
    private static Optional<Message> systemMessage(JsonValue instruction) {
        if (instruction == null || instruction == JsonValue.NULL) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        if (instruction instanceof JsonString text) {
            texts.add(text.getString());
        } else if (instruction instanceof JsonObject content) {
            List<JsonObject> parts = parts(content, "systemInstruction");
            for (int p = 0; p < parts.size(); p++) {
                JsonValue text = field(parts.get(p), "text");
                if (text != null && !(text instanceof JsonString)) {
                    throw new RequestContentException("systemInstruction.parts[" + p + "].text", "'text' must be a string");
                }
                if (text instanceof JsonString string && !string.getString().isEmpty()) {
                    texts.add(string.getString());
                }
            }
        } else {
            throw new RequestContentException("systemInstruction", "'systemInstruction' must be a Content object with text parts");
        }
        String joined = String.join("\n\n", texts);
        return joined.isEmpty() ? Optional.empty() : Optional.of(new Message("system", JsonIo.PROVIDER.createValue(joined)));
    }

    /** {@code contents} as Chat messages, tool calls paired with their responses and unanswered calls dropped. */
    private static List<Message> conversation(JsonValue contents, Set<String> calledFunctions) {
        if (contents instanceof JsonString text) {
            return List.of(new Message("user", JsonIo.PROVIDER.createValue(text.getString())));
        }
        if (!(contents instanceof JsonArray array)) {
            throw new RequestContentException("contents", "'contents' is required and must be an array of Content objects");
        }
        List<Message> messages = new ArrayList<>();
        Map<String, ArrayDeque<String>> pendingCalls = new HashMap<>();
        for (int c = 0; c < array.size(); c++) {
            String fieldPath = "contents[" + c + "]";
            JsonValue item = array.get(c);
            List<JsonObject> parts;
            String role;
            if (item instanceof JsonObject content && (content.containsKey("parts") || content.containsKey("role"))) {
                parts = parts(content, fieldPath);
                role = content.get("role") instanceof JsonString name ? name.getString() : "user";
            } else if (item instanceof JsonObject barePart) {
                // Gemini CLI puts a functionResponse part directly into contents (§11.2).
                parts = List.of(barePart);
                role = "user";
            } else if (item instanceof JsonArray bareParts) {
                parts = objects(bareParts, fieldPath);
                role = "user";
            } else {
                throw new RequestContentException(fieldPath, "Each item of 'contents' must be a Content object with 'role' and 'parts'");
            }
            if (role.equals("model")) {
                modelTurn(parts, c, fieldPath, pendingCalls, calledFunctions).ifPresent(messages::add);
            } else {
                userTurn(parts, fieldPath, pendingCalls, messages);
            }
        }
        return withoutUnansweredCalls(messages);
    }

    /** A {@code model} turn: its text as content (thoughts dropped), its function calls as tool_calls. */
    private static Optional<Message> modelTurn(List<JsonObject> parts, int contentIndex, String fieldPath,
            Map<String, ArrayDeque<String>> pendingCalls, Set<String> calledFunctions) {
        StringBuilder text = new StringBuilder();
        Message message = new Message("assistant", JsonValue.NULL);
        for (int p = 0; p < parts.size(); p++) {
            String partPath = fieldPath + ".parts[" + p + "]";
            JsonObject part = parts.get(p);
            rejectUnsupported(part, partPath);
            if (field(part, "functionCall") instanceof JsonObject call) {
                String name = requiredName(call, partPath + ".functionCall");
                String id = field(call, "id") instanceof JsonString given && !given.getString().isBlank()
                        ? given.getString() : "call_" + contentIndex + "_" + p;
                JsonValue args = field(call, "args");
                if (args != null && args != JsonValue.NULL && !(args instanceof JsonObject)) {
                    throw new RequestContentException(partPath + ".functionCall.args", "'args' must be an object");
                }
                String arguments = args instanceof JsonObject object ? object.toString() : "{}";
                message.toolCalls.add(new ToolCall(id, name, arguments));
                pendingCalls.computeIfAbsent(name, key -> new ArrayDeque<>()).add(id);
                calledFunctions.add(name);
            } else if (field(part, "functionResponse") != null) {
                throw new RequestContentException(partPath + ".functionResponse", "A functionResponse belongs in a 'user' turn, not a 'model' turn");
            } else if (field(part, "inlineData") != null || field(part, "fileData") != null) {
                throw new RequestContentException(partPath, "A 'model' turn can only carry text and functionCall parts");
            } else {
                textOf(part, partPath).ifPresent(text::append);
            }
        }
        if (text.length() > 0) {
            message.content = JsonIo.PROVIDER.createValue(text.toString());
        }
        return text.length() > 0 || !message.toolCalls.isEmpty() ? Optional.of(message) : Optional.empty();
    }

    /** A {@code user} (or {@code function}) turn: its function responses as tool messages first, then its text and images. */
    private static void userTurn(List<JsonObject> parts, String fieldPath, Map<String, ArrayDeque<String>> pendingCalls, List<Message> out) {
        List<JsonObject> contentParts = new ArrayList<>();
        boolean anyResponse = false;
        for (int p = 0; p < parts.size(); p++) {
            String partPath = fieldPath + ".parts[" + p + "]";
            JsonObject part = parts.get(p);
            rejectUnsupported(part, partPath);
            if (field(part, "functionResponse") instanceof JsonObject response) {
                out.add(toolMessage(response, partPath + ".functionResponse", pendingCalls));
                anyResponse = true;
            } else if (field(part, "functionCall") != null) {
                throw new RequestContentException(partPath + ".functionCall", "A functionCall belongs in a 'model' turn, not a 'user' turn");
            } else if (field(part, "inlineData") instanceof JsonObject data) {
                String mimeType = imageMimeType(data, partPath + ".inlineData");
                String base64 = requiredString(data, "data", partPath + ".inlineData");
                contentParts.add(imagePart("data:" + mimeType + ";base64," + base64));
            } else if (field(part, "fileData") instanceof JsonObject file) {
                imageMimeType(file, partPath + ".fileData");
                contentParts.add(imagePart(requiredString(file, "fileUri", partPath + ".fileData")));
            } else {
                textOf(part, partPath).filter(text -> !text.isEmpty()).ifPresent(text -> contentParts.add(textPart(text)));
            }
        }
        if (contentParts.isEmpty() && anyResponse) {
            return;
        }
        JsonValue content;
        if (contentParts.isEmpty()) {
            content = JsonIo.PROVIDER.createValue("");
        } else if (contentParts.size() == 1 && "text".equals(contentParts.get(0).getString("type"))) {
            content = contentParts.get(0).get("text");
        } else {
            JsonArrayBuilder array = JsonIo.array();
            contentParts.forEach(array::add);
            content = array.build();
        }
        out.add(new Message("user", content));
    }

    /** A functionResponse as a tool message: its own id, else the oldest unanswered call of that name (§11.2). */
    private static Message toolMessage(JsonObject response, String fieldPath, Map<String, ArrayDeque<String>> pendingCalls) {
        String name = requiredName(response, fieldPath);
        ArrayDeque<String> pending = pendingCalls.getOrDefault(name, new ArrayDeque<>());
        String id;
        if (field(response, "id") instanceof JsonString given && !given.getString().isBlank()) {
            id = given.getString();
            pending.remove(id);
        } else {
            id = pending.poll();
        }
        JsonValue result = field(response, "response");
        Message message = new Message("tool", JsonIo.PROVIDER.createValue(result == null ? "{}" : result.toString()));
        message.toolCallId = id;
        message.functionName = name;
        return message;
    }

    /**
     * Calls nobody answered (cancelled by the user) are dropped, with their assistant message when nothing else is
     * left in it, because Chat upstreams reject tool_calls without tool messages; a response to no known call
     * becomes a user message saying what it was, because a tool message needs its call (§11.2).
     */
    private static List<Message> withoutUnansweredCalls(List<Message> messages) {
        Set<String> callIds = new HashSet<>();
        Set<String> answered = new HashSet<>();
        for (Message message : messages) {
            message.toolCalls.forEach(call -> callIds.add(call.id()));
            if (message.role.equals("tool") && message.toolCallId != null) {
                answered.add(message.toolCallId);
            }
        }
        List<Message> result = new ArrayList<>(messages.size());
        Set<String> kept = new HashSet<>();
        for (Message message : messages) {
            if (message.role.equals("tool")) {
                if (message.toolCallId != null && callIds.contains(message.toolCallId) && kept.add(message.toolCallId)) {
                    result.add(message);
                } else {
                    String text = "Result of function " + message.functionName + ": " + ((JsonString) message.content).getString();
                    result.add(new Message("user", JsonIo.PROVIDER.createValue(text)));
                }
                continue;
            }
            message.toolCalls.removeIf(call -> !answered.contains(call.id()));
            if (message.role.equals("assistant") && message.toolCalls.isEmpty() && message.content == JsonValue.NULL) {
                continue;
            }
            result.add(message);
        }
        return result;
    }

    /** Consecutive user or assistant messages with plain text are joined with a blank line; an empty user text is {@code " "}. */
    private static List<Message> mergeSameRole(List<Message> messages) {
        List<Message> merged = new ArrayList<>(messages.size());
        for (Message message : messages) {
            Message previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (previous != null && previous.role.equals(message.role) && !message.role.equals("tool") && !message.role.equals("system")
                    && plainText(previous) && plainText(message)) {
                String joined = ((JsonString) previous.content).getString() + "\n\n" + ((JsonString) message.content).getString();
                previous.content = JsonIo.PROVIDER.createValue(joined);
            } else {
                merged.add(message);
            }
        }
        for (Message message : merged) {
            if (message.role.equals("user") && message.content instanceof JsonString text && text.getString().isEmpty()) {
                message.content = JsonIo.PROVIDER.createValue(" ");
            }
        }
        return merged;
    }

    private static boolean plainText(Message message) {
        return message.content instanceof JsonString && message.toolCalls.isEmpty();
    }

    private static JsonArray messageArray(List<Message> messages) {
        JsonArrayBuilder array = JsonIo.array();
        for (Message message : messages) {
            JsonObjectBuilder json = JsonIo.object().add("role", message.role);
            if (message.role.equals("tool")) {
                json.add("tool_call_id", message.toolCallId);
            }
            json.add("content", message.content);
            if (!message.toolCalls.isEmpty()) {
                JsonArrayBuilder calls = JsonIo.array();
                for (ToolCall call : message.toolCalls) {
                    calls.add(JsonIo.object()
                            .add("id", call.id())
                            .add("type", "function")
                            .add("function", JsonIo.object().add("name", call.name()).add("arguments", call.arguments())));
                }
                json.add("tool_calls", calls);
            }
            array.add(json);
        }
        return array.build();
    }

    // ---- parts ---------------------------------------------------------------------------------------------------

    /** A part's text, unless it is a thought (Gemini's own reasoning is not replayed, §11.2) or has no text. */
    private static Optional<String> textOf(JsonObject part, String partPath) {
        JsonValue text = field(part, "text");
        if (text == null || text == JsonValue.NULL || part.getBoolean("thought", false)) {
            return Optional.empty();
        }
        if (!(text instanceof JsonString string)) {
            throw new RequestContentException(partPath + ".text", "'text' must be a string");
        }
        return Optional.of(string.getString());
    }

    private static void rejectUnsupported(JsonObject part, String partPath) {
        for (String kind : UNSUPPORTED_PARTS) {
            if (field(part, kind) != null) {
                throw new RequestContentException(partPath + "." + kind, "Parts of kind '" + kind + "' cannot be sent to this model");
            }
        }
    }

    private static String imageMimeType(JsonObject data, String fieldPath) {
        String mimeType = requiredString(data, "mimeType", fieldPath);
        if (!mimeType.toLowerCase(Locale.ROOT).startsWith("image/")) {
            throw new RequestContentException(fieldPath + ".mimeType", "Only images can be sent to this model, not '" + mimeType + "'");
        }
        return mimeType;
    }

    private static JsonObject imagePart(String url) {
        return JsonIo.object().add("type", "image_url").add("image_url", JsonIo.object().add("url", url)).build();
    }

    private static JsonObject textPart(String text) {
        return JsonIo.object().add("type", "text").add("text", text).build();
    }

    /** A content's {@code parts}; absent is no parts, a single part object is accepted as a list of one. */
    private static List<JsonObject> parts(JsonObject content, String fieldPath) {
        JsonValue parts = content.get("parts");
        if (parts == null || parts == JsonValue.NULL) {
            return List.of();
        }
        if (parts instanceof JsonObject single) {
            return List.of(single);
        }
        if (!(parts instanceof JsonArray array)) {
            throw new RequestContentException(fieldPath + ".parts", "'parts' must be an array of Part objects");
        }
        return objects(array, fieldPath + ".parts");
    }

    private static List<JsonObject> objects(JsonArray array, String fieldPath) {
        List<JsonObject> objects = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject object)) {
                throw new RequestContentException(fieldPath + "[" + i + "]", "Each part must be an object");
            }
            objects.add(object);
        }
        return objects;
    }

    // ---- tools ---------------------------------------------------------------------------------------------------

    /**
     * {@code tools[].functionDeclarations} as function tools (Google's built-in tools cannot run upstream and are
     * dropped); without any, the functions the history calls get empty schemas so the upstream accepts the history.
     * {@code toolConfig} becomes {@code tool_choice} when there are tools.
     */
    private static void tools(JsonObject request, Set<String> calledFunctions, JsonObjectBuilder chat) {
        JsonValue value = field(request, "tools");
        Map<String, JsonObject> functions = new LinkedHashMap<>();
        if (value != null && value != JsonValue.NULL) {
            if (!(value instanceof JsonArray array)) {
                throw new RequestContentException("tools", "'tools' must be an array of Tool objects");
            }
            for (int t = 0; t < array.size(); t++) {
                if (!(array.get(t) instanceof JsonObject tool)) {
                    throw new RequestContentException("tools[" + t + "]", "Each tool must be an object");
                }
                JsonValue declarations = field(tool, "functionDeclarations");
                if (declarations == null || declarations == JsonValue.NULL) {
                    continue;
                }
                if (!(declarations instanceof JsonArray list)) {
                    throw new RequestContentException("tools[" + t + "].functionDeclarations", "'functionDeclarations' must be an array");
                }
                for (int d = 0; d < list.size(); d++) {
                    String path = "tools[" + t + "].functionDeclarations[" + d + "]";
                    if (!(list.get(d) instanceof JsonObject declaration)) {
                        throw new RequestContentException(path, "Each function declaration must be an object");
                    }
                    if (declaration.get("name") instanceof JsonString name && !name.getString().isBlank()) {
                        functions.put(name.getString(), function(declaration, name.getString()));
                    }
                }
            }
        }
        if (functions.isEmpty()) {
            calledFunctions.forEach(name -> functions.put(name, JsonIo.object().add("name", name).add("parameters", EMPTY_PARAMETERS).build()));
        }
        if (functions.isEmpty()) {
            return;
        }
        JsonArrayBuilder tools = JsonIo.array();
        functions.values().forEach(function -> tools.add(JsonIo.object().add("type", "function").add("function", function)));
        chat.add("tools", tools);
        toolChoice(field(request, "toolConfig")).ifPresent(choice -> chat.add("tool_choice", choice));
    }

    private static JsonObject function(JsonObject declaration, String name) {
        JsonObjectBuilder function = JsonIo.object().add("name", name);
        if (declaration.get("description") instanceof JsonString description) {
            function.add("description", description);
        }
        JsonValue schema = field(declaration, "parametersJsonSchema");
        if (schema == null || schema == JsonValue.NULL) {
            schema = declaration.get("parameters");
        }
        return function.add("parameters", parameters(schema)).build();
    }

    /** A function's schema with lower-case type names; none or an empty one is an object without properties. */
    private static JsonObject parameters(JsonValue schema) {
        if (!(schema instanceof JsonObject object) || object.isEmpty()) {
            return EMPTY_PARAMETERS;
        }
        JsonObject normalised = (JsonObject) lowerCaseTypes(object);
        if ("object".equals(normalised.getString("type", "")) && !normalised.containsKey("properties")) {
            return JsonIo.PROVIDER.createObjectBuilder(normalised).add("properties", JsonValue.EMPTY_JSON_OBJECT).build();
        }
        return normalised;
    }

    /** Gemini's OpenAPI-style schemas spell types {@code "OBJECT"}, {@code "STRING"}; JSON Schema wants lower case (§11.2). */
    static JsonValue lowerCaseTypes(JsonValue schema) {
        if (schema instanceof JsonObject object) {
            JsonObjectBuilder result = JsonIo.object();
            object.forEach((key, value) -> {
                if (key.equals("type") && value instanceof JsonString type) {
                    result.add(key, type.getString().toLowerCase(Locale.ROOT));
                } else if (key.equals("type") && value instanceof JsonArray types) {
                    JsonArrayBuilder lowered = JsonIo.array();
                    types.forEach(item -> lowered.add(item instanceof JsonString text ? JsonIo.PROVIDER.createValue(text.getString().toLowerCase(Locale.ROOT)) : item));
                    result.add(key, lowered);
                } else {
                    result.add(key, lowerCaseTypes(value));
                }
            });
            return result.build();
        }
        if (schema instanceof JsonArray array) {
            JsonArrayBuilder result = JsonIo.array();
            array.forEach(item -> result.add(lowerCaseTypes(item)));
            return result.build();
        }
        return schema;
    }

    /** {@code functionCallingConfig.mode}: AUTO → auto, ANY → required (or the one allowed function), NONE → none. */
    private static Optional<JsonValue> toolChoice(JsonValue toolConfig) {
        if (!(toolConfig instanceof JsonObject config) || !(field(config, "functionCallingConfig") instanceof JsonObject calling)) {
            return Optional.empty();
        }
        String mode = calling.get("mode") instanceof JsonString text ? text.getString().toUpperCase(Locale.ROOT) : "";
        switch (mode) {
            case "AUTO", "VALIDATED" -> {
                return Optional.of(JsonIo.PROVIDER.createValue("auto"));
            }
            case "NONE" -> {
                return Optional.of(JsonIo.PROVIDER.createValue("none"));
            }
            case "ANY" -> {
                if (field(calling, "allowedFunctionNames") instanceof JsonArray allowed && allowed.size() == 1
                        && allowed.get(0) instanceof JsonString only) {
                    return Optional.of(JsonIo.object()
                            .add("type", "function")
                            .add("function", JsonIo.object().add("name", only.getString()))
                            .build());
                }
                return Optional.of(JsonIo.PROVIDER.createValue("required"));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    // ---- generationConfig ----------------------------------------------------------------------------------------

    private static void generationConfig(JsonObject request, CopilotModel model, JsonObjectBuilder chat) {
        JsonValue value = field(request, "generationConfig");
        JsonObject config;
        if (value == null || value == JsonValue.NULL) {
            config = JsonValue.EMPTY_JSON_OBJECT;
        } else if (value instanceof JsonObject object) {
            config = object;
        } else {
            throw new RequestContentException("generationConfig", "'generationConfig' must be an object");
        }
        maxTokens(config, model).ifPresent(max -> chat.add("max_tokens", max));
        copyNumber(config, "temperature", "temperature", chat);
        copyNumber(config, "topP", "top_p", chat);
        // topK has no Chat equivalent (§11.2): dropped.
        copyNumber(config, "presencePenalty", "presence_penalty", chat);
        copyNumber(config, "frequencyPenalty", "frequency_penalty", chat);
        copyNumber(config, "seed", "seed", chat);
        stop(config).ifPresent(stop -> chat.add("stop", stop));
        candidateCount(config);
        responseFormat(config).ifPresent(format -> chat.add("response_format", format));
        JsonValue thinking = field(config, "thinkingConfig");
        if (thinking != null && thinking != JsonValue.NULL && !(thinking instanceof JsonObject)) {
            throw new RequestContentException("generationConfig.thinkingConfig", "'thinkingConfig' must be an object");
        }
        ReasoningEffort.fromGeminiThinkingConfig(thinking instanceof JsonObject object ? object : null, model)
                .ifPresent(effort -> chat.add("reasoning_effort", effort));
    }

    /** {@code maxOutputTokens}, else the model's {@code max_output_tokens} (§11.2's recommendation). */
    private static Optional<Long> maxTokens(JsonObject config, CopilotModel model) {
        JsonValue value = field(config, "maxOutputTokens");
        if (value != null && value != JsonValue.NULL) {
            if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 1) {
                throw new RequestContentException("generationConfig.maxOutputTokens", "'maxOutputTokens' must be a positive integer");
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

    /** Copilot answers one candidate per request; asking for more is refused rather than silently ignored. */
    private static void candidateCount(JsonObject config) {
        JsonValue value = field(config, "candidateCount");
        if (value == null || value == JsonValue.NULL) {
            return;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() != 1) {
            throw new RequestContentException("generationConfig.candidateCount",
                    "Only one candidate per request is supported (candidateCount must be 1)");
        }
    }

    private static Optional<JsonArray> stop(JsonObject config) {
        JsonValue value = field(config, "stopSequences");
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
            throw new RequestContentException("generationConfig.stopSequences", "'stopSequences' must be an array of strings");
        }
        return array.isEmpty() ? Optional.empty() : Optional.of(array);
    }

    /** {@code responseJsonSchema} / {@code responseSchema} → a strict JSON schema; JSON without a schema → json_object. */
    private static Optional<JsonObject> responseFormat(JsonObject config) {
        JsonValue schema = field(config, "responseJsonSchema");
        if (schema == null || schema == JsonValue.NULL) {
            schema = field(config, "responseSchema");
        }
        if (schema != null && schema != JsonValue.NULL) {
            if (!(schema instanceof JsonObject)) {
                throw new RequestContentException("generationConfig.responseSchema", "'responseSchema' must be an object");
            }
            return Optional.of(JsonIo.object()
                    .add("type", "json_schema")
                    .add("json_schema", JsonIo.object().add("name", "gemini_response").add("strict", true).add("schema", lowerCaseTypes(schema)))
                    .build());
        }
        if (field(config, "responseMimeType") instanceof JsonString mimeType && mimeType.getString().equalsIgnoreCase("application/json")) {
            return Optional.of(JsonIo.object().add("type", "json_object").build());
        }
        return Optional.empty();
    }

    private static void copyNumber(JsonObject config, String geminiName, String chatName, JsonObjectBuilder chat) {
        JsonValue value = field(config, geminiName);
        if (value == null || value == JsonValue.NULL) {
            return;
        }
        if (!(value instanceof JsonNumber)) {
            throw new RequestContentException("generationConfig." + geminiName, "'" + geminiName + "' must be a number");
        }
        chat.add(chatName, value);
    }

    // ---- fields --------------------------------------------------------------------------------------------------

    /** A field by its JSON name ({@code inlineData}) or its proto name ({@code inline_data}); null when absent. */
    static JsonValue field(JsonObject object, String camelName) {
        JsonValue value = object.get(camelName);
        return value != null ? value : object.get(snakeCase(camelName));
    }

    private static String snakeCase(String camelName) {
        StringBuilder snake = new StringBuilder(camelName.length() + 4);
        for (char ch : camelName.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                snake.append('_').append(Character.toLowerCase(ch));
            } else {
                snake.append(ch);
            }
        }
        return snake.toString();
    }

    private static String requiredName(JsonObject object, String fieldPath) {
        if (!(object.get("name") instanceof JsonString name) || name.getString().isBlank()) {
            throw new RequestContentException(fieldPath + ".name", "'name' is required and must be a non-empty string");
        }
        return name.getString();
    }

    private static String requiredString(JsonObject object, String camelName, String fieldPath) {
        if (!(field(object, camelName) instanceof JsonString value) || value.getString().isEmpty()) {
            throw new RequestContentException(fieldPath + "." + camelName, "'" + camelName + "' is required and must be a string");
        }
        return value.getString();
    }
}
