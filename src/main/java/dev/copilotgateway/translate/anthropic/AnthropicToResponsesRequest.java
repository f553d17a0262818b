package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.JsonFields.object;
import static dev.copilotgateway.translate.JsonFields.string;

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
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Anthropic Messages request as a Copilot {@code /responses} request (TRANSLATION §7.1), for the models served
 * only there (codex, gpt-5). Stateless ({@code store:false}): the reasoning state travels through the client inside
 * thinking-block signatures ({@code <encrypted_content>@<reasoning item id>}, see {@link ResponsesToAnthropicResponse}).
 */
public final class AnthropicToResponsesRequest {

    /** Reasoning models spend output tokens on thinking before answering; a smaller budget cuts answers short. */
    static final int MIN_OUTPUT_TOKENS = 12800;

    /** Claude Code's legacy {@code metadata.user_id}: {@code user_<hash>_account_<uuid>_session_<uuid>} (§15.3). */
    private static final Pattern LEGACY_USER = Pattern.compile("user_([^_]+)_account");
    private static final Pattern LEGACY_SESSION = Pattern.compile("_session_(.+)$");

    private AnthropicToResponsesRequest() {
    }

    /**
     * The {@code /responses} body for {@code anthropicRequest} sent to {@code model}.
     *
     * @throws RequestContentException when the request is malformed or holds content the upstream cannot take
     */
    public static JsonObject translate(JsonObject anthropicRequest, CopilotModel model) {
        JsonValue toolChoice = anthropicRequest.get("tool_choice");
        JsonObjectBuilder body = JsonIo.object()
                .add("model", model.id())
                .add("instructions", instructions(anthropicRequest.get("system"), "system"))
                .add("input", input(anthropicRequest.get("messages")))
                .add("tools", tools(anthropicRequest.get("tools")))
                .add("tool_choice", toolChoice(toolChoice))
                .add("parallel_tool_calls", !(toolChoice instanceof JsonObject choice && choice.getBoolean("disable_parallel_tool_use", false)))
                .add("max_output_tokens", maxOutputTokens(anthropicRequest.get("max_tokens"), model))
                // Reasoning models reject any other temperature; 1 is their only one (caozhiyuan sends it).
                .add("temperature", 1)
                .add("top_p", topP(anthropicRequest.get("top_p")))
                .add("stream", stream(anthropicRequest.get("stream")))
                .add("store", false)
                .add("reasoning", reasoning(anthropicRequest, model))
                .add("include", JsonIo.array().add("reasoning.encrypted_content"));
        metadata(anthropicRequest.get("metadata"), body);
        return body.build();
    }

    /** The top-level {@code system}, or an inline system message's content ({@code field} names it), as one text. */
    private static JsonValue instructions(JsonValue system, String field) {
        if (system == null || system == JsonValue.NULL) {
            return JsonValue.NULL;
        }
        if (system instanceof JsonString) {
            return system;
        }
        if (!(system instanceof JsonArray blocks)) {
            throw new RequestContentException(field, field + " must be a string or an array of text blocks");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String path = field + "[" + i + "]";
            JsonObject block = object(blocks.get(i), path);
            if (!"text".equals(block.getString("type", null))) {
                throw new RequestContentException(path + ".type", field + " blocks must be of type text");
            }
            texts.add(string(block, "text", path));
        }
        return texts.isEmpty() ? JsonValue.NULL : JsonIo.PROVIDER.createValue(String.join("\n\n", texts));
    }

    private static JsonArray input(JsonValue messages) {
        if (!(messages instanceof JsonArray list)) {
            throw new RequestContentException("messages", "messages must be an array");
        }
        JsonArrayBuilder items = JsonIo.array();
        for (int i = 0; i < list.size(); i++) {
            String path = "messages[" + i + "]";
            JsonObject message = object(list.get(i), path);
            String role = string(message, "role", path);
            JsonValue content = message.get("content");
            switch (role) {
                // Inline system messages (Claude Code's, opencode's) stay instructions at their place: a developer message.
                case "system" -> {
                    if (instructions(content, path + ".content") instanceof JsonString text && !text.getString().isEmpty()) {
                        items.add(message("developer", text));
                    }
                }
                case "user" -> userItems(content, path, items);
                case "assistant" -> assistantItems(content, path, items);
                default -> throw new RequestContentException(path + ".role", "role must be user or assistant");
            }
        }
        return items.build();
    }

    /** Content blocks become {@code input_*} parts grouped into messages; each tool_result cuts the group (§7.1). */
    private static void userItems(JsonValue content, String path, JsonArrayBuilder items) {
        if (content instanceof JsonString text) {
            items.add(message("user", text));
            return;
        }
        List<JsonObject> group = new ArrayList<>();
        JsonArray blocks = blocks(content, path);
        for (int j = 0; j < blocks.size(); j++) {
            String blockPath = path + ".content[" + j + "]";
            JsonObject block = object(blocks.get(j), blockPath);
            String type = string(block, "type", blockPath);
            if (type.equals("tool_result")) {
                flush("user", group, items);
                items.add(functionCallOutput(block, blockPath));
            } else {
                group.add(contentPart(block, type, blockPath));
            }
        }
        flush("user", group, items);
    }

    /** Text becomes {@code output_text} grouped into messages; tool_use and replayable thinking become their own items. */
    private static void assistantItems(JsonValue content, String path, JsonArrayBuilder items) {
        if (content instanceof JsonString text) {
            items.add(message("assistant", text));
            return;
        }
        List<JsonObject> group = new ArrayList<>();
        JsonArray blocks = blocks(content, path);
        for (int j = 0; j < blocks.size(); j++) {
            String blockPath = path + ".content[" + j + "]";
            JsonObject block = object(blocks.get(j), blockPath);
            switch (string(block, "type", blockPath)) {
                case "text" -> group.add(JsonIo.object().add("type", "output_text").add("text", string(block, "text", blockPath)).build());
                case "tool_use" -> {
                    flush("assistant", group, items);
                    items.add(functionCall(block, blockPath));
                }
                case "thinking" -> {
                    flush("assistant", group, items);
                    JsonObject reasoning = reasoningItem(block);
                    if (reasoning != null) {
                        items.add(reasoning);
                    }
                }
                // Anthropic's own encrypted reasoning: nothing a Responses model can read.
                case "redacted_thinking" -> { }
                default -> throw unsupported(block, blockPath);
            }
        }
        flush("assistant", group, items);
    }

    private static JsonArray blocks(JsonValue content, String path) {
        if (content instanceof JsonArray blocks) {
            return blocks;
        }
        throw new RequestContentException(path + ".content", "content must be a string or an array of content blocks");
    }

    private static void flush(String role, List<JsonObject> group, JsonArrayBuilder items) {
        if (!group.isEmpty()) {
            JsonArrayBuilder parts = JsonIo.array();
            group.forEach(parts::add);
            items.add(message(role, parts.build()));
            group.clear();
        }
    }

    private static JsonObject message(String role, JsonValue content) {
        return JsonIo.object().add("type", "message").add("role", role).add("content", content).build();
    }

    /** A user (or tool-result) content block as an {@code input_text}, {@code input_image} or {@code input_file} part. */
    private static JsonObject contentPart(JsonObject block, String type, String path) {
        return switch (type) {
            case "text" -> inputText(string(block, "text", path));
            case "image" -> image(object(block.get("source"), path + ".source"), path + ".source");
            case "document" -> document(block, path);
            case "tool_reference" -> inputText("Tool " + string(block, "tool_name", path) + " loaded");
            default -> throw unsupported(block, path);
        };
    }

    private static JsonObject inputText(String text) {
        return JsonIo.object().add("type", "input_text").add("text", text).build();
    }

    private static JsonObject image(JsonObject source, String path) {
        String url = switch (string(source, "type", path)) {
            case "base64" -> "data:" + string(source, "media_type", path) + ";base64," + string(source, "data", path);
            case "url" -> string(source, "url", path);
            default -> throw new RequestContentException(path + ".type", "image sources must be base64 or url");
        };
        return JsonIo.object().add("type", "input_image").add("image_url", url).add("detail", "auto").build();
    }

    private static JsonObject document(JsonObject block, String path) {
        String sourcePath = path + ".source";
        JsonObject source = object(block.get("source"), sourcePath);
        return switch (string(source, "type", sourcePath)) {
            case "base64" -> JsonIo.object()
                    .add("type", "input_file")
                    .add("filename", block.getString("title", "document.pdf"))
                    .add("file_data", "data:" + string(source, "media_type", sourcePath) + ";base64," + string(source, "data", sourcePath))
                    .build();
            case "text" -> inputText(string(source, "data", sourcePath));
            case "url" -> JsonIo.object().add("type", "input_file").add("file_url", string(source, "url", sourcePath)).build();
            default -> throw new RequestContentException(sourcePath + ".type", "document sources must be base64, text or url");
        };
    }

    /**
     * A tool_result as a {@code function_call_output}: text-only content as one string (texts joined by a newline),
     * content with images or files as a part list; {@code is_error} marks it {@code incomplete}.
     */
    private static JsonObject functionCallOutput(JsonObject block, String path) {
        String callId = string(block, "tool_use_id", path);
        JsonValue content = block.get("content");
        JsonValue output;
        if (content == null || content == JsonValue.NULL) {
            output = JsonIo.PROVIDER.createValue("");
        } else if (content instanceof JsonString) {
            output = content;
        } else if (content instanceof JsonArray blocks) {
            output = toolResultParts(blocks, path + ".content");
        } else {
            throw new RequestContentException(path + ".content", "tool_result content must be a string or an array of content blocks");
        }
        return JsonIo.object()
                .add("type", "function_call_output")
                .add("call_id", callId)
                .add("output", output)
                .add("status", block.getBoolean("is_error", false) ? "incomplete" : "completed")
                .build();
    }

    private static JsonValue toolResultParts(JsonArray blocks, String path) {
        JsonArrayBuilder parts = JsonIo.array();
        List<String> texts = new ArrayList<>();
        boolean textOnly = true;
        for (int k = 0; k < blocks.size(); k++) {
            String partPath = path + "[" + k + "]";
            JsonObject block = object(blocks.get(k), partPath);
            JsonObject part = contentPart(block, string(block, "type", partPath), partPath);
            parts.add(part);
            if ("input_text".equals(part.getString("type"))) {
                texts.add(part.getString("text"));
            } else {
                textOnly = false;
            }
        }
        return textOnly ? JsonIo.PROVIDER.createValue(String.join("\n", texts)) : parts.build();
    }

    private static JsonObject functionCall(JsonObject block, String path) {
        JsonValue input = block.get("input");
        if (input != null && input != JsonValue.NULL && !(input instanceof JsonObject)) {
            throw new RequestContentException(path + ".input", "tool_use input must be an object");
        }
        return JsonIo.object()
                .add("type", "function_call")
                .add("call_id", string(block, "id", path))
                .add("name", string(block, "name", path))
                .add("arguments", input instanceof JsonObject ? input.toString() : "{}")
                .add("status", "completed")
                .build();
    }

    /**
     * A thinking block this gateway produced from a reasoning item (signature {@code encrypted@id}) as that item
     * again, so the model keeps its reasoning and the prompt cache stays warm; null for any other thinking block
     * (a Claude signature means nothing to a Responses model).
     */
    private static JsonObject reasoningItem(JsonObject block) {
        String signature = block.getString("signature", "");
        int at = signature.lastIndexOf('@');
        if (at <= 0 || at == signature.length() - 1) {
            return null;
        }
        String thinking = block.getString("thinking", "");
        JsonArrayBuilder summary = JsonIo.array();
        if (!thinking.isEmpty() && !thinking.equals(ResponsesResults.THINKING_PLACEHOLDER)) {
            summary.add(JsonIo.object().add("type", "summary_text").add("text", thinking));
        }
        return JsonIo.object()
                .add("type", "reasoning")
                .add("id", signature.substring(at + 1))
                .add("summary", summary)
                .add("encrypted_content", signature.substring(0, at))
                .build();
    }

    private static RequestContentException unsupported(JsonObject block, String path) {
        return new RequestContentException(path + ".type",
                "content blocks of type " + block.getString("type") + " cannot be sent to this model");
    }

    /** Client tools as function tools; Anthropic server tools (web search, bash, editor…) are dropped: Copilot cannot run them. */
    private static JsonValue tools(JsonValue tools) {
        if (tools == null || tools == JsonValue.NULL) {
            return JsonValue.NULL;
        }
        if (!(tools instanceof JsonArray list)) {
            throw new RequestContentException("tools", "tools must be an array");
        }
        JsonArrayBuilder functions = JsonIo.array();
        boolean any = false;
        for (int i = 0; i < list.size(); i++) {
            String path = "tools[" + i + "]";
            JsonObject tool = object(list.get(i), path);
            if (!tool.getString("type", "custom").equals("custom")) {
                continue;
            }
            JsonObjectBuilder function = JsonIo.object().add("type", "function").add("name", string(tool, "name", path));
            if (tool.get("description") instanceof JsonString description) {
                function.add("description", description);
            }
            functions.add(function.add("parameters", parameters(tool.get("input_schema"), path + ".input_schema")).add("strict", false));
            any = true;
        }
        return any ? functions.build() : JsonValue.NULL;
    }

    /** The tool's JSON schema; an object schema without {@code properties} gets an empty one (upstream rejects it otherwise). */
    private static JsonObject parameters(JsonValue schema, String path) {
        if (schema == null || schema == JsonValue.NULL) {
            return JsonIo.object().add("type", "object").add("properties", JsonValue.EMPTY_JSON_OBJECT).build();
        }
        JsonObject object = object(schema, path);
        if ("object".equals(object.getString("type", null)) && !object.containsKey("properties")) {
            return JsonIo.PROVIDER.createObjectBuilder(object).add("properties", JsonValue.EMPTY_JSON_OBJECT).build();
        }
        return object;
    }

    private static JsonValue toolChoice(JsonValue choice) {
        if (choice == null || choice == JsonValue.NULL) {
            return JsonIo.PROVIDER.createValue("auto");
        }
        JsonObject object = object(choice, "tool_choice");
        return switch (string(object, "type", "tool_choice")) {
            case "auto" -> JsonIo.PROVIDER.createValue("auto");
            case "any" -> JsonIo.PROVIDER.createValue("required");
            case "none" -> JsonIo.PROVIDER.createValue("none");
            case "tool" -> JsonIo.object().add("type", "function").add("name", string(object, "name", "tool_choice")).build();
            default -> throw new RequestContentException("tool_choice.type", "tool_choice.type must be auto, any, tool or none");
        };
    }

    /** The client's {@code max_tokens}, raised to {@link #MIN_OUTPUT_TOKENS}, within the model's output limit. */
    private static long maxOutputTokens(JsonValue maxTokens, CopilotModel model) {
        OptionalLong limit = outputLimit(model);
        long requested;
        if (maxTokens == null || maxTokens == JsonValue.NULL) {
            requested = limit.orElse(MIN_OUTPUT_TOKENS);
        } else if (maxTokens instanceof JsonNumber number && number.isIntegral() && number.longValue() > 0) {
            requested = number.longValue();
        } else {
            throw new RequestContentException("max_tokens", "max_tokens must be a positive integer");
        }
        long tokens = Math.max(requested, MIN_OUTPUT_TOKENS);
        return limit.isPresent() ? Math.min(tokens, limit.getAsLong()) : tokens;
    }

    private static OptionalLong outputLimit(CopilotModel model) {
        return model.capabilities()
                .map(caps -> caps.get("limits"))
                .filter(JsonObject.class::isInstance)
                .map(limits -> ((JsonObject) limits).get("max_output_tokens"))
                .filter(JsonNumber.class::isInstance)
                .map(max -> OptionalLong.of(((JsonNumber) max).longValue()))
                .orElse(OptionalLong.empty());
    }

    private static JsonValue topP(JsonValue topP) {
        if (topP == null || topP == JsonValue.NULL) {
            return JsonValue.NULL;
        }
        if (topP instanceof JsonNumber) {
            return topP;
        }
        throw new RequestContentException("top_p", "top_p must be a number");
    }

    private static boolean stream(JsonValue stream) {
        if (stream == null || stream == JsonValue.NULL || stream == JsonValue.FALSE) {
            return false;
        }
        if (stream == JsonValue.TRUE) {
            return true;
        }
        throw new RequestContentException("stream", "stream must be a boolean");
    }

    private static JsonObject reasoning(JsonObject request, CopilotModel model) {
        JsonObjectBuilder reasoning = JsonIo.object();
        ReasoningEffort.fromAnthropic(request, model).ifPresent(effort -> reasoning.add("effort", effort));
        return reasoning.add("summary", "auto").build();
    }

    /**
     * {@code metadata} is copied; Claude Code's {@code user_id} also gives the {@code safety_identifier} (the user)
     * and the {@code prompt_cache_key} (the session, so one conversation keeps hitting the same cache).
     */
    private static void metadata(JsonValue metadata, JsonObjectBuilder body) {
        if (metadata == null || metadata == JsonValue.NULL) {
            return;
        }
        JsonObject object = object(metadata, "metadata");
        body.add("metadata", object);
        if (!(object.get("user_id") instanceof JsonString userId)) {
            return;
        }
        Matcher user = LEGACY_USER.matcher(userId.getString());
        Matcher session = LEGACY_SESSION.matcher(userId.getString());
        boolean legacyUser = user.find();
        boolean legacySession = session.find();
        if (legacyUser || legacySession) {
            if (legacyUser) {
                body.add("safety_identifier", user.group(1));
            }
            if (legacySession) {
                body.add("prompt_cache_key", session.group(1));
            }
            return;
        }
        JsonObject parsed;
        try {
            if (!(JsonIo.read(userId.getString()) instanceof JsonObject json)) {
                return;
            }
            parsed = json;
        } catch (JsonException notJson) {
            return;
        }
        String safetyIdentifier = parsed.getString("device_id", parsed.getString("account_uuid", null));
        if (safetyIdentifier != null) {
            body.add("safety_identifier", safetyIdentifier);
        }
        if (parsed.get("session_id") instanceof JsonString sessionId) {
            body.add("prompt_cache_key", sessionId);
        }
    }
}
