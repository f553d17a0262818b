package dev.copilotgateway.protocol.gemini;

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
 * Puts what went wrong (Copilot's own error answer, or a {@link Failure} classified by the API) in the Google-shaped
 * error a Gemini client gets (TRANSLATION.md §11.7, §16).
 * Copilot answers in OpenAI's shape ({@code /chat/completions}), Anthropic's ({@code /v1/messages}) or plain text;
 * each keeps its status and message, re-shaped; {@code Retry-After} is kept.
 *
 * <p>Two rewrites, as on the other ingresses: a context-window overflow in any upstream dialect becomes Google's
 * own {@code The input token count (N) exceeds the maximum number of tokens allowed (L).} (400), and a 401 that
 * survived the token refresh becomes 502: it is the gateway's account that was refused, not the client's key.
 */
public final class GeminiUpstreamErrors {

    private static final int MAX_MESSAGE = 1000;
    private static final List<String> CONTEXT_OVERFLOW_MARKERS = List.of("Request body is too large for model context window",
            "context_length_exceeded", "model_max_prompt_tokens_exceeded", "prompt token count of", "prompt is too long");
    private static final Pattern PROMPT_TOKENS = Pattern.compile("prompt token count of (\\d+) exceeds the limit of (\\d+)");
    private static final Pattern ANTHROPIC_TOKENS = Pattern.compile("prompt is too long: (\\d+) tokens > (\\d+) maximum");
    private static final String INPUT_TOO_LONG = "The input token count exceeds the maximum number of tokens allowed by the model.";

    private GeminiUpstreamErrors() {
    }

    public static ErrorResponse fromUpstream(int status, HttpHeaders headers, byte[] body) {
        Map<String, String> passed = new LinkedHashMap<>();
        headers.firstValue("retry-after").ifPresent(value -> passed.put("Retry-After", value));
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (status == 401) {
            return response(502, passed, "The Copilot API refused the gateway's account token");
        }
        if (CONTEXT_OVERFLOW_MARKERS.stream().anyMatch(text::contains)) {
            return response(400, passed, inputTooLong(text));
        }
        JsonObject json = jsonObject(body);
        JsonObject error = json != null && json.get("error") instanceof JsonObject inner ? inner : null;
        if (error != null && "rate_limited".equals(string(error.get("code")))) {
            return response(429, passed, messageOf(error, text, status));
        }
        return response(status, passed, error != null ? messageOf(error, text, status) : plain(text, status));
    }

    /** A failure before Copilot answered, in Google's shape: the API's own errors as they are, the others by status. */
    public static ErrorResponse of(Failure failure) {
        if (failure.cause() instanceof GeminiException own) {
            return new ErrorResponse(own.code(), failure.headers(), own.error().bytes());
        }
        if (failure.kind() == Failure.Kind.INVALID_REQUEST) {
            return new ErrorResponse(400, failure.headers(), GeminiRequests.invalid(failure.param(), failure.message()).error().bytes());
        }
        return response(failure.status(), failure.headers(), failure.message());
    }

    private static ErrorResponse response(int status, Map<String, String> headers, String message) {
        return new ErrorResponse(status, headers, GeminiError.of(status, message).bytes());
    }

    /** Google's wording, with the numbers when the upstream gave them. */
    private static String inputTooLong(String upstreamText) {
        for (Pattern pattern : List.of(PROMPT_TOKENS, ANTHROPIC_TOKENS)) {
            Matcher numbers = pattern.matcher(upstreamText);
            if (numbers.find()) {
                return "The input token count (" + numbers.group(1) + ") exceeds the maximum number of tokens allowed ("
                        + numbers.group(2) + ").";
            }
        }
        return INPUT_TOO_LONG;
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
