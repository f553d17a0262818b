package dev.copilotgateway.translate.openai;

import static dev.copilotgateway.translate.JsonFields.object;
import static dev.copilotgateway.translate.JsonFields.present;
import static dev.copilotgateway.translate.JsonFields.string;
import static dev.copilotgateway.translate.JsonFields.texts;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenAI Chat Completions request as a Copilot {@code /responses} request (TRANSLATION §8.1), for the models
 * served only there. {@code temperature} is left out (reasoning models reject it), and so are the Chat fields
 * Responses has no equivalent for ({@code stop}, {@code n}, penalties, {@code logit_bias}, {@code logprobs},
 * {@code seed}, {@code stream_options}: usage is always streamed).
 */
public final class ChatToResponsesRequest {

    private ChatToResponsesRequest() {
    }

    /**
     * The {@code /responses} body for {@code chatRequest} sent to {@code model}. {@code reasoning_effort} is passed
     * as the client wrote it.
     *
     * @throws RequestContentException when the request is malformed or holds content the upstream cannot take
     */
    public static JsonObject translate(JsonObject chatRequest, CopilotModel model) {
        JsonArray messages = messages(chatRequest.get("messages"));
        JsonObjectBuilder body = JsonIo.object()
                .add("model", model.id())
                .add("instructions", instructions(messages))
                .add("input", input(messages));
        copy(chatRequest, "stream", body);
        copy(chatRequest, "top_p", body);
        copy(chatRequest, "user", body);
        JsonValue maxTokens = present(chatRequest.get("max_completion_tokens")) ? chatRequest.get("max_completion_tokens") : chatRequest.get("max_tokens");
        if (present(maxTokens)) {
            if (!(maxTokens instanceof JsonNumber number) || !number.isIntegral() || number.longValue() <= 0) {
                throw new RequestContentException("max_tokens", "max_completion_tokens / max_tokens must be a positive integer");
            }
            body.add("max_output_tokens", maxTokens);
        }
        JsonValue tools = tools(chatRequest.get("tools"));
        if (tools != null) {
            body.add("tools", tools);
        }
        if (present(chatRequest.get("tool_choice"))) {
            body.add("tool_choice", toolChoice(chatRequest.get("tool_choice")));
        }
        JsonValue parallel = chatRequest.get("parallel_tool_calls");
        body.add("parallel_tool_calls", parallel != JsonValue.FALSE);
        if (chatRequest.get("reasoning_effort") instanceof JsonString effort) {
            body.add("reasoning", JsonIo.object().add("effort", effort));
        }
        if (present(chatRequest.get("response_format"))) {
            textFormat(chatRequest.get("response_format")).ifPresent(format -> body.add("text", JsonIo.object().add("format", format)));
        }
        return body.add("store", false).build();
    }

    private static JsonArray messages(JsonValue messages) {
        if (messages instanceof JsonArray list) {
            return list;
        }
        throw new RequestContentException("messages", "messages must be an array");
    }

    /** The texts of all system and developer messages, wherever they stand, joined by a blank line. */
    private static JsonValue instructions(JsonArray messages) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String path = "messages[" + i + "]";
            JsonObject message = object(messages.get(i), path);
            String role = string(message, "role", path);
            if (role.equals("system") || role.equals("developer")) {
                texts.addAll(texts(message.get("content"), path + ".content"));
            }
        }
        return texts.isEmpty() ? JsonValue.NULL : JsonIo.PROVIDER.createValue(String.join("\n\n", texts));
    }

    private static JsonArray input(JsonArray messages) {
        JsonArrayBuilder items = JsonIo.array();
        for (int i = 0; i < messages.size(); i++) {
            String path = "messages[" + i + "]";
            JsonObject message = object(messages.get(i), path);
            switch (string(message, "role", path)) {
                case "system", "developer" -> { }
                case "user" -> message("user", message.get("content"), path, items);
                case "assistant" -> {
                    message("assistant", message.get("content"), path, items);
                    toolCalls(message.get("tool_calls"), path + ".tool_calls", items);
                }
                case "tool" -> items.add(JsonIo.object()
                        .add("type", "function_call_output")
                        .add("call_id", string(message, "tool_call_id", path))
                        .add("output", toolOutput(message.get("content"), path + ".content")));
                default -> throw new RequestContentException(path + ".role", "role must be system, developer, user, assistant or tool");
            }
        }
        return items.build();
    }

    /** A message item for non-empty content: a string stays a string, parts become Responses parts. */
    private static void message(String role, JsonValue content, String path, JsonArrayBuilder items) {
        if (!present(content) || content instanceof JsonString text && text.getString().isEmpty()
                || content instanceof JsonArray empty && empty.isEmpty()) {
            return;
        }
        JsonValue converted = content;
        if (content instanceof JsonArray parts) {
            JsonArrayBuilder converting = JsonIo.array();
            for (int j = 0; j < parts.size(); j++) {
                String partPath = path + ".content[" + j + "]";
                converting.add(part(role, object(parts.get(j), partPath), partPath));
            }
            converted = converting.build();
        } else if (!(content instanceof JsonString)) {
            throw new RequestContentException(path + ".content", "content must be a string or an array of content parts");
        }
        items.add(JsonIo.object().add("type", "message").add("role", role).add("content", converted));
    }

    private static JsonObject part(String role, JsonObject part, String path) {
        boolean assistant = role.equals("assistant");
        return switch (string(part, "type", path)) {
            case "text" -> JsonIo.object().add("type", assistant ? "output_text" : "input_text").add("text", string(part, "text", path)).build();
            case "refusal" -> JsonIo.object().add("type", "refusal").add("refusal", string(part, "refusal", path)).build();
            case "image_url" -> {
                if (assistant) {
                    throw unsupported(part, path);
                }
                JsonObject image = object(part.get("image_url"), path + ".image_url");
                yield JsonIo.object()
                        .add("type", "input_image")
                        .add("image_url", string(image, "url", path + ".image_url"))
                        .add("detail", image.getString("detail", "auto"))
                        .build();
            }
            case "file" -> {
                if (assistant) {
                    throw unsupported(part, path);
                }
                JsonObject file = object(part.get("file"), path + ".file");
                JsonObjectBuilder input = JsonIo.object().add("type", "input_file");
                for (String key : List.of("file_id", "file_data", "filename")) {
                    if (file.get(key) instanceof JsonString value) {
                        input.add(key, value);
                    }
                }
                yield input.build();
            }
            default -> throw unsupported(part, path);
        };
    }

    private static void toolCalls(JsonValue toolCalls, String path, JsonArrayBuilder items) {
        if (!present(toolCalls)) {
            return;
        }
        if (!(toolCalls instanceof JsonArray calls)) {
            throw new RequestContentException(path, "tool_calls must be an array");
        }
        for (int k = 0; k < calls.size(); k++) {
            String callPath = path + "[" + k + "]";
            JsonObject call = object(calls.get(k), callPath);
            JsonObject function = object(call.get("function"), callPath + ".function");
            items.add(JsonIo.object()
                    .add("type", "function_call")
                    .add("call_id", string(call, "id", callPath))
                    .add("name", string(function, "name", callPath + ".function"))
                    .add("arguments", function.getString("arguments", "{}"))
                    .add("status", "completed"));
        }
    }

    /** A tool message's content as the output string: text parts joined by a blank line, other parts as their JSON. */
    private static String toolOutput(JsonValue content, String path) {
        if (!present(content)) {
            return "";
        }
        if (content instanceof JsonString text) {
            return text.getString();
        }
        if (!(content instanceof JsonArray parts)) {
            throw new RequestContentException(path, "content must be a string or an array of content parts");
        }
        boolean textOnly = parts.stream().allMatch(part -> part instanceof JsonObject object
                && "text".equals(object.getString("type", null)) && object.get("text") instanceof JsonString);
        return textOnly ? String.join("\n\n", texts(parts, path)) : parts.toString();
    }

    /** Function tools in Responses' flat form; null when there are none (the field is then left out). */
    private static JsonValue tools(JsonValue tools) {
        List<ChatFunctionTools.Function> functions = ChatFunctionTools.of(tools);
        if (functions.isEmpty()) {
            return null;
        }
        JsonArrayBuilder converted = JsonIo.array();
        for (ChatFunctionTools.Function tool : functions) {
            JsonObject function = tool.function();
            JsonValue parameters = function.get("parameters");
            converted.add(JsonIo.object()
                    .add("type", "function")
                    .add("name", tool.name())
                    .add("description", function.get("description") instanceof JsonString description ? description : JsonValue.NULL)
                    .add("parameters", present(parameters) ? parameters : JsonIo.object().add("type", "object").add("properties", JsonValue.EMPTY_JSON_OBJECT).build())
                    .add("strict", function.get("strict") == JsonValue.TRUE || function.get("strict") == JsonValue.FALSE ? function.get("strict") : JsonValue.NULL));
        }
        return converted.build();
    }

    private static JsonValue toolChoice(JsonValue choice) {
        if (choice instanceof JsonString) {
            return choice;
        }
        JsonObject object = object(choice, "tool_choice");
        if (!"function".equals(object.getString("type", null))) {
            throw new RequestContentException("tool_choice.type", "tool_choice must be a string or a function choice");
        }
        JsonObject function = object(object.get("function"), "tool_choice.function");
        return JsonIo.object().add("type", "function").add("name", string(function, "name", "tool_choice.function")).build();
    }

    /** {@code response_format} as Responses' {@code text.format}; {@code text} (the default) needs none. */
    private static Optional<JsonObject> textFormat(JsonValue responseFormat) {
        JsonObject format = object(responseFormat, "response_format");
        return switch (string(format, "type", "response_format")) {
            case "text" -> Optional.empty();
            case "json_object" -> Optional.of(JsonIo.object().add("type", "json_object").build());
            case "json_schema" -> {
                JsonObject schema = object(format.get("json_schema"), "response_format.json_schema");
                JsonValue strict = schema.get("strict");
                yield Optional.of(JsonIo.object()
                        .add("type", "json_schema")
                        .add("name", schema.getString("name", "response"))
                        .add("schema", closed(object(schema.get("schema"), "response_format.json_schema.schema")))
                        .add("strict", strict != JsonValue.FALSE)
                        .build());
            }
            default -> throw new RequestContentException("response_format.type", "response_format.type must be text, json_object or json_schema");
        };
    }

    /**
     * {@code schema} with {@code additionalProperties:false} on every object schema that does not say otherwise,
     * through {@code properties} and array {@code items}: strict structured output rejects open objects.
     */
    private static JsonValue closed(JsonValue schema) {
        if (schema instanceof JsonArray array) {
            JsonArrayBuilder items = JsonIo.array();
            array.forEach(item -> items.add(closed(item)));
            return items.build();
        }
        if (!(schema instanceof JsonObject object)) {
            return schema;
        }
        JsonObjectBuilder copy = JsonIo.object();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            JsonValue value = entry.getValue();
            if (entry.getKey().equals("properties") && value instanceof JsonObject properties) {
                JsonObjectBuilder closedProperties = JsonIo.object();
                properties.forEach((name, property) -> closedProperties.add(name, closed(property)));
                copy.add("properties", closedProperties);
            } else if (entry.getKey().equals("items")) {
                copy.add("items", closed(value));
            } else {
                copy.add(entry.getKey(), value);
            }
        }
        boolean objectSchema = "object".equals(object.getString("type", null)) || object.get("properties") instanceof JsonObject;
        if (objectSchema && !object.containsKey("additionalProperties")) {
            copy.add("additionalProperties", false);
        }
        return copy.build();
    }

    private static RequestContentException unsupported(JsonObject part, String path) {
        return new RequestContentException(path + ".type", "content parts of type " + part.getString("type") + " cannot be sent to this model");
    }

    private static void copy(JsonObject from, String key, JsonObjectBuilder to) {
        if (present(from.get(key))) {
            to.add(key, from.get(key));
        }
    }
}
