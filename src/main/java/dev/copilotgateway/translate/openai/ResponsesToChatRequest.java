package dev.copilotgateway.translate.openai;

import static dev.copilotgateway.translate.JsonFields.object;
import static dev.copilotgateway.translate.JsonFields.present;
import static dev.copilotgateway.translate.JsonFields.string;
import static dev.copilotgateway.translate.JsonFields.texts;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An OpenAI Responses request as a Copilot {@code /chat/completions} request (TRANSLATION §10, the inverse of §8.1),
 * for a Responses client (Codex CLI, the SDKs' {@code responses()} API) whose model has no {@code /responses}
 * endpoint. The conversation must travel whole in {@code input}: the gateway keeps no response store, so
 * {@code previous_response_id} and {@code conversation} are refused, and {@code store} is ignored.
 *
 * <p>Chat wants one assistant message per turn, with its tool calls and the tool results right after it; Responses
 * lists a turn's reasoning, text and calls as separate items. Consecutive assistant-side items (reasoning, assistant
 * messages, function calls) therefore become one assistant message: texts joined by a blank line, calls in order,
 * and the reasoning as Copilot's {@code reasoning_text}/{@code reasoning_opaque} when it can be replayed (it carries
 * {@code encrypted_content}).
 */
public final class ResponsesToChatRequest {

    /** UPSTREAM §9.1: Codex's free-form {@code apply_patch} tool as the function Copilot accepts. */

    private ResponsesToChatRequest() {
    }

    /**
     * The {@code /chat/completions} body for {@code responsesRequest} sent to {@code model}; {@code reasoning.effort}
     * is clamped to the efforts the model lists (§12.1 step 5) and left out when it lists none.
     *
     * @throws RequestContentException when the request is malformed, needs a stored response, or holds content
     *                                 Chat cannot carry
     */
    public static JsonObject translate(JsonObject responsesRequest, CopilotModel model) {
        for (String stateful : List.of("previous_response_id", "conversation")) {
            if (present(responsesRequest.get(stateful))) {
                throw new RequestContentException(stateful, stateful + " is not supported for this model: the gateway serves it"
                        + " through /chat/completions and keeps no stored responses; send the whole conversation in 'input'"
                        + " (with store: false)");
            }
        }
        JsonArrayBuilder messages = JsonIo.array();
        JsonValue instructions = responsesRequest.get("instructions");
        if (present(instructions)) {
            if (!(instructions instanceof JsonString text)) {
                throw new RequestContentException("instructions", "instructions must be a string");
            }
            if (!text.getString().isEmpty()) {
                messages.add(JsonIo.object().add("role", "system").add("content", text));
            }
        }
        input(responsesRequest.get("input"), messages);
        JsonObjectBuilder body = JsonIo.object().add("model", model.id()).add("messages", messages);
        JsonValue maxOutput = responsesRequest.get("max_output_tokens");
        if (present(maxOutput)) {
            if (!(maxOutput instanceof JsonNumber number) || !number.isIntegral() || number.longValue() <= 0) {
                throw new RequestContentException("max_output_tokens", "max_output_tokens must be a positive integer");
            }
            body.add("max_tokens", maxOutput);
        }
        for (String sampling : List.of("temperature", "top_p")) {
            JsonValue value = responsesRequest.get(sampling);
            if (present(value)) {
                if (!(value instanceof JsonNumber)) {
                    throw new RequestContentException(sampling, sampling + " must be a number");
                }
                body.add(sampling, value);
            }
        }
        JsonValue tools = tools(responsesRequest.get("tools"));
        if (tools != null) {
            body.add("tools", tools);
            if (present(responsesRequest.get("tool_choice"))) {
                body.add("tool_choice", toolChoice(responsesRequest.get("tool_choice")));
            }
            JsonValue parallel = responsesRequest.get("parallel_tool_calls");
            if (parallel == JsonValue.TRUE || parallel == JsonValue.FALSE) {
                body.add("parallel_tool_calls", parallel);
            }
        }
        String effort = effort(responsesRequest.get("reasoning"), model);
        if (effort != null) {
            body.add("reasoning_effort", effort);
        }
        JsonObject format = responseFormat(responsesRequest.get("text"));
        if (format != null) {
            body.add("response_format", format);
        }
        if (responsesRequest.get("user") instanceof JsonString user) {
            body.add("user", user);
        }
        if (responsesRequest.get("stream") == JsonValue.TRUE) {
            body.add("stream", true).add("stream_options", JsonIo.object().add("include_usage", true));
        }
        return body.build();
    }

    private static void input(JsonValue input, JsonArrayBuilder messages) {
        if (input instanceof JsonString text) {
            messages.add(JsonIo.object().add("role", "user").add("content", text));
            return;
        }
        if (!(input instanceof JsonArray items)) {
            throw new RequestContentException("input", "input must be a string or an array of input items");
        }
        AssistantTurn turn = new AssistantTurn();
        for (int i = 0; i < items.size(); i++) {
            String path = "input[" + i + "]";
            JsonObject item = object(items.get(i), path);
            String type = item.get("type") instanceof JsonString typeName ? typeName.getString() : "message";
            switch (type) {
                case "message" -> {
                    String role = string(item, "role", path);
                    if (role.equals("assistant")) {
                        turn.text(assistantText(item.get("content"), path + ".content"));
                    } else {
                        turn.flush(messages);
                        messages.add(message(role, item.get("content"), path));
                    }
                }
                case "reasoning" -> turn.reasoning(item, path);
                case "function_call" -> {
                    String name = string(item, "name", path);
                    String chatName = item.get("namespace") instanceof JsonString namespace ? ResponsesToolNames.flat(namespace.getString(), name) : name;
                    turn.call(string(item, "call_id", path), chatName, string(item, "arguments", path));
                }
                case "custom_tool_call" -> {
                    turn.call(string(item, "call_id", path), string(item, "name", path),
                            JsonIo.object().add(ResponsesToolNames.CUSTOM_INPUT, string(item, "input", path)).build().toString());
                }
                case "local_shell_call" -> turn.call(string(item, "call_id", path), "local_shell",
                        item.get("action") instanceof JsonObject action ? action.toString() : "{}");
                case "function_call_output", "custom_tool_call_output", "local_shell_call_output" -> {
                    turn.flush(messages);
                    messages.add(JsonIo.object()
                            .add("role", "tool")
                            .add("tool_call_id", string(item, "call_id", path))
                            .add("content", toolOutput(item.get("output"), path + ".output")));
                }
                case "item_reference" -> throw new RequestContentException(path + ".type",
                        "item_reference needs a stored response, which this gateway does not keep; send the item itself");
                // Calls of hosted tools (web search, file search, MCP, image generation ...) and anything newer: Copilot ran
                // none of them and Chat has no place for them; the conversation goes on without them.
                default -> { }
            }
        }
        turn.flush(messages);
    }

    /** A user, system or developer message; developer instructions are system messages in Chat. */
    private static JsonObject message(String role, JsonValue content, String path) {
        if (role.equals("system") || role.equals("developer")) {
            return JsonIo.object().add("role", "system").add("content", String.join("\n\n", texts(content, path + ".content"))).build();
        }
        if (!role.equals("user")) {
            throw new RequestContentException(path + ".role", "role must be user, assistant, system or developer");
        }
        if (content instanceof JsonString) {
            return JsonIo.object().add("role", "user").add("content", content).build();
        }
        if (!(content instanceof JsonArray parts)) {
            throw new RequestContentException(path + ".content", "content must be a string or an array of content parts");
        }
        JsonArrayBuilder chatParts = JsonIo.array();
        for (int j = 0; j < parts.size(); j++) {
            String partPath = path + ".content[" + j + "]";
            chatParts.add(userPart(object(parts.get(j), partPath), partPath));
        }
        return JsonIo.object().add("role", "user").add("content", chatParts).build();
    }

    private static JsonObject userPart(JsonObject part, String path) {
        return switch (string(part, "type", path)) {
            case "input_text", "output_text" -> JsonIo.object().add("type", "text").add("text", string(part, "text", path)).build();
            case "input_image" -> {
                if (!(part.get("image_url") instanceof JsonString url)) {
                    throw new RequestContentException(path + ".image_url",
                            "input_image needs an image_url (a URL or a data: URL); file_id needs a file store this gateway does not have");
                }
                JsonObjectBuilder image = JsonIo.object().add("url", url);
                if (part.get("detail") instanceof JsonString detail) {
                    image.add("detail", detail);
                }
                yield JsonIo.object().add("type", "image_url").add("image_url", image).build();
            }
            case "input_file" -> {
                JsonObjectBuilder file = JsonIo.object();
                for (String key : List.of("file_id", "file_data", "filename")) {
                    if (part.get(key) instanceof JsonString value) {
                        file.add(key, value);
                    }
                }
                yield JsonIo.object().add("type", "file").add("file", file).build();
            }
            default -> throw new RequestContentException(path + ".type", "content parts of type " + part.getString("type") + " cannot be sent to this model");
        };
    }

    /** An assistant message's text: its output_text (and refusal) parts concatenated, as the model produced them. */
    private static String assistantText(JsonValue content, String path) {
        if (content instanceof JsonString text) {
            return text.getString();
        }
        if (!(content instanceof JsonArray parts)) {
            throw new RequestContentException(path, "content must be a string or an array of content parts");
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < parts.size(); j++) {
            String partPath = path + "[" + j + "]";
            JsonObject part = object(parts.get(j), partPath);
            switch (string(part, "type", partPath)) {
                case "output_text", "input_text" -> text.append(string(part, "text", partPath));
                case "refusal" -> text.append(string(part, "refusal", partPath));
                default -> throw new RequestContentException(partPath + ".type", "assistant content parts must be output_text or refusal");
            }
        }
        return text.toString();
    }

    /** A tool result as Chat tool content: a string as is; parts as text (joined by a blank line) or as Chat parts. */
    private static JsonValue toolOutput(JsonValue output, String path) {
        if (!present(output)) {
            return JsonIo.PROVIDER.createValue("");
        }
        if (output instanceof JsonString) {
            return output;
        }
        if (!(output instanceof JsonArray parts)) {
            throw new RequestContentException(path, "output must be a string or an array of content parts");
        }
        List<String> texts = new ArrayList<>();
        JsonArrayBuilder chatParts = JsonIo.array();
        for (int j = 0; j < parts.size(); j++) {
            String partPath = path + "[" + j + "]";
            JsonObject part = userPart(object(parts.get(j), partPath), partPath);
            chatParts.add(part);
            if (texts != null && part.getString("type").equals("text")) {
                texts.add(part.getString("text"));
            } else {
                texts = null;
            }
        }
        return texts != null ? JsonIo.PROVIDER.createValue(String.join("\n\n", texts)) : chatParts.build();
    }

    /**
     * Function tools in Chat's nested form; Codex's custom {@code apply_patch} as a function (UPSTREAM §9.1); a
     * namespace's functions under flat names and other custom tools as functions of one string ({@link ResponsesToolNames});
     * hosted tools ({@code web_search*}, {@code file_search}, {@code mcp}, {@code image_generation}, {@code local_shell},
     * {@code code_interpreter}, {@code computer_use*} ...) left out, since Copilot runs none and one of them must not cost
     * the whole turn. Null when none remain.
     */
    private static JsonValue tools(JsonValue tools) {
        if (!present(tools)) {
            return null;
        }
        if (!(tools instanceof JsonArray list)) {
            throw new RequestContentException("tools", "tools must be an array");
        }
        JsonArrayBuilder functions = JsonIo.array();
        int kept = 0;
        for (int i = 0; i < list.size(); i++) {
            String path = "tools[" + i + "]";
            JsonObject tool = object(list.get(i), path);
            switch (string(tool, "type", path)) {
                case "function" -> {
                    functions.add(function(tool, string(tool, "name", path), path));
                    kept++;
                }
                case "custom" -> {
                    functions.add(customFunction(tool, string(tool, "name", path)));
                    kept++;
                }
                case "namespace" -> {
                    String namespace = string(tool, "name", path);
                    if (!(tool.get("tools") instanceof JsonArray members)) {
                        throw new RequestContentException(path + ".tools", "a namespace tool must list its tools");
                    }
                    for (int j = 0; j < members.size(); j++) {
                        String memberPath = path + ".tools[" + j + "]";
                        JsonObject member = object(members.get(j), memberPath);
                        if ("function".equals(member.getString("type", "function"))) {
                            functions.add(function(member, ResponsesToolNames.flat(namespace, string(member, "name", memberPath)), memberPath));
                            kept++;
                        }
                    }
                }
                default -> { } // a hosted tool: Copilot cannot run it
            }
        }
        return kept == 0 ? null : functions.build();
    }

    private static JsonObject function(JsonObject tool, String name, String path) {
        JsonObjectBuilder function = JsonIo.object().add("name", name);
        if (tool.get("description") instanceof JsonString description) {
            function.add("description", description);
        }
        function.add("parameters", parameters(tool.get("parameters")));
        if (tool.get("strict") == JsonValue.TRUE || tool.get("strict") == JsonValue.FALSE) {
            function.add("strict", tool.get("strict"));
        }
        return JsonIo.object().add("type", "function").add("function", function).build();
    }

    /** A free-form tool as a function of one string {@code input}, the argument Codex itself reads from such a call. */
    private static JsonObject customFunction(JsonObject tool, String name) {
        String argument = ResponsesToolNames.CUSTOM_INPUT;
        JsonObjectBuilder function = JsonIo.object().add("name", name);
        if (tool.get("description") instanceof JsonString description) {
            function.add("description", description);
        }
        function.add("parameters", JsonIo.object()
                .add("type", "object")
                .add("properties", JsonIo.object().add(argument, JsonIo.object().add("type", "string")))
                .add("required", JsonIo.array().add(argument))
                .add("additionalProperties", false));
        return JsonIo.object().add("type", "function").add("function", function).build();
    }

    /** UPSTREAM §8.1: an object schema must have {@code properties}, or Copilot answers 400. */
    private static JsonValue parameters(JsonValue parameters) {
        if (!present(parameters)) {
            return JsonIo.object().add("type", "object").add("properties", JsonValue.EMPTY_JSON_OBJECT).build();
        }
        JsonObject schema = object(parameters, "parameters");
        if ("object".equals(schema.getString("type", null)) && !schema.containsKey("properties")) {
            return JsonIo.PROVIDER.createObjectBuilder(schema).add("properties", JsonValue.EMPTY_JSON_OBJECT).build();
        }
        return schema;
    }

    private static JsonValue toolChoice(JsonValue choice) {
        if (choice instanceof JsonString mode) {
            if (!List.of("auto", "none", "required").contains(mode.getString())) {
                throw new RequestContentException("tool_choice", "tool_choice must be auto, none, required or a function choice");
            }
            return choice;
        }
        JsonObject object = object(choice, "tool_choice");
        String type = string(object, "type", "tool_choice");
        if (!type.equals("function") && !type.equals("custom")) {
            return JsonIo.PROVIDER.createValue("auto"); // a hosted tool or an allowed-tools list: let the model choose
        }
        String name = string(object, "name", "tool_choice");
        if (object.get("namespace") instanceof JsonString namespace) {
            name = ResponsesToolNames.flat(namespace.getString(), name);
        }
        return JsonIo.object().add("type", "function").add("function", JsonIo.object().add("name", name)).build();
    }

    /** §12: {@code reasoning.effort} fitted to the model, or null (no effort asked, or the model takes none). */
    private static String effort(JsonValue reasoning, CopilotModel model) {
        if (!present(reasoning)) {
            return null;
        }
        JsonValue effort = object(reasoning, "reasoning").get("effort");
        if (!present(effort)) {
            return null;
        }
        if (!(effort instanceof JsonString text)) {
            throw new RequestContentException("reasoning.effort", "reasoning.effort must be a string");
        }
        return ReasoningEffort.clamp(text.getString().strip().toLowerCase(Locale.ROOT), model).orElse(null);
    }

    /** {@code text.format} as Chat's {@code response_format}; null for plain text (the default). */
    private static JsonObject responseFormat(JsonValue text) {
        if (!present(text)) {
            return null;
        }
        JsonValue format = object(text, "text").get("format");
        if (!present(format)) {
            return null;
        }
        JsonObject spec = object(format, "text.format");
        return switch (string(spec, "type", "text.format")) {
            case "text" -> null;
            case "json_object" -> JsonIo.object().add("type", "json_object").build();
            case "json_schema" -> {
                JsonObjectBuilder schema = JsonIo.object()
                        .add("name", string(spec, "name", "text.format"))
                        .add("schema", object(spec.get("schema"), "text.format.schema"));
                if (spec.get("description") instanceof JsonString description) {
                    schema.add("description", description);
                }
                if (spec.get("strict") == JsonValue.TRUE || spec.get("strict") == JsonValue.FALSE) {
                    schema.add("strict", spec.get("strict"));
                }
                yield JsonIo.object().add("type", "json_schema").add("json_schema", schema).build();
            }
            default -> throw new RequestContentException("text.format.type", "text.format.type must be text, json_object or json_schema");
        };
    }

    /** The assistant-side items collected since the last user-side item, sent as one assistant message. */
    private static final class AssistantTurn {
        private final List<String> texts = new ArrayList<>();
        private final List<String> reasoning = new ArrayList<>();
        private String opaque;
        private JsonArrayBuilder calls;

        void text(String text) {
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }

        /**
         * A reasoning item counts only with its {@code encrypted_content}: that is what lets the model resume its
         * reasoning (Claude's signature); summaries alone would be replayed as unsigned thinking and rejected.
         * Chat carries one opaque state per message, so the last one wins.
         */
        void reasoning(JsonObject item, String path) {
            if (!(item.get("encrypted_content") instanceof JsonString encrypted) || encrypted.getString().isEmpty()) {
                return;
            }
            opaque = encrypted.getString();
            if (item.get("summary") instanceof JsonArray summary) {
                for (int j = 0; j < summary.size(); j++) {
                    String text = string(object(summary.get(j), path + ".summary[" + j + "]"), "text", path + ".summary[" + j + "]");
                    if (!text.isEmpty()) {
                        reasoning.add(text);
                    }
                }
            }
        }

        void call(String callId, String name, String arguments) {
            if (calls == null) {
                calls = JsonIo.array();
            }
            calls.add(JsonIo.object()
                    .add("id", callId)
                    .add("type", "function")
                    .add("function", JsonIo.object().add("name", name).add("arguments", arguments)));
        }

        void flush(JsonArrayBuilder messages) {
            if (texts.isEmpty() && calls == null) {
                // Reasoning alone is no message Chat accepts; it has nothing to resume either.
                reasoning.clear();
                opaque = null;
                return;
            }
            JsonObjectBuilder message = JsonIo.object()
                    .add("role", "assistant")
                    .add("content", texts.isEmpty() ? JsonValue.NULL : JsonIo.PROVIDER.createValue(String.join("\n\n", texts)));
            if (calls != null) {
                message.add("tool_calls", calls);
            }
            if (opaque != null) {
                if (!reasoning.isEmpty()) {
                    message.add("reasoning_text", String.join("\n\n", reasoning));
                }
                message.add("reasoning_opaque", opaque);
            }
            messages.add(message);
            texts.clear();
            reasoning.clear();
            opaque = null;
            calls = null;
        }
    }
}
