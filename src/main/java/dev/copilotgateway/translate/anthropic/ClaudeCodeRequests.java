package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.JsonFields.objects;
import static dev.copilotgateway.translate.JsonFields.string;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.last;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.messages;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.texts;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.type;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.upstream.Initiators;
import dev.copilotgateway.upstream.RequestTraits;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Claude Code's requests say about themselves (TRANSLATION.md §15): warm-up probes, compaction and
 * auto-continue turns, subagent markers, the session in {@code metadata.user_id}; and what follows for billing
 * ({@code x-initiator}, UPSTREAM.md §6.4) and routing (the small model). Pure functions of the Anthropic request.
 */
public final class ClaudeCodeRequests {

    /** What a turn is, as far as billing cares (§15.4). */
    public enum Kind { ORDINARY, COMPACTION, AUTO_CONTINUE }

    /** A plugin's {@code __SUBAGENT_MARKER__} (§15.5). */
    public record SubagentMarker(String sessionId, String agentId, String agentType) {
    }

    /** What {@code metadata.user_id} identifies (§15.3): a stable user/device and the client's session. */
    public record UserId(Optional<String> safetyIdentifier, Optional<String> sessionId) {
    }

    /**
     * Who started the turn and how Copilot should see it: {@code initiator} ({@code user}/{@code agent}),
     * {@code x-interaction-type}, {@code openai-intent}.
     */
    public record Turn(String initiator, String interactionType, String intent, Kind kind, Optional<SubagentMarker> subagent) {

        /** The header traits of this turn for a JSON request; {@code vision} when the payload carries images. */
        public RequestTraits traits(boolean vision) {
            return new RequestTraits(initiator, vision, interactionType, intent, true);
        }
    }

    public static final String CONVERSATION_AGENT = "conversation-agent";
    public static final String CONVERSATION_SUBAGENT = "conversation-subagent";
    public static final String CONVERSATION_COMPACTION = "conversation-compaction";

    private static final Set<String> WARMUP_TEXTS = Set.of("warmup", "hello");
    private static final List<String> COMPACTION_MARKERS = List.of("CRITICAL: Respond with TEXT ONLY. Do NOT call any tools.",
            "Your task is to create a detailed summary of the conversation so far");
    private static final List<String> COMPACTION_SECTIONS = List.of("Pending Tasks:", "Current Work:");
    private static final List<String> SUMMARISER_SYSTEM_PROMPTS = List.of(
            "You are a helpful AI assistant tasked with summarizing conversations",
            "You are an anchored context summarization assistant for coding sessions.");
    private static final List<String> AUTO_CONTINUE_OPENINGS = List.of(
            "This session is being continued from a previous conversation that ran out of context. The summary below covers the earlier portion of the conversation.",
            "Continue if you have next steps, or stop and ask for clarification if you are unsure how to proceed.",
            "The previous request exceeded the provider's size limit due to large media attachments. The conversation was compacted and media files were removed from context.");
    private static final Pattern REMINDER = Pattern.compile("<system-reminder>.*?</system-reminder>", Pattern.DOTALL);
    private static final String SUBAGENT_MARKER = "__SUBAGENT_MARKER__";
    private static final Pattern LEGACY_USER = Pattern.compile("user_([^_]+)_account");
    private static final Pattern LEGACY_SESSION = Pattern.compile("_session_(.+)$");

    private ClaudeCodeRequests() {
    }

    /** Whether the {@code anthropic-beta} header has a {@code claude-code-…} value: the request is Claude Code's. */
    public static boolean isClaudeCode(String anthropicBeta) {
        if (anthropicBeta == null) {
            return false;
        }
        for (String token : anthropicBeta.split(",")) {
            if (token.strip().toLowerCase(Locale.ROOT).startsWith("claude-code")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A warm-up probe (§15.1), which would cost a premium request for nothing: an {@code anthropic-beta} header and a
     * last user block that is only {@code Warmup} or {@code hello} marked for caching; or, from Claude Code, a request
     * without tools that is not a compaction (its background calls: titles, probes).
     */
    public static boolean isWarmup(JsonObject request, String anthropicBeta) {
        if (anthropicBeta == null || anthropicBeta.isBlank()) {
            return false;
        }
        if (endsWithWarmupText(request)) {
            return true;
        }
        return isClaudeCode(anthropicBeta) && objects(request.get("tools")).isEmpty() && kind(request) != Kind.COMPACTION;
    }

    private static boolean endsWithWarmupText(JsonObject request) {
        Optional<JsonObject> lastMessage = last(messages(request));
        if (lastMessage.isEmpty() || !"user".equals(string(lastMessage.get().get("role")))) {
            return false;
        }
        Optional<JsonObject> lastBlock = last(objects(lastMessage.get().get("content")));
        if (lastBlock.isEmpty() || !type(lastBlock.get()).equals("text")) {
            return false;
        }
        String text = string(lastBlock.get().get("text"));
        JsonValue cacheControl = lastBlock.get().get("cache_control");
        return text != null && WARMUP_TEXTS.contains(text.strip().toLowerCase(Locale.ROOT))
                && cacheControl instanceof JsonObject control && "ephemeral".equals(string(control.get("type")));
    }

    /**
     * The model to send the request to instead of the one asked for, if any: {@code smallModel} for warm-up probes,
     * and for compaction requests when {@code compactionUseSmallModel}.
     */
    public static Optional<String> smallModelRoute(JsonObject request, String anthropicBeta, String smallModel, boolean compactionUseSmallModel) {
        if (isWarmup(request, anthropicBeta) || compactionUseSmallModel && kind(request) == Kind.COMPACTION) {
            return Optional.of(smallModel);
        }
        return Optional.empty();
    }

    /**
     * Compaction or auto-continue (§15.4), decided by the last message when it is the user's (its text outside
     * {@code <system-reminder>}s), else by a summariser system prompt. Assistant turns never count.
     */
    public static Kind kind(JsonObject request) {
        Optional<JsonObject> lastMessage = last(messages(request));
        if (lastMessage.isPresent() && "user".equals(string(lastMessage.get().get("role")))) {
            List<String> texts = texts(lastMessage.get().get("content")).stream()
                    .map(text -> REMINDER.matcher(text).replaceAll("").strip())
                    .toList();
            String all = String.join("\n", texts);
            if (COMPACTION_MARKERS.stream().allMatch(all::contains) && COMPACTION_SECTIONS.stream().anyMatch(all::contains)) {
                return Kind.COMPACTION;
            }
            if (texts.stream().anyMatch(text -> AUTO_CONTINUE_OPENINGS.stream().anyMatch(text::startsWith))) {
                return Kind.AUTO_CONTINUE;
            }
        }
        return systemTexts(request.get("system")).stream()
                .map(String::stripLeading)
                .anyMatch(text -> SUMMARISER_SYSTEM_PROMPTS.stream().anyMatch(text::startsWith)) ? Kind.COMPACTION : Kind.ORDINARY;
    }

    private static List<String> systemTexts(JsonValue system) {
        return system instanceof JsonString text ? List.of(text.getString()) : texts(system);
    }

    /**
     * The marker a plugin puts in a {@code <system-reminder>} of the first user message (§15.5):
     * {@code __SUBAGENT_MARKER__{"session_id":…,"agent_id":…,"agent_type":…}}, a balanced JSON object whose three
     * fields are non-empty strings; anything else is ignored.
     */
    public static Optional<SubagentMarker> subagentMarker(JsonObject request) {
        Optional<JsonObject> firstUser = messages(request).stream().filter(message -> "user".equals(string(message.get("role")))).findFirst();
        if (firstUser.isEmpty()) {
            return Optional.empty();
        }
        for (JsonObject block : objects(firstUser.get().get("content"))) {
            String text = type(block).equals("text") ? string(block.get("text")) : null;
            if (text == null) {
                continue;
            }
            Matcher reminder = REMINDER.matcher(text);
            while (reminder.find()) {
                Optional<SubagentMarker> marker = markerIn(reminder.group());
                if (marker.isPresent()) {
                    return marker;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<SubagentMarker> markerIn(String reminder) {
        int marker = reminder.indexOf(SUBAGENT_MARKER);
        if (marker < 0) {
            return Optional.empty();
        }
        int start = marker + SUBAGENT_MARKER.length();
        if (start >= reminder.length() || reminder.charAt(start) != '{') {
            return Optional.empty();
        }
        int end = endOfObject(reminder, start);
        if (end < 0) {
            return Optional.empty();
        }
        try {
            if (!(JsonIo.read(reminder.substring(start, end)) instanceof JsonObject json)) {
                return Optional.empty();
            }
            String session = nonEmpty(json.get("session_id"));
            String agent = nonEmpty(json.get("agent_id"));
            String agentType = nonEmpty(json.get("agent_type"));
            return session == null || agent == null || agentType == null ? Optional.empty() : Optional.of(new SubagentMarker(session, agent, agentType));
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    /** The index after the {@code }} that closes the object opening at {@code start}, or -1 when unbalanced. */
    private static int endOfObject(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String nonEmpty(JsonValue value) {
        String text = string(value);
        return text == null || text.isBlank() ? null : text;
    }

    /**
     * {@code metadata.user_id} (§15.3): the legacy {@code user_<hash>_account_<uuid>_session_<uuid>}, or the newer
     * JSON string {@code {"device_id":…,"account_uuid":…,"session_id":…}}.
     */
    public static Optional<UserId> userId(JsonObject request) {
        String userId = request.get("metadata") instanceof JsonObject metadata ? string(metadata.get("user_id")) : null;
        if (userId == null || userId.isBlank()) {
            return Optional.empty();
        }
        Matcher user = LEGACY_USER.matcher(userId);
        Matcher session = LEGACY_SESSION.matcher(userId);
        boolean legacyUser = user.find();
        boolean legacySession = session.find();
        if (legacyUser || legacySession) {
            return Optional.of(new UserId(legacyUser ? Optional.of(user.group(1)) : Optional.empty(),
                    legacySession ? Optional.of(session.group(1)) : Optional.empty()));
        }
        try {
            if (JsonIo.read(userId) instanceof JsonObject json) {
                String device = nonEmpty(json.get("device_id"));
                Optional<String> safety = Optional.ofNullable(device != null ? device : nonEmpty(json.get("account_uuid")));
                Optional<String> sessionId = Optional.ofNullable(nonEmpty(json.get("session_id")));
                return safety.isEmpty() && sessionId.isEmpty() ? Optional.empty() : Optional.of(new UserId(safety, sessionId));
            }
        } catch (RuntimeException notJson) {
            // an opaque user id identifies nothing we use
        }
        return Optional.empty();
    }

    /** The client's conversation session: the subagent marker's, else {@code metadata.user_id}'s. */
    public static Optional<String> sessionId(JsonObject request) {
        return subagentMarker(request).map(SubagentMarker::sessionId).or(() -> userId(request).flatMap(UserId::sessionId));
    }

    /**
     * {@code x-interaction-id} for a session (xuangong): the first 16 bytes of SHA-256 of the session id, as a UUID
     * of version 4 and variant 10, so one conversation keeps one id without revealing the client's.
     */
    public static String interactionId(String sessionId) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every JDK", missing);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x40);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(hash, 0, 16);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /**
     * The turn of the Anthropic payload about to be sent (after §3.9's merge): {@code x-initiator} by UPSTREAM.md §6.4's
     * structural rule and the client's own {@code agent} hint, then the overrides: a subagent marker makes it an agent
     * turn of a subagent conversation, an auto-continue an agent turn, a compaction an agent compaction turn.
     *
     * @param clientInitiator the client's {@code x-initiator} header, or null
     */
    public static Turn turn(JsonObject payload, String clientInitiator) {
        String initiator = Initiators.withClientHint(Initiators.forAnthropicMessages(payload), clientInitiator);
        String interactionType = CONVERSATION_AGENT;
        Optional<SubagentMarker> subagent = subagentMarker(payload);
        if (subagent.isPresent()) {
            initiator = Initiators.AGENT;
            interactionType = CONVERSATION_SUBAGENT;
        }
        Kind kind = kind(payload);
        if (kind != Kind.ORDINARY) {
            initiator = Initiators.AGENT;
        }
        if (kind == Kind.COMPACTION) {
            interactionType = CONVERSATION_COMPACTION;
        }
        return new Turn(initiator, interactionType, CONVERSATION_AGENT, kind, subagent);
    }
}
