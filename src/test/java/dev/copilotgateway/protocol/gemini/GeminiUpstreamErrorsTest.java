package dev.copilotgateway.protocol.gemini;

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

/** TRANSLATION.md §16, Gemini ingress: upstream statuses and failures in Google's error shape. */
class GeminiUpstreamErrorsTest {

    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    private static ErrorResponse upstream(int status, String body) {
        return GeminiUpstreamErrors.fromUpstream(status, NO_HEADERS, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(ErrorResponse error) {
        return new String(error.body(), StandardCharsets.UTF_8);
    }

    private static String google(int code, String message, String status) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
    }

    @Test
    void plainTextOpenAiAndAnthropicBodiesAreReshaped() {
        assertEquals(google(503, "busy", "UNAVAILABLE"), body(upstream(503, " busy \n")));
        assertEquals(google(500, "The Copilot API answered 500", "INTERNAL"), body(upstream(500, "")));
        assertEquals(google(400, "The requested model is not supported.", "INVALID_ARGUMENT"), body(upstream(400,
                "{\"error\":{\"message\":\"The requested model is not supported.\",\"code\":\"model_not_supported\",\"type\":\"invalid_request_error\"}}")));
        ErrorResponse overloaded = upstream(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertEquals(529, overloaded.status());
        assertEquals(google(529, "Overloaded", "UNAVAILABLE"), body(overloaded));
    }

    @Test
    void rateLimitedCodeIs429AndRetryAfterIsKept() {
        HttpHeaders headers = HttpHeaders.of(Map.of("retry-after", List.of("17")), (name, value) -> true);
        ErrorResponse error = GeminiUpstreamErrors.fromUpstream(400, headers,
                "{\"error\":{\"message\":\"Too many\",\"code\":\"rate_limited\"}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(429, error.status());
        assertEquals(Map.of("Retry-After", "17"), error.headers());
        assertEquals(google(429, "Too many", "RESOURCE_EXHAUSTED"), body(error));
    }

    @Test
    void contextOverflowInGooglesWords() {
        assertEquals(google(400, "The input token count (138898) exceeds the maximum number of tokens allowed (64000).", "INVALID_ARGUMENT"),
                body(upstream(400, "{\"error\":{\"message\":\"prompt token count of 138898 exceeds the limit of 64000\",\"code\":\"model_max_prompt_tokens_exceeded\"}}")));
        ErrorResponse tooLarge = upstream(413, "Request body is too large for model context window");
        assertEquals(400, tooLarge.status());
        assertEquals(google(400, "The input token count exceeds the maximum number of tokens allowed by the model.", "INVALID_ARGUMENT"), body(tooLarge));
    }

    @Test
    void a401IsTheGatewaysProblem() {
        ErrorResponse error = upstream(401, "unauthorized");
        assertEquals(502, error.status());
        assertEquals(google(502, "The Copilot API refused the gateway's account token", "UNAVAILABLE"), body(error));
    }

    @Test
    void failures() {
        assertEquals(google(400, "* GenerateContentRequest.contents[0]: bad", "INVALID_ARGUMENT"),
                body(GeminiUpstreamErrors.of(Failures.classify(new CompletionException(new RequestContentException("contents[0]", "bad"))))));
        assertEquals(google(404, "nope", "NOT_FOUND"), body(GeminiUpstreamErrors.of(Failures.classify(GeminiException.notFound("nope")))));
        assertEquals(google(400, "m", "INVALID_ARGUMENT"), body(GeminiUpstreamErrors.of(Failures.classify(OpenAiException.invalidRequest("m", null)))));
        assertEquals(503, GeminiUpstreamErrors.of(Failures.classify(new NoAccountException("no account"))).status());
        ErrorResponse cooling = GeminiUpstreamErrors.of(Failures.classify(new PoolThrottledException("wait", Duration.ofSeconds(3))));
        assertEquals(google(429, "wait", "RESOURCE_EXHAUSTED"), body(cooling));
        assertEquals(Map.of("Retry-After", "3"), cooling.headers());
        ErrorResponse full = GeminiUpstreamErrors.of(Failures.classify(new OverloadedException("full")));
        assertEquals(google(503, "full", "UNAVAILABLE"), body(full));
        assertEquals(Map.of("Retry-After", "1"), full.headers());
        assertEquals(503, GeminiUpstreamErrors.of(Failures.classify(new ModelCatalog.ModelListUnavailableException("down"))).status());
        assertEquals(google(504, "The Copilot API did not answer in time", "DEADLINE_EXCEEDED"),
                body(GeminiUpstreamErrors.of(Failures.classify(new HttpTimeoutException("t")))));
        assertEquals(502, GeminiUpstreamErrors.of(Failures.classify(new ConnectException("refused"))).status());
        assertEquals(502, GeminiUpstreamErrors.of(Failures.classify(new IllegalStateException("?"))).status());
    }
}
