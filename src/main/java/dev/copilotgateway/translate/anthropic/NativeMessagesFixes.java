package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.JsonFields.objects;
import static dev.copilotgateway.translate.JsonFields.string;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.array;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.blocks;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.last;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.messages;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.text;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.textBlock;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.texts;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.type;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.with;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.without;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.models.ClaudeModelName;
import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.ModelCapabilities;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The payload rules for sending an Anthropic request to Copilot's native {@code /v1/messages} (TRANSLATION.md §6.1,
 * UPSTREAM.md §10.1): what the client sent, made acceptable to Copilot, in the spec's order. Pure.
 *
 * <p>Before this, the caller has resolved the model (§6.1 step 1, {@code ModelNameResolver}) and applied §3.9's
 * merge and billing-noise clean-up (step 2). {@link #apply} then does steps 3–7 and works out the headers' inputs
 * of step 9; step 8 (assistant prefill) is the retry rule of §6.3, see {@link #isPrefillRejection}.
 */
public final class NativeMessagesFixes {

    /** What to send: the payload and what the headers depend on. */
    public record Result(JsonObject payload, Optional<String> anthropicBeta, boolean vision, boolean omitThinkingDeltas) {
    }

    /** The user turn appended when a model refuses an assistant prefill (§6.3, caozhiyuan's wording). */
    public static final String PREFILL_CONTINUATION = "Continue from where you left off.";

    private static final String REMINDER_OPEN = "<system-reminder>";
    private static final String REMINDER_CLOSE = "</system-reminder>";
    private static final Set<String> INVALID_THINKING_TEXT = Set.of("", "Thinking...");
    private static final long DEFAULT_MIN_THINKING_BUDGET = 1024;

    private final NativeMessagesBetas betas;
    private final String defaultEffort;

    /** {@code defaultEffort}: the effort for adaptive thinking when the request names none (setting {@code claude-default-effort}). */
    public NativeMessagesFixes(NativeMessagesBetas betas, String defaultEffort) {
        this.betas = betas;
        this.defaultEffort = defaultEffort;
    }

    public static NativeMessagesFixes fromConfig(GatewayConfig config) {
        return new NativeMessagesFixes(NativeMessagesBetas.fromConfig(config), config.claudeDefaultEffort());
    }

    /**
     * The payload for {@code model}: its id as {@code model}, inline system messages folded in, fields Copilot
     * rejects removed, breakpoints cleaned, unreplayable thinking dropped, the thinking policy applied, dangling
     * tool uses answered; and the {@code anthropic-beta} header for it.
     *
     * @param effort the effort the client asked for (in the model name or the request), if any
     * @param anthropicBeta the client's {@code anthropic-beta} header, or null
     */
    public Result apply(JsonObject request, CopilotModel model, Optional<String> effort, String anthropicBeta) {
        JsonObject payload = with(request, "model", text(model.id()));
        payload = inlineSystemMessages(payload);
        payload = removeRejectedFields(payload);
        payload = NativeMessagesCacheControl.clean(payload, betas.allowed(anthropicBeta).contains(NativeMessagesBetas.EXTENDED_CACHE_TTL));
        payload = dropUnreplayableThinking(payload);
        boolean promotedDisplay = promotesOmittedThinking(payload, model);
        payload = thinkingPolicy(payload, model, effort);
        payload = answerDanglingToolUses(payload);
        return new Result(payload, betas.header(anthropicBeta, payload), hasImages(payload), promotedDisplay);
    }

    // ---- step 3: inline system messages

    /**
     * {@code role: system} inside {@code messages} (opencode sends them; Copilot rejects them): at the start they join
     * the top-level {@code system}; after a user message they go into it as a {@code <system-reminder>} after its last
     * tool result; anywhere else they become a user message holding the reminder.
     */
    static JsonObject inlineSystemMessages(JsonObject payload) {
        List<JsonObject> messages = messages(payload);
        if (messages.stream().noneMatch(message -> "system".equals(string(message.get("role"))))) {
            return payload;
        }
        JsonObject result = payload;
        List<JsonObject> kept = new ArrayList<>();
        for (JsonObject message : messages) {
            if (!"system".equals(string(message.get("role")))) {
                kept.add(message);
                continue;
            }
            String text = String.join("\n\n", texts(message.get("content")));
            if (text.isBlank()) {
                continue;
            }
            Optional<JsonObject> previous = last(kept);
            if (previous.isEmpty()) {
                result = appendToSystem(result, text);
            } else if ("user".equals(string(previous.get().get("role")))) {
                kept.set(kept.size() - 1, withReminder(previous.get(), reminder(text)));
            } else {
                kept.add(JsonIo.object().add("role", "user").add("content", array(List.of(textBlock(reminder(text))))).build());
            }
        }
        return with(result, "messages", array(kept));
    }

    private static String reminder(String text) {
        String trimmed = text.strip();
        return trimmed.startsWith(REMINDER_OPEN) && trimmed.endsWith(REMINDER_CLOSE) ? text : REMINDER_OPEN + "\n" + text + "\n" + REMINDER_CLOSE;
    }

    private static JsonObject appendToSystem(JsonObject payload, String text) {
        JsonValue system = payload.get("system");
        if (system instanceof JsonString existing) {
            return with(payload, "system", text(existing.getString() + "\n\n" + text));
        }
        List<JsonObject> blocks = objects(system);
        if (blocks.isEmpty()) {
            return with(payload, "system", text(text));
        }
        List<JsonObject> more = new ArrayList<>(blocks);
        more.add(textBlock(text));
        return with(payload, "system", array(more));
    }

    private static JsonObject withReminder(JsonObject user, String reminder) {
        List<JsonObject> blocks = new ArrayList<>(blocks(user.get("content")));
        int lastToolResult = -1;
        for (int i = 0; i < blocks.size(); i++) {
            if (type(blocks.get(i)).equals("tool_result")) {
                lastToolResult = i;
            }
        }
        blocks.add(lastToolResult >= 0 ? lastToolResult + 1 : blocks.size(), textBlock(reminder));
        return with(user, "content", array(blocks));
    }

    // ---- step 4: fields Copilot rejects

    /**
     * {@code context_management} and {@code inference_geo} ("Extra inputs are not permitted"), and on tools
     * {@code strict} (400 FAILED_PRECONDITION) and {@code eager_input_streaming}.
     */
    static JsonObject removeRejectedFields(JsonObject payload) {
        JsonObject result = without(without(payload, "context_management"), "inference_geo");
        List<JsonObject> tools = objects(result.get("tools"));
        if (tools.stream().noneMatch(tool -> tool.containsKey("strict") || tool.containsKey("eager_input_streaming"))) {
            return result;
        }
        return with(result, "tools", array(tools.stream().map(tool -> without(without(tool, "strict"), "eager_input_streaming")).toList()));
    }

    // ---- step 5: thinking blocks Claude cannot replay

    /**
     * Assistant {@code thinking} blocks that are empty or the placeholder {@code Thinking...}, or whose signature is
     * missing or came from another model (contains {@code @}, TRANSLATION.md §7) are dropped; an assistant turn
     * left empty is dropped with them.
     */
    static JsonObject dropUnreplayableThinking(JsonObject payload) {
        List<JsonObject> messages = messages(payload);
        List<JsonObject> kept = new ArrayList<>();
        boolean changed = false;
        for (JsonObject message : messages) {
            if (!"assistant".equals(string(message.get("role"))) || !(message.get("content") instanceof JsonArray)) {
                kept.add(message);
                continue;
            }
            List<JsonObject> blocks = objects(message.get("content"));
            List<JsonObject> replayable = blocks.stream().filter(block -> !isUnreplayableThinking(block)).toList();
            if (replayable.size() == blocks.size()) {
                kept.add(message);
                continue;
            }
            changed = true;
            if (!replayable.isEmpty()) {
                kept.add(with(message, "content", array(replayable)));
            }
        }
        return changed ? with(payload, "messages", array(kept)) : payload;
    }

    private static boolean isUnreplayableThinking(JsonObject block) {
        if (!type(block).equals("thinking")) {
            return false;
        }
        String thinking = string(block.get("thinking"));
        String signature = string(block.get("signature"));
        return thinking == null || INVALID_THINKING_TEXT.contains(thinking.strip()) || signature == null || signature.isBlank() || signature.contains("@");
    }

    // ---- step 6: thinking policy

    /**
     * Models with adaptive thinking (unless the tool choice forces a tool, or the client turned thinking off) think
     * adaptively at the asked effort (else the configured default), clamped to what the model lists; thinking is
     * shown ({@code display: summarized}) when the client did not ask for thinking, and always on Claude 4.7 and
     * later. Other models get adaptive thinking turned into a token budget and lose {@code output_config} when they
     * list no efforts (Haiku 4.5 rejects it). Any budget is clamped to the model's limits and below
     * {@code max_tokens}; a {@code max_tokens} too small for the minimum budget turns thinking off.
     */
    JsonObject thinkingPolicy(JsonObject payload, CopilotModel model, Optional<String> effort) {
        ModelCapabilities capabilities = ModelCapabilities.of(model);
        JsonObject thinking = payload.get("thinking") instanceof JsonObject object ? object : null;
        String mode = thinking == null ? null : string(thinking.get("type"));
        JsonObject toolChoice = payload.get("tool_choice") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        boolean forcedTool = "any".equals(string(toolChoice.get("type"))) || "tool".equals(string(toolChoice.get("type")));
        JsonObject result = payload;

        if (capabilities.adaptiveThinking() && !forcedTool && !"disabled".equals(mode)) {
            JsonObjectBuilder adaptive = JsonIo.object().add("type", "adaptive");
            String display = thinking == null ? null : string(thinking.get("display"));
            if (thinking == null || isClaudeAtLeast(model, 4, 7)) {
                adaptive.add("display", "summarized");
            } else if (display != null) {
                adaptive.add("display", display);
            }
            result = with(result, "thinking", adaptive.build());
            String wanted = effort.or(() -> requestEffort(payload)).orElse(defaultEffort);
            return withEffort(result, capabilities.reasoningEfforts(), wanted);
        }
        if (!capabilities.adaptiveThinking()) {
            if ("adaptive".equals(mode)) {
                long budget = Math.max(capabilities.minThinkingBudget().orElse(DEFAULT_MIN_THINKING_BUDGET), DEFAULT_MIN_THINKING_BUDGET);
                result = with(result, "thinking", JsonIo.object().add("type", "enabled").add("budget_tokens", budget).build());
            }
            if (capabilities.reasoningEfforts().isEmpty()) {
                result = without(result, "output_config");
            }
        }
        return clampBudget(result, capabilities);
    }

    /** {@code output_config.effort} set to {@code wanted} clamped to {@code listed}, or removed when nothing is listed. */
    private static JsonObject withEffort(JsonObject payload, List<String> listed, String wanted) {
        JsonObject outputConfig = payload.get("output_config") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        outputConfig = listed.isEmpty() ? without(outputConfig, "effort") : with(outputConfig, "effort", text(clampEffort(wanted, listed)));
        return outputConfig.isEmpty() ? without(payload, "output_config") : with(payload, "output_config", outputConfig);
    }

    /** {@code none}/{@code minimal} mean {@code low}; {@code xhigh} and {@code max} stand in for each other; else the list's last. */
    static String clampEffort(String wanted, List<String> listed) {
        String effort = wanted.equals("none") || wanted.equals("minimal") ? "low" : wanted;
        if (listed.contains(effort)) {
            return effort;
        }
        if (effort.equals("xhigh") && listed.contains("max")) {
            return "max";
        }
        if (effort.equals("max") && listed.contains("xhigh")) {
            return "xhigh";
        }
        return listed.get(listed.size() - 1);
    }

    private static Optional<String> requestEffort(JsonObject payload) {
        return payload.get("output_config") instanceof JsonObject config ? Optional.ofNullable(string(config.get("effort"))) : Optional.empty();
    }

    private static JsonObject clampBudget(JsonObject payload, ModelCapabilities capabilities) {
        if (!(payload.get("thinking") instanceof JsonObject thinking) || !(thinking.get("budget_tokens") instanceof JsonNumber requested)) {
            return payload;
        }
        long min = capabilities.minThinkingBudget().orElse(DEFAULT_MIN_THINKING_BUDGET);
        OptionalLong max = capabilities.maxThinkingBudget();
        long budget = Math.max(requested.longValue(), min);
        if (max.isPresent()) {
            budget = Math.min(budget, max.getAsLong());
        }
        if (payload.get("max_tokens") instanceof JsonNumber maxTokens) {
            budget = Math.min(budget, maxTokens.longValue() - 1);
        }
        if (budget < min) {
            return without(payload, "thinking");
        }
        return budget == requested.longValue() ? payload : with(payload, "thinking", with(thinking, "budget_tokens", JsonIo.PROVIDER.createValue(budget)));
    }

    /** Whether the policy turns a client's {@code display: omitted} into {@code summarized} (§6.2: drop the thinking deltas then). */
    private static boolean promotesOmittedThinking(JsonObject payload, CopilotModel model) {
        return payload.get("thinking") instanceof JsonObject thinking && "omitted".equals(string(thinking.get("display")))
                && !"disabled".equals(string(thinking.get("type"))) && ModelCapabilities.of(model).adaptiveThinking()
                && isClaudeAtLeast(model, 4, 7) && !forcesTool(payload);
    }

    private static boolean forcesTool(JsonObject payload) {
        String choice = payload.get("tool_choice") instanceof JsonObject object ? string(object.get("type")) : null;
        return "any".equals(choice) || "tool".equals(choice);
    }

    /** Whether the model is a Claude of at least this version; raw variant suffixes ({@code -1m-internal}) are ignored. */
    static boolean isClaudeAtLeast(CopilotModel model, int major, int minor) {
        String id = model.id();
        while (true) {
            Optional<ClaudeModelName> name = ClaudeModelName.parse(id);
            if (name.isPresent()) {
                return name.get().atLeast(major, minor);
            }
            int dash = id.lastIndexOf('-');
            if (dash < 0) {
                return false;
            }
            id = id.substring(0, dash);
        }
    }

    // ---- step 7: dangling tool uses

    /**
     * Every {@code tool_use} needs a {@code tool_result} in the next message (else 400): missing ones are added, empty,
     * at the start of the next user message, or as a new user message when the next one is not the user's. A tool use
     * in the last message is left alone (nothing answers it yet).
     */
    static JsonObject answerDanglingToolUses(JsonObject payload) {
        List<JsonObject> messages = new ArrayList<>(messages(payload));
        boolean changed = false;
        for (int i = 0; i < messages.size() - 1; i++) {
            if (!"assistant".equals(string(messages.get(i).get("role")))) {
                continue;
            }
            Set<String> used = idsOf(messages.get(i), "tool_use", "id");
            if (used.isEmpty()) {
                continue;
            }
            JsonObject next = messages.get(i + 1);
            boolean nextIsUser = "user".equals(string(next.get("role")));
            Set<String> missing = new LinkedHashSet<>(used);
            if (nextIsUser) {
                missing.removeAll(idsOf(next, "tool_result", "tool_use_id"));
            }
            if (missing.isEmpty()) {
                continue;
            }
            changed = true;
            List<JsonObject> answers = missing.stream()
                    .map(id -> JsonIo.object().add("type", "tool_result").add("tool_use_id", id).build())
                    .toList();
            if (nextIsUser) {
                List<JsonObject> content = new ArrayList<>(answers);
                content.addAll(blocks(next.get("content")));
                messages.set(i + 1, with(next, "content", array(content)));
            } else {
                messages.add(i + 1, JsonIo.object().add("role", "user").add("content", array(answers)).build());
            }
        }
        return changed ? with(payload, "messages", array(messages)) : payload;
    }

    private static Set<String> idsOf(JsonObject message, String blockType, String idField) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonObject block : objects(message.get("content"))) {
            if (type(block).equals(blockType) && string(block.get(idField)) != null) {
                ids.add(string(block.get(idField)));
            }
        }
        return ids;
    }

    // ---- step 8 / §6.3: assistant prefill

    /** Whether Copilot refused the request because it ends with an assistant turn (§6.3). */
    public static boolean isPrefillRejection(int status, byte[] body) {
        return status == 400 && new String(body, StandardCharsets.UTF_8).contains("does not support assistant message prefill");
    }

    /** The payload to retry a refused prefill with (or to send upfront for models known to refuse it). */
    public static JsonObject withPrefillFallback(JsonObject payload) {
        List<JsonObject> messages = messages(payload);
        if (last(messages).map(message -> !"assistant".equals(string(message.get("role")))).orElse(true)) {
            return payload;
        }
        List<JsonObject> continued = new ArrayList<>(messages);
        continued.add(JsonIo.object().add("role", "user").add("content", PREFILL_CONTINUATION).build());
        return with(payload, "messages", array(continued));
    }

    // ---- step 9 inputs

    /** Whether any message carries an image, also inside a tool result ({@code copilot-vision-request: true}). */
    public static boolean hasImages(JsonObject payload) {
        for (JsonObject message : messages(payload)) {
            for (JsonObject block : objects(message.get("content"))) {
                if (type(block).equals("image") || objects(block.get("content")).stream().anyMatch(inner -> type(inner).equals("image"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
