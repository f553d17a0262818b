package dev.copilotgateway.translate.anthropic;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pure payload rules of TRANSLATION.md §3.9, applied to an Anthropic request before it is translated. They do
 * not depend on the upstream, so the other Anthropic translators of this package may apply them too.
 *
 * <ul>
 *   <li>Merge: Claude Code sends {@code <system-reminder>} texts (and attachments) next to tool results. Appending
 *       them to the tool results keeps the turn "tool results only", so Copilot bills it as an agent follow-up
 *       ({@code x-initiator: agent}) instead of a new premium request. Skipped for compaction requests.</li>
 *   <li>Billing noise: Claude Code's {@code x-anthropic-billing-header} line and {@code cch=<hash>;} tokens in the
 *       system prompt change every request and would break the upstream's prompt-cache prefix.</li>
 * </ul>
 * Input that does not have the expected shape is left as it is, for the translator's validation to report.
 */
public final class AnthropicToChatPreprocessing {

    private static final String PDF_FILE_READ_PREFIX = "PDF file read:";
    private static final Pattern BILLING_HEADER_LINE = Pattern.compile("(?m)^[^\\n]*x-anthropic-billing-header[^\\n]*(?:\\n|$)");
    private static final Pattern CCH_TOKEN = Pattern.compile("cch=[0-9a-fA-F]{5,};[ \\t]?");

    private AnthropicToChatPreprocessing() {
    }

    /** The request with both rules applied; {@code mergeToolResults} is false for compaction requests (§15.4). */
    public static JsonObject apply(JsonObject request, boolean mergeToolResults) {
        JsonObject result = stripBillingNoise(request);
        return mergeToolResults ? mergeToolResults(result) : result;
    }

    static JsonObject stripBillingNoise(JsonObject request) {
        JsonValue system = request.get("system");
        if (system instanceof JsonString text) {
            return with(request, "system", JsonIo.PROVIDER.createValue(strip(text.getString())));
        }
        if (!(system instanceof JsonArray blocks)) {
            return request;
        }
        JsonArrayBuilder cleaned = JsonIo.array();
        for (JsonValue block : blocks) {
            if (block instanceof JsonObject object && object.get("text") instanceof JsonString text) {
                String stripped = strip(text.getString());
                if (stripped.isBlank() && !text.getString().isBlank()) {
                    continue;
                }
                cleaned.add(with(object, "text", JsonIo.PROVIDER.createValue(stripped)));
            } else {
                cleaned.add(block);
            }
        }
        return with(request, "system", cleaned.build());
    }

    private static String strip(String text) {
        if (!text.contains("x-anthropic-billing-header") && !text.contains("cch=")) {
            return text;
        }
        return CCH_TOKEN.matcher(BILLING_HEADER_LINE.matcher(text).replaceAll("")).replaceAll("");
    }

    static JsonObject mergeToolResults(JsonObject request) {
        if (!(request.get("messages") instanceof JsonArray messages)) {
            return request;
        }
        JsonArrayBuilder merged = JsonIo.array();
        boolean changed = false;
        for (JsonValue message : messages) {
            JsonValue result = message;
            if (message instanceof JsonObject object && "user".equals(object.getString("role", null))
                    && object.get("content") instanceof JsonArray content) {
                List<JsonObject> blocks = mergeUserContent(content);
                if (blocks != null) {
                    JsonArrayBuilder array = JsonIo.array();
                    blocks.forEach(array::add);
                    result = with(object, "content", array.build());
                    changed = true;
                }
            }
            merged.add(result);
        }
        return changed ? with(request, "messages", merged.build()) : request;
    }

    /** The tool results with the turn's other blocks merged in, or null when this turn is left as it is. */
    private static List<JsonObject> mergeUserContent(JsonArray content) {
        List<JsonObject> toolResults = new ArrayList<>();
        List<JsonObject> texts = new ArrayList<>();
        List<JsonObject> attachments = new ArrayList<>();
        for (JsonValue value : content) {
            if (!(value instanceof JsonObject block)) {
                return null;
            }
            switch (block.getString("type", "")) {
                case "tool_result" -> toolResults.add(block);
                case "text" -> {
                    if (!(block.get("text") instanceof JsonString)) {
                        return null;
                    }
                    texts.add(block);
                }
                case "image", "document" -> attachments.add(block);
                default -> {
                    return null;
                }
            }
        }
        if (toolResults.isEmpty() || texts.isEmpty() && attachments.isEmpty()) {
            return null;
        }
        List<Integer> mergeable = new ArrayList<>();
        for (int i = 0; i < toolResults.size(); i++) {
            if (isMergeable(toolResults.get(i))) {
                mergeable.add(i);
            }
        }
        if (mergeable.isEmpty()) {
            return null;
        }
        Map<Integer, List<JsonObject>> additions = new LinkedHashMap<>();
        assign(additions, texts, mergeable, mergeable);
        assignAttachments(additions, toolResults, attachments, mergeable);
        List<JsonObject> result = new ArrayList<>(toolResults.size());
        for (int i = 0; i < toolResults.size(); i++) {
            List<JsonObject> extra = additions.get(i);
            result.add(extra == null ? toolResults.get(i) : append(toolResults.get(i), extra));
        }
        return result;
    }

    /** Not into errors (their meaning would change), not into tool_reference results, only into readable content. */
    private static boolean isMergeable(JsonObject toolResult) {
        if (toolResult.getBoolean("is_error", false)) {
            return false;
        }
        JsonValue content = toolResult.get("content");
        if (content == null || content == JsonValue.NULL || content instanceof JsonString) {
            return true;
        }
        if (!(content instanceof JsonArray array)) {
            return false;
        }
        return array.stream().allMatch(block -> block instanceof JsonObject object && !"tool_reference".equals(object.getString("type", "")));
    }

    /**
     * PDF documents go first to the tool results that read a PDF (text starting {@code PDF file read:}), in order;
     * the rest like texts.
     */
    private static void assignAttachments(Map<Integer, List<JsonObject>> additions, List<JsonObject> toolResults,
            List<JsonObject> attachments, List<Integer> mergeable) {
        List<Integer> pdfReads = mergeable.stream().filter(i -> startsWithPdfRead(toolResults.get(i))).toList();
        List<JsonObject> remaining = new ArrayList<>();
        List<Integer> unmatched = new ArrayList<>(mergeable);
        int nextPdfRead = 0;
        for (JsonObject attachment : attachments) {
            if ("document".equals(attachment.getString("type", "")) && nextPdfRead < pdfReads.size()) {
                Integer target = pdfReads.get(nextPdfRead++);
                additions.computeIfAbsent(target, key -> new ArrayList<>()).add(attachment);
                unmatched.remove(target);
            } else {
                remaining.add(attachment);
            }
        }
        assign(additions, remaining, unmatched, mergeable);
    }

    /** One block per tool result when the counts match, else all blocks to the last mergeable tool result. */
    private static void assign(Map<Integer, List<JsonObject>> additions, List<JsonObject> blocks, List<Integer> countMatch,
            List<Integer> mergeable) {
        if (blocks.isEmpty()) {
            return;
        }
        if (blocks.size() == countMatch.size()) {
            for (int i = 0; i < blocks.size(); i++) {
                additions.computeIfAbsent(countMatch.get(i), key -> new ArrayList<>()).add(blocks.get(i));
            }
        } else {
            additions.computeIfAbsent(mergeable.get(mergeable.size() - 1), key -> new ArrayList<>()).addAll(blocks);
        }
    }

    private static boolean startsWithPdfRead(JsonObject toolResult) {
        JsonValue content = toolResult.get("content");
        if (content instanceof JsonString text) {
            return text.getString().startsWith(PDF_FILE_READ_PREFIX);
        }
        if (content instanceof JsonArray array && !array.isEmpty() && array.get(0) instanceof JsonObject first) {
            boolean hasDocument = array.stream().anyMatch(block -> "document".equals(((JsonObject) block).getString("type", "")));
            return !hasDocument && "text".equals(first.getString("type", "")) && first.getString("text", "").startsWith(PDF_FILE_READ_PREFIX);
        }
        return false;
    }

    /**
     * Texts join string content with a blank line; anything else (or any block once the content is an array) is
     * appended as a block without its {@code cache_control}.
     */
    private static JsonObject append(JsonObject toolResult, List<JsonObject> blocks) {
        JsonValue content = toolResult.get("content");
        String text = content instanceof JsonString string ? string.getString() : content instanceof JsonArray ? null : "";
        List<JsonObject> array = new ArrayList<>();
        if (content instanceof JsonArray existing) {
            existing.forEach(block -> array.add((JsonObject) block));
        }
        for (JsonObject block : blocks) {
            if (text != null && "text".equals(block.getString("type"))) {
                String addition = block.getString("text");
                text = text.isEmpty() ? addition : addition.isEmpty() ? text : text + "\n\n" + addition;
                continue;
            }
            if (text != null) {
                if (!text.isEmpty()) {
                    array.add(JsonIo.object().add("type", "text").add("text", text).build());
                }
                text = null;
            }
            array.add(withoutCacheControl(block));
        }
        if (text != null) {
            return with(toolResult, "content", JsonIo.PROVIDER.createValue(text));
        }
        JsonArrayBuilder builder = JsonIo.array();
        array.forEach(builder::add);
        return with(toolResult, "content", builder.build());
    }

    private static JsonObject withoutCacheControl(JsonObject block) {
        return block.containsKey("cache_control") ? JsonIo.PROVIDER.createObjectBuilder(block).remove("cache_control").build() : block;
    }

    private static JsonObject with(JsonObject object, String field, JsonValue value) {
        return JsonIo.PROVIDER.createObjectBuilder(object).add(field, value).build();
    }
}
