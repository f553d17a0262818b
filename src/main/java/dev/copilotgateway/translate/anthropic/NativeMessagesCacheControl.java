package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.JsonFields.objects;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.array;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.blocks;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.edit;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.messages;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.textBlock;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.type;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.with;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.without;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Anthropic {@code cache_control} breakpoints on payloads for Copilot's {@code /v1/messages} (TRANSLATION.md §13.2,
 * UPSTREAM.md §10.1). Breakpoints are counted in prompt order: tools, system, then message blocks (a tool result's
 * own content blocks right after it).
 */
public final class NativeMessagesCacheControl {

    /** Anthropic accepts at most this many breakpoints per request. */
    public static final int MAX_BREAKPOINTS = 4;

    private static final Set<String> CACHEABLE = Set.of("text", "image", "tool_use", "tool_result", "document");
    private static final Set<String> THINKING = Set.of("thinking", "redacted_thinking");

    private enum Section { TOOLS, SYSTEM, MESSAGES }

    /** Rewrites one block; {@code ordinal} numbers the blocks that carry a breakpoint, in prompt order. */
    private interface BlockRewriter {
        JsonObject rewrite(JsonObject block, Section section, int ordinal);
    }

    private NativeMessagesCacheControl() {
    }

    /**
     * The client's breakpoints made acceptable to Copilot: {@code scope} removed (always rejected), {@code ttl}
     * removed unless {@code keepTtl} (its beta is sent), none on thinking blocks, the request-level
     * {@code cache_control} (rejected by several Claude models) moved onto the last cacheable block of the last
     * message, and at most {@value #MAX_BREAKPOINTS}: the earliest message breakpoints go first, then system's, then
     * the tools'.
     */
    public static JsonObject clean(JsonObject payload, boolean keepTtl) {
        UnaryOperator<JsonObject> tidy = control -> {
            JsonObject cleaned = without(control, "scope");
            return keepTtl ? cleaned : without(cleaned, "ttl");
        };
        JsonObject result = rewriteBlocks(payload, (block, section, ordinal) -> {
            if (!(block.get("cache_control") instanceof JsonObject control)) {
                return block;
            }
            return THINKING.contains(type(block)) ? without(block, "cache_control") : with(block, "cache_control", tidy.apply(control));
        });
        if (result.containsKey("cache_control")) {
            JsonValue requestLevel = result.get("cache_control");
            result = without(result, "cache_control");
            if (requestLevel instanceof JsonObject control && count(result) < MAX_BREAKPOINTS) {
                result = markLastMessage(result, tidy.apply(control));
            }
        }
        return limit(result);
    }

    /**
     * Breakpoints for a payload synthesised from another protocol (Chat, Gemini, Responses), whose client could not
     * place any: system's last block, the last custom tool, the last cacheable block of the last message, each
     * unless already marked and while fewer than {@value #MAX_BREAKPOINTS} are set.
     */
    public static JsonObject injectBreakpoints(JsonObject payload) {
        JsonObject ephemeral = JsonIo.object().add("type", "ephemeral").build();
        JsonObject result = payload;
        if (count(result) < MAX_BREAKPOINTS) {
            result = markSystem(result, ephemeral);
        }
        if (count(result) < MAX_BREAKPOINTS) {
            result = markLastTool(result, ephemeral);
        }
        if (count(result) < MAX_BREAKPOINTS) {
            result = markLastMessage(result, ephemeral);
        }
        return result;
    }

    /** The number of breakpoints in the payload (the request-level one not included). */
    public static int count(JsonObject payload) {
        int[] count = {0};
        rewriteBlocks(payload, (block, section, ordinal) -> {
            count[0]++;
            return block;
        });
        return count[0];
    }

    private static JsonObject limit(JsonObject payload) {
        List<Section> sections = new ArrayList<>();
        rewriteBlocks(payload, (block, section, ordinal) -> {
            sections.add(section);
            return block;
        });
        Set<Integer> dropped = new HashSet<>();
        for (Section section : List.of(Section.MESSAGES, Section.SYSTEM, Section.TOOLS)) {
            for (int i = 0; i < sections.size() && sections.size() - dropped.size() > MAX_BREAKPOINTS; i++) {
                if (sections.get(i) == section) {
                    dropped.add(i);
                }
            }
        }
        if (dropped.isEmpty()) {
            return payload;
        }
        return rewriteBlocks(payload, (block, section, ordinal) -> dropped.contains(ordinal) ? without(block, "cache_control") : block);
    }

    private static JsonObject markSystem(JsonObject payload, JsonObject control) {
        JsonValue system = payload.get("system");
        if (system instanceof JsonString text && !text.getString().isEmpty()) {
            return with(payload, "system", array(List.of(with(textBlock(text.getString()), "cache_control", control))));
        }
        List<JsonObject> blocks = objects(system);
        if (blocks.isEmpty() || blocks.get(blocks.size() - 1).containsKey("cache_control")) {
            return payload;
        }
        List<JsonObject> marked = new ArrayList<>(blocks);
        marked.set(marked.size() - 1, with(marked.get(marked.size() - 1), "cache_control", control));
        return with(payload, "system", array(marked));
    }

    private static JsonObject markLastTool(JsonObject payload, JsonObject control) {
        List<JsonObject> tools = new ArrayList<>(objects(payload.get("tools")));
        for (int i = tools.size() - 1; i >= 0; i--) {
            String type = type(tools.get(i));
            if (type.isEmpty() || type.equals("custom")) {
                if (!tools.get(i).containsKey("cache_control")) {
                    tools.set(i, with(tools.get(i), "cache_control", control));
                    return with(payload, "tools", array(tools));
                }
                return payload;
            }
        }
        return payload;
    }

    private static JsonObject markLastMessage(JsonObject payload, JsonObject control) {
        List<JsonObject> messages = new ArrayList<>(messages(payload));
        if (messages.isEmpty()) {
            return payload;
        }
        JsonObject last = messages.get(messages.size() - 1);
        List<JsonObject> blocks = new ArrayList<>(blocks(last.get("content")));
        for (int i = blocks.size() - 1; i >= 0; i--) {
            if (CACHEABLE.contains(type(blocks.get(i)))) {
                if (blocks.get(i).containsKey("cache_control")) {
                    return payload;
                }
                blocks.set(i, with(blocks.get(i), "cache_control", control));
                messages.set(messages.size() - 1, with(last, "content", array(blocks)));
                return with(payload, "messages", array(messages));
            }
        }
        return payload;
    }

    /** Applies {@code rewriter} to every block that carries a {@code cache_control}, in prompt order. */
    private static JsonObject rewriteBlocks(JsonObject payload, BlockRewriter rewriter) {
        int[] ordinal = {0};
        UnaryOperator<JsonObject> visitTool = tool -> visit(tool, Section.TOOLS, rewriter, ordinal);
        UnaryOperator<JsonObject> visitSystem = block -> visit(block, Section.SYSTEM, rewriter, ordinal);
        UnaryOperator<JsonObject> visitMessageBlock = block -> {
            JsonObject visited = visit(block, Section.MESSAGES, rewriter, ordinal);
            if (visited.get("content") instanceof JsonArray nested) {
                visited = with(visited, "content", mapObjects(nested, inner -> visit(inner, Section.MESSAGES, rewriter, ordinal)));
            }
            return visited;
        };
        JsonObjectBuilder result = edit(payload);
        if (payload.get("tools") instanceof JsonArray tools) {
            result.add("tools", mapObjects(tools, visitTool));
        }
        if (payload.get("system") instanceof JsonArray system) {
            result.add("system", mapObjects(system, visitSystem));
        }
        if (payload.get("messages") instanceof JsonArray messages) {
            result.add("messages", mapObjects(messages, message -> message.get("content") instanceof JsonArray content
                    ? with(message, "content", mapObjects(content, visitMessageBlock))
                    : message));
        }
        return result.build();
    }

    private static JsonObject visit(JsonObject block, Section section, BlockRewriter rewriter, int[] ordinal) {
        return block.containsKey("cache_control") ? rewriter.rewrite(block, section, ordinal[0]++) : block;
    }

    /** The array with each object element replaced by {@code change}; other elements kept. */
    private static JsonArray mapObjects(JsonArray values, UnaryOperator<JsonObject> change) {
        List<JsonValue> mapped = new ArrayList<>(values.size());
        for (JsonValue value : values) {
            mapped.add(value instanceof JsonObject object ? change.apply(object) : value);
        }
        return array(mapped);
    }
}
