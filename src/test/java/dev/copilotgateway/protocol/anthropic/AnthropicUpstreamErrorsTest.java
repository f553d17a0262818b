package dev.copilotgateway.protocol.anthropic;

import dev.copilotgateway.api.Failures;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.pool.NoAccountException;
import dev.copilotgateway.pool.OverloadedException;
import dev.copilotgateway.pool.PoolThrottledException;
import dev.copilotgateway.protocol.ErrorResponse;
import dev.copilotgateway.protocol.RequestContentException;
import dev.copilotgateway.protocol.openai.OpenAiException;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** TRANSLATION.md §16, Anthropic ingress: every upstream status and failure mapped to Anthropic's error shape. */
class AnthropicUpstreamErrorsTest {

    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    private static ErrorResponse upstream(int status, String body) {
        return AnthropicUpstreamErrors.fromUpstream(status, NO_HEADERS, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(ErrorResponse error) {
        return new String(error.body(), StandardCharsets.UTF_8);
    }

    private static String anthropic(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    @Test
    void typeByStatus() {
        Map<Integer, String> expected = Map.ofEntries(Map.entry(400, "invalid_request_error"), Map.entry(401, "authentication_error"),
                Map.entry(402, "billing_error"), Map.entry(403, "permission_error"), Map.entry(404, "not_found_error"),
                Map.entry(413, "request_too_large"), Map.entry(422, "invalid_request_error"), Map.entry(429, "rate_limit_error"),
                Map.entry(500, "api_error"), Map.entry(502, "api_error"), Map.entry(503, "overloaded_error"),
                Map.entry(504, "timeout_error"), Map.entry(529, "overloaded_error"), Map.entry(418, "api_error"));
        expected.forEach((status, type) -> assertEquals(type, AnthropicError.typeFor(status), "status " + status));
    }

    @Test
    void plainTextErrorsAreShapedByStatus() {
        for (int status : List.of(400, 403, 404, 413, 422, 429, 500, 503, 529)) {
            ErrorResponse error = upstream(status, "  something went wrong \n");
            assertEquals(status, error.status());
            assertEquals(anthropic(AnthropicError.typeFor(status), "something went wrong"), body(error));
        }
    }

    @Test
    void emptyBodySaysTheStatus() {
        assertEquals(anthropic("overloaded_error", "The Copilot API answered 503"), body(upstream(503, "")));
    }

    @Test
    void openAiShapedErrorsAreReshapedWithTheirMessage() {
        ErrorResponse error = upstream(400,
                "{\"error\":{\"message\":\"The requested model is not supported.\",\"code\":\"model_not_supported\",\"param\":\"model\",\"type\":\"invalid_request_error\"}}");
        assertEquals(400, error.status());
        assertEquals(anthropic("invalid_request_error", "The requested model is not supported."), body(error));
        assertEquals(anthropic("permission_error", "forbidden"), body(upstream(403, "{\"error\":{\"message\":\"forbidden\"}}")));
    }

    @Test
    void anthropicShapedErrorsPassThrough() {
        String upstream = anthropic("overloaded_error", "Overloaded");
        ErrorResponse error = upstream(529, upstream);
        assertEquals(529, error.status());
        assertEquals(upstream, body(error));
        String tooLong = anthropic("invalid_request_error", "prompt is too long: 200049 tokens > 200000 maximum");
        assertEquals(tooLong, body(upstream(400, tooLong)));
    }

    @Test
    void retryAfterIsKept() {
        HttpHeaders headers = HttpHeaders.of(Map.of("retry-after", List.of("17")), (name, value) -> true);
        ErrorResponse error = AnthropicUpstreamErrors.fromUpstream(429, headers,
                "Sorry, you've exceeded your rate limit.".getBytes(StandardCharsets.UTF_8));
        assertEquals(429, error.status());
        assertEquals(Map.of("Retry-After", "17"), error.headers());
        assertEquals(anthropic("rate_limit_error", "Sorry, you've exceeded your rate limit."), body(error));
    }

    @Test
    void rateLimitReportedWith400IsA429() {
        ErrorResponse error = upstream(400, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Slow down\"}}");
        assertEquals(429, error.status());
        assertEquals(anthropic("rate_limit_error", "Slow down"), body(error));
    }

    @Test
    void contextOverflowBecomesPromptIsTooLongWithTheNumbersWhenKnown() {
        ErrorResponse counted = upstream(400,
                "{\"error\":{\"message\":\"prompt token count of 138898 exceeds the limit of 64000\",\"code\":\"model_max_prompt_tokens_exceeded\"}}");
        assertEquals(400, counted.status());
        assertEquals(anthropic("invalid_request_error", "prompt is too long: 138898 tokens > 64000 maximum"), body(counted));

        String generic = anthropic("invalid_request_error", "prompt is too long: your prompt is too long. Please reduce the number of "
                + "messages or use a model with a larger context window.");
        assertEquals(generic, body(upstream(400, "Request body is too large for model context window")));
        assertEquals(generic, body(upstream(400, "{\"error\":{\"message\":\"too long\",\"code\":\"context_length_exceeded\"}}")));
        assertEquals(generic, body(upstream(413, anthropic("invalid_request_error", "Request body is too large for model context window"))));
    }

    @Test
    void upstream401IsTheGatewaysProblemNotTheClients() {
        ErrorResponse error = upstream(401, "unauthorized: token expired");
        assertEquals(502, error.status());
        assertEquals(anthropic("api_error", "The Copilot API refused the gateway's account token"), body(error));
    }

    @Test
    void longMessagesAreCut() {
        String message = body(upstream(500, "x".repeat(5000)));
        assertEquals(anthropic("api_error", "x".repeat(1000)), message);
    }

    @Test
    void failuresBeforeAnyResponse() {
        ErrorResponse timeout = AnthropicUpstreamErrors.of(Failures.classify(new CompletionException(new HttpTimeoutException("timed out"))));
        assertEquals(504, timeout.status());
        assertEquals(anthropic("timeout_error", "The Copilot API did not answer in time"), body(timeout));

        ErrorResponse unreachable = AnthropicUpstreamErrors.of(Failures.classify(new CompletionException(new ConnectException("refused"))));
        assertEquals(502, unreachable.status());
        assertEquals(anthropic("api_error", "The Copilot API cannot be reached"), body(unreachable));

        ErrorResponse noAccount = AnthropicUpstreamErrors.of(Failures.classify(new CompletionException(new NoAccountException("add one"))));
        assertEquals(503, noAccount.status());
        assertEquals(anthropic("api_error", "add one"), body(noAccount));
        ErrorResponse cooling = AnthropicUpstreamErrors.of(Failures.classify(new PoolThrottledException("wait", Duration.ofSeconds(3))));
        assertEquals(429, cooling.status());
        assertEquals(Map.of("Retry-After", "3"), cooling.headers());
        assertEquals(anthropic("rate_limit_error", "wait"), body(cooling));
        ErrorResponse full = AnthropicUpstreamErrors.of(Failures.classify(new OverloadedException("full")));
        assertEquals(503, full.status());
        assertEquals(Map.of("Retry-After", "1"), full.headers());
        assertEquals(anthropic("overloaded_error", "full"), body(full));

        ErrorResponse noModels = AnthropicUpstreamErrors.of(Failures.classify(new ModelCatalog.ModelListUnavailableException("GET /models answered 500")));
        assertEquals(503, noModels.status());

        ErrorResponse other = AnthropicUpstreamErrors.of(Failures.classify(new IllegalStateException("boom")));
        assertEquals(502, other.status());
        assertEquals(anthropic("api_error", "The call to the Copilot API failed"), body(other));
    }

    @Test
    void clientMistakesFoundLateKeepTheirStatus() {
        ErrorResponse notFound = AnthropicUpstreamErrors.of(Failures.classify(
                new CompletionException(AnthropicException.notFound("model: claude-x is not available"))));
        assertEquals(404, notFound.status());
        assertEquals(anthropic("not_found_error", "model: claude-x is not available"), body(notFound));

        ErrorResponse content = AnthropicUpstreamErrors.of(Failures.classify(
                new RequestContentException("messages[2].content", "must be a string or an array")));
        assertEquals(400, content.status());
        assertEquals(anthropic("invalid_request_error", "messages[2].content: must be a string or an array"), body(content));

        ErrorResponse shared = AnthropicUpstreamErrors.of(Failures.classify(
                new OpenAiException(404, "The model 'x' does not exist", "invalid_request_error", "model", "model_not_found")));
        assertEquals(404, shared.status());
        assertEquals(anthropic("not_found_error", "The model 'x' does not exist"), body(shared));
    }
}
