package dev.copilotgateway.tokens;

import com.knuddels.jtokkit.api.Encoding;
import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.ModelCapabilities;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The local estimate behind {@code POST /v1/messages/count_tokens} (TRANSLATION.md §14): the Anthropic request is
 * counted as the Chat Completions request it translates to (§3), with OpenAI's per-message and per-function
 * overheads, in the model's tokenizer. Claude models get Anthropic's tool-use overhead and a configurable factor,
 * because the GPT tokenizer counts fewer tokens than Claude's and Claude Code compacts too late on an undercount.
 *
 * <p>One deliberate difference from the peers it follows: an image counts a fixed {@value #IMAGE_TOKENS} tokens
 * (plus its URL when it has one) instead of the tokens of its base64 data, which the model never reads as text.
 */
public final class AnthropicTokenCounter {

    static final int IMAGE_TOKENS = 85;
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int TOKENS_PER_NAME = 1;
    private static final int REPLY_PRIMING = 3;
    private static final int FUNC_INIT = 7;
    private static final int FUNC_INIT_OLD_GPT = 10;
    private static final int PROP_INIT = 3;
    private static final int PROP_KEY = 3;
    private static final int ENUM_INIT = -3;
    private static final int ENUM_ITEM = 3;
    private static final int FUNC_END = 12;
    private static final int GROK_TOOL_OVERHEAD = 480;
    private static final double GROK_MULTIPLIER = 1.03;

    private final double claudeMultiplier;
    private final int claudeToolOverhead;

    /**
     * @param claudeMultiplier factor for Claude models' totals (§14 recommends 1.15)
     * @param claudeToolOverhead tokens added for Claude models when the request has tools (346)
     */
    public AnthropicTokenCounter(double claudeMultiplier, int claudeToolOverhead) {
        this.claudeMultiplier = claudeMultiplier;
        this.claudeToolOverhead = claudeToolOverhead;
    }

    public static AnthropicTokenCounter fromConfig(GatewayConfig config) {
        return new AnthropicTokenCounter(config.claudeTokenMultiplier(), config.claudeToolTokenOverhead());
    }

    /** The estimated input tokens of {@code request} (an Anthropic Messages body) for {@code model}. */
    public long countAnthropicRequest(JsonObject request, CopilotModel model) {
        return countAnthropicRequest(request, model, false);
    }

    /**
     * As {@link #countAnthropicRequest(JsonObject, CopilotModel)}; {@code claudeCodeClient} (an {@code anthropic-beta}
     * header with a {@code claude-code-…} value) leaves out the tool-use overhead when the tools include MCP tools,
     * as the peers do.
     */
    public long countAnthropicRequest(JsonObject request, CopilotModel model, boolean claudeCodeClient) {
        return count(request, model.id(), ModelCapabilities.of(model).tokenizer().orElse(null), claudeCodeClient);
    }

    /** For a model the gateway does not know: {@code o200k_base}, adjusted by the family of the request's {@code model}. */
    public long countAnthropicRequestForUnknownModel(JsonObject request, boolean claudeCodeClient) {
        return count(request, request.getString("model", ""), null, claudeCodeClient);
    }

    private long count(JsonObject request, String modelId, String tokenizer, boolean claudeCodeClient) {
        String family = modelId.toLowerCase(Locale.ROOT);
        boolean claude = family.startsWith("claude");
        Counting counting = new Counting(Tokenizers.forName(tokenizer),
                family.equals("gpt-3.5-turbo") || family.equals("gpt-4") ? FUNC_INIT_OLD_GPT : FUNC_INIT, claude);

        List<Long> input = new ArrayList<>();
        List<Long> output = new ArrayList<>();
        String system = systemText(request.get("system"));
        if (!system.isEmpty()) {
            input.add(counting.message("system", system));
        }
        for (JsonObject message : objects(request.get("messages"))) {
            String role = string(message.get("role"), "user");
            if (role.equals("assistant")) {
                counting.assistant(message.get("content")).ifPresent(output::add);
            } else {
                input.addAll(counting.nonAssistant(role, message.get("content")));
            }
        }
        List<JsonObject> tools = objects(request.get("tools"));
        long total = messagesTotal(input) + messagesTotal(output) + counting.tools(tools);

        if (claude) {
            boolean mcpTools = tools.stream().anyMatch(tool -> string(tool.get("name"), "").startsWith("mcp__"));
            if (!tools.isEmpty() && !(claudeCodeClient && mcpTools)) {
                total += claudeToolOverhead;
            }
            return Math.round(total * claudeMultiplier);
        }
        if (family.startsWith("grok")) {
            return Math.round((total + (tools.isEmpty() ? 0 : GROK_TOOL_OVERHEAD)) * GROK_MULTIPLIER);
        }
        return total;
    }

    private static long messagesTotal(List<Long> messages) {
        return messages.isEmpty() ? 0 : messages.stream().mapToLong(Long::longValue).sum() + REPLY_PRIMING;
    }

    /** The top-level {@code system}: a string, or text blocks joined with a blank line (§3.1). */
    private static String systemText(JsonValue system) {
        if (system instanceof JsonString text) {
            return text.getString();
        }
        List<String> texts = new ArrayList<>();
        for (JsonObject block : objects(system)) {
            texts.add(string(block.get("text"), ""));
        }
        return String.join("\n\n", texts);
    }

    /** The counts of one request, in one encoding. */
    private static final class Counting {

        private final Encoding encoding;
        private final int funcInit;
        private final boolean claude;

        Counting(Encoding encoding, int funcInit, boolean claude) {
            this.encoding = encoding;
            this.funcInit = funcInit;
            this.claude = claude;
        }

        long tokens(String text) {
            return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
        }

        /** A Chat message whose fields other than {@code role} add {@code contentTokens}. */
        long message(String role, long contentTokens) {
            return TOKENS_PER_MESSAGE + tokens(role) + contentTokens;
        }

        long message(String role, String content) {
            return message(role, tokens(content));
        }

        /**
         * A user turn as Chat messages (§3.2): one {@code tool} message per {@code tool_result}, then one user
         * message with the other blocks (a string when only text, else parts).
         */
        List<Long> nonAssistant(String role, JsonValue content) {
            if (content instanceof JsonString text) {
                return List.of(message(role, text.getString()));
            }
            List<Long> messages = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            long media = 0;
            boolean others = false;
            for (JsonObject block : objects(content)) {
                String type = string(block.get("type"), "");
                if (type.equals("tool_result")) {
                    String id = string(block.get("tool_use_id"), "");
                    messages.add(message("tool", tokens(id) + toolResultTokens(block.get("content"))));
                    continue;
                }
                others = true;
                switch (type) {
                    case "text" -> texts.add(string(block.get("text"), ""));
                    case "image" -> media += imageTokens(block);
                    case "document" -> media += documentTokens(block);
                    default -> {
                        // server tool results, tool_reference, …: not carried to Chat
                    }
                }
            }
            if (others) {
                long textTokens = media == 0 ? tokens(String.join("\n\n", texts)) : texts.stream().mapToLong(this::tokens).sum();
                messages.add(message(role, textTokens + media));
            }
            return messages;
        }

        /** {@code tool_result.content} (§3.3): a string, or its text blocks joined with a newline, plus its images. */
        private long toolResultTokens(JsonValue content) {
            if (content instanceof JsonString text) {
                return tokens(text.getString());
            }
            List<String> texts = new ArrayList<>();
            long media = 0;
            for (JsonObject block : objects(content)) {
                switch (string(block.get("type"), "")) {
                    case "text" -> texts.add(string(block.get("text"), ""));
                    case "image" -> media += imageTokens(block);
                    case "document" -> media += documentTokens(block);
                    default -> texts.add(block.toString());
                }
            }
            return tokens(String.join("\n", texts)) + media;
        }

        /**
         * An assistant turn as one Chat message (§3.4): its text as {@code content}, Claude thinking as
         * {@code reasoning_text}, {@code tool_use} blocks as {@code tool_calls}; nothing for an empty turn.
         */
        Optional<Long> assistant(JsonValue content) {
            if (content instanceof JsonString text) {
                return Optional.of(message("assistant", text.getString()));
            }
            List<String> texts = new ArrayList<>();
            List<String> thinking = new ArrayList<>();
            List<JsonObject> toolCalls = new ArrayList<>();
            for (JsonObject block : objects(content)) {
                switch (string(block.get("type"), "")) {
                    case "text" -> texts.add(string(block.get("text"), ""));
                    case "thinking" -> thinking.add(string(block.get("thinking"), ""));
                    case "tool_use" -> toolCalls.add(toolCall(block));
                    default -> {
                        // redacted_thinking and server tool blocks are not carried to Chat
                    }
                }
            }
            if (texts.isEmpty() && toolCalls.isEmpty() && thinking.isEmpty()) {
                return Optional.empty();
            }
            long fields = tokens(String.join("\n\n", texts));
            if (claude && !thinking.isEmpty()) {
                fields += tokens(String.join("\n\n", thinking));
            }
            if (!toolCalls.isEmpty()) {
                for (JsonObject call : toolCalls) {
                    fields += funcInit + tokens(call.toString());
                }
                fields += FUNC_END;
            }
            return Optional.of(message("assistant", fields));
        }

        /** The Chat tool call a {@code tool_use} block becomes, serialised as JSON for counting. */
        private static JsonObject toolCall(JsonObject toolUse) {
            JsonValue input = toolUse.getOrDefault("input", JsonValue.EMPTY_JSON_OBJECT);
            return JsonIo.object()
                    .add("id", string(toolUse.get("id"), ""))
                    .add("type", "function")
                    .add("function", JsonIo.object().add("name", string(toolUse.get("name"), "")).add("arguments", input.toString()))
                    .build();
        }

        /** A fixed estimate per image, plus the URL's tokens when the image is given by URL. */
        private long imageTokens(JsonObject image) {
            JsonValue source = image.get("source");
            String url = source instanceof JsonObject object && "url".equals(string(object.get("type"), "")) ? string(object.get("url"), "") : "";
            return tokens(url) + IMAGE_TOKENS;
        }

        /** A document's text when it carries text; base64 files (PDF) are not estimated. */
        private long documentTokens(JsonObject document) {
            JsonValue source = document.get("source");
            if (source instanceof JsonObject object && "text".equals(string(object.get("type"), ""))) {
                return tokens(string(object.get("data"), ""));
            }
            return 0;
        }

        /** The tools as Chat functions (§3.7); Anthropic server tools (typed other than {@code custom}) are dropped. */
        long tools(List<JsonObject> tools) {
            long total = 0;
            boolean any = false;
            for (JsonObject tool : tools) {
                String type = string(tool.get("type"), "custom");
                if (!type.equals("custom")) {
                    continue;
                }
                any = true;
                total += funcInit + tokens(string(tool.get("name"), "") + ":" + withoutTrailingDot(string(tool.get("description"), "")));
                if (tool.get("input_schema") instanceof JsonObject schema) {
                    total += parameters(schema);
                }
            }
            return any ? total + FUNC_END : 0;
        }

        private long parameters(JsonObject schema) {
            long total = 0;
            for (Map.Entry<String, JsonValue> entry : schema.entrySet()) {
                if (entry.getKey().equals("properties")) {
                    if (entry.getValue() instanceof JsonObject properties && !properties.isEmpty()) {
                        total += PROP_INIT;
                        for (Map.Entry<String, JsonValue> property : properties.entrySet()) {
                            total += property(property.getKey(), property.getValue());
                        }
                    }
                } else {
                    total += tokens(entry.getKey() + ":" + textOf(entry.getValue()));
                }
            }
            return total;
        }

        private long property(String name, JsonValue value) {
            long total = PROP_KEY;
            if (!(value instanceof JsonObject property)) {
                return total;
            }
            if (property.get("enum") instanceof JsonArray values) {
                total += ENUM_INIT;
                for (JsonValue item : values) {
                    total += ENUM_ITEM + tokens(item instanceof JsonString text ? text.getString() : item.toString());
                }
            }
            String type = string(property.get("type"), "string");
            total += tokens(name + ":" + type + ":" + withoutTrailingDot(string(property.get("description"), "")));
            for (Map.Entry<String, JsonValue> entry : property.entrySet()) {
                String key = entry.getKey();
                if (!key.equals("type") && !key.equals("description") && !key.equals("enum")) {
                    total += tokens(key + ":" + textOf(entry.getValue()));
                }
            }
            return total;
        }

        private static String withoutTrailingDot(String text) {
            return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        }

        private static String textOf(JsonValue value) {
            return value instanceof JsonString text ? text.getString() : value.toString();
        }
    }

    private static List<JsonObject> objects(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    private static String string(JsonValue value, String fallback) {
        return value instanceof JsonString text ? text.getString() : fallback;
    }
}
