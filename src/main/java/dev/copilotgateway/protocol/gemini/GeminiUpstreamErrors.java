package dev.copilotgateway.protocol.gemini;

import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.pool.NoAccountException;
import dev.copilotgateway.pool.OverloadedException;
import dev.copilotgateway.pool.PoolThrottledException;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import dev.copilotgateway.protocol.anthropic.AnthropicException;
import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.upstream.CopilotTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what went wrong upstream into the Google-shaped error a Gemini client gets (TRANSLATION.md §11.7, §16).
 * Copilot answers in OpenAI's shape ({@code /chat/completions}), Anthropic's ({@code /v1/messages}) or plain text;
 * each keeps its status and message, re-shaped; {@code Retry-After} is kept.
 *
 * <p>Two rewrites, as on the other ingresses: a context-window overflow in any upstream dialect becomes Google's
 * own {@code The input token count (N) exceeds the maximum number of tokens allowed (L).} (400), and a 401 that
 * survived the token refresh becomes 502: it is the gateway's account that was refused, not the client's key.
 */
public final class GeminiUpstreamErrors {

    /** An error response: status, headers (e.g. Retry-After) and a Google JSON body. */
    public record ErrorResponse(int status, Map<String, String> headers, byte[] body) {
    }

    private static final Logger LOG = Logger.getLogger(GeminiUpstreamErrors.class.getName());
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

    /** A failure before any upstream response: a client mistake found late, no account, no connection, a time-out. */
    public static ErrorResponse fromFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof GeminiException clientMistake) {
            return new ErrorResponse(clientMistake.code(), Map.of(), clientMistake.error().bytes());
        }
        if (cause instanceof OpenAiException shared) {
            return response(shared.getResponse().getStatus(), Map.of(), shared.error().error().message());
        }
        if (cause instanceof AnthropicException shared) {
            return response(shared.status(), Map.of(), shared.getMessage());
        }
        if (cause instanceof RequestContentException content) {
            return new ErrorResponse(400, Map.of(), GeminiRequests.invalid(content).error().bytes());
        }
        if (cause instanceof OverloadedException overloaded) {
            return response(503, overloaded.retryAfterHeader(), overloaded.getMessage());
        }
        if (cause instanceof PoolThrottledException throttled) {
            return response(429, throttled.retryAfterHeader(), throttled.getMessage());
        }
        if (cause instanceof NoAccountException || cause instanceof CopilotTokens.AccountUnavailableException) {
            return response(503, Map.of(), cause.getMessage());
        }
        if (cause instanceof ModelCatalog.ModelListUnavailableException) {
            return response(503, Map.of(), "The model list is unavailable: " + cause.getMessage());
        }
        if (cause instanceof HttpTimeoutException) {
            return response(504, Map.of(), "The Copilot API did not answer in time");
        }
        if (cause instanceof ConnectException) {
            return response(502, Map.of(), "The Copilot API cannot be reached");
        }
        LOG.warning("Upstream call failed: " + cause);
        return response(502, Map.of(), "The call to the Copilot API failed");
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
