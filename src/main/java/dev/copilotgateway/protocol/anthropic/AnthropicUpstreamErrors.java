package dev.copilotgateway.protocol.anthropic;

import dev.copilotgateway.protocol.ErrorResponse;
import dev.copilotgateway.protocol.Failure;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts what went wrong (Copilot's own error answer, or a {@link Failure} classified by the API) in the Anthropic-shaped
 * error the client gets (TRANSLATION.md §16). Copilot's
 * own Anthropic-shaped errors (from {@code /v1/messages}) keep their status and body; OpenAI-shaped and plain-text
 * ones are re-shaped with the type Anthropic uses for the status; {@code Retry-After} is kept.
 *
 * <p>Two rewrites matter to Claude Code: a context-window overflow in any upstream dialect becomes Anthropic's
 * {@code prompt is too long} (Claude Code compacts when it sees it), and a 401 that survived the token refresh
 * becomes 502, as on the OpenAI API: it is the gateway's account that was refused, and a 401 would make Claude Code
 * ask the user to log in again.
 */
public final class AnthropicUpstreamErrors {

    private static final int MAX_MESSAGE = 1000;
    private static final List<String> CONTEXT_OVERFLOW_MARKERS = List.of("Request body is too large for model context window",
            "context_length_exceeded", "model_max_prompt_tokens_exceeded", "prompt token count of");
    private static final Pattern PROMPT_TOKENS = Pattern.compile("prompt token count of (\\d+) exceeds the limit of (\\d+)");
    private static final String PROMPT_TOO_LONG = "prompt is too long: your prompt is too long. Please reduce the number of "
            + "messages or use a model with a larger context window.";

    private AnthropicUpstreamErrors() {
    }

    public static ErrorResponse fromUpstream(int status, HttpHeaders headers, byte[] body) {
        Map<String, String> passed = new LinkedHashMap<>();
        headers.firstValue("retry-after").ifPresent(value -> passed.put("Retry-After", value));
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (status == 401) {
            return new ErrorResponse(502, passed, new AnthropicError(AnthropicError.API, "The Copilot API refused the gateway's account token").bytes());
        }
        JsonObject json = jsonObject(body);
        JsonObject error = json != null && json.get("error") instanceof JsonObject inner ? inner : null;
        boolean anthropicShaped = error != null && "error".equals(string(json.get("type")));
        if (!text.contains("prompt is too long") && CONTEXT_OVERFLOW_MARKERS.stream().anyMatch(text::contains)) {
            return new ErrorResponse(400, passed, new AnthropicError(AnthropicError.INVALID_REQUEST, promptTooLong(text)).bytes());
        }
        if (anthropicShaped) {
            return new ErrorResponse(status, passed, body);
        }
        if (error != null && "rate_limited".equals(string(error.get("code")))) {
            return new ErrorResponse(429, passed, new AnthropicError(AnthropicError.RATE_LIMIT, messageOf(error, text, status)).bytes());
        }
        String message = error != null ? messageOf(error, text, status) : plain(text, status);
        return new ErrorResponse(status, passed, new AnthropicError(AnthropicError.typeFor(status), message).bytes());
    }

    /** A failure before Copilot answered, in Anthropic's shape: the API's own errors as they are, the others by kind. */
    public static ErrorResponse of(Failure failure) {
        if (failure.cause() instanceof AnthropicException own) {
            return new ErrorResponse(own.status(), failure.headers(), own.error().bytes());
        }
        String type = switch (failure.kind()) {
            case INVALID_REQUEST -> AnthropicError.INVALID_REQUEST;
            case STATED -> AnthropicError.typeFor(failure.status());
            case OVERLOADED -> AnthropicError.OVERLOADED;
            case THROTTLED, KEY_LIMIT -> AnthropicError.RATE_LIMIT;
            case NOT_ALLOWED -> AnthropicError.PERMISSION;
            case UPSTREAM_TIMEOUT -> AnthropicError.TIMEOUT;
            default -> AnthropicError.API;
        };
        String message = failure.param() == null ? failure.message() : failure.param() + ": " + failure.message();
        return new ErrorResponse(failure.status(), failure.headers(), new AnthropicError(type, message).bytes());
    }

    /** Anthropic's wording, with the numbers when Copilot gave them ({@code prompt is too long: N tokens > L maximum}). */
    private static String promptTooLong(String upstreamText) {
        Matcher numbers = PROMPT_TOKENS.matcher(upstreamText);
        return numbers.find() ? "prompt is too long: " + numbers.group(1) + " tokens > " + numbers.group(2) + " maximum" : PROMPT_TOO_LONG;
    }

    private static String messageOf(JsonObject error, String text, int status) {
        String message = string(error.get("message"));
        return message == null || message.isBlank() ? plain(text, status) : truncated(message);
    }

    private static String plain(String text, int status) {
        return text.isEmpty() ? "The Copilot API answered " + status : truncated(text);
    }

    private static String truncated(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE);
    }

    private static JsonObject jsonObject(byte[] body) {
        try {
            return JsonIo.read(body) instanceof JsonObject object ? object : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String string(JsonValue value) {
        return value instanceof JsonString text ? text.getString() : null;
    }
}
