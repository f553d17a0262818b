package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic replies for real coding agents, which write their own system prompts, tools and side requests: a
 * test steers the conversation with a directive in its prompt instead of a queue of replies.
 * <ul>
 *   <li>A conversation that ends with a tool result gets {@code "Tool said: <output>"}, which ends the agent's turn.</li>
 *   <li>{@code call tool <name> with <json object>} in the last user text calls that tool, if the request offers it.</li>
 *   <li>Anything else gets the usual echo, {@code "Echo: <last user text>"}.</li>
 * </ul>
 * Install with {@code upstream.setDefaultTurnReply(AgentDirectives::reply)}.
 */
public final class AgentDirectives {

    static final String TOOL_RESULT_PREFIX = "Tool said: ";
    private static final Pattern CALL = Pattern.compile("call tool ([A-Za-z0-9_.:-]+) with \\{");

    private AgentDirectives() {
    }

    public static Reply reply(Turn turn) {
        if (turn.endsWithToolResult()) {
            return Reply.text(TOOL_RESULT_PREFIX + turn.toolOutput());
        }
        return askedToolCall(turn).map(Reply::toolCalls).orElseGet(() -> ReplyScripts.ECHO.apply(turn));
    }

    /** The first {@code call tool <name> with {…}} of the last user text whose tool the request offers. */
    static Optional<ToolCall> askedToolCall(Turn turn) {
        Matcher matcher = CALL.matcher(turn.lastUserText());
        while (matcher.find()) {
            String name = matcher.group(1);
            Optional<String> arguments = jsonObjectAt(turn.lastUserText(), matcher.end() - 1);
            if (arguments.isPresent() && turn.offeredTools().contains(name)) {
                return Optional.of(ToolCall.of(name, arguments.get()));
            }
        }
        return Optional.empty();
    }

    /** The JSON object that starts at {@code start} (a '{'), up to its balancing '}'; empty when it is not one. */
    static Optional<String> jsonObjectAt(String text, int start) {
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
                return parsedObject(text.substring(start, i + 1));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> parsedObject(String candidate) {
        try {
            return Optional.of(Jsons.parseObject(candidate).toString());
        } catch (JsonException e) {
            return Optional.empty();
        }
    }
}
