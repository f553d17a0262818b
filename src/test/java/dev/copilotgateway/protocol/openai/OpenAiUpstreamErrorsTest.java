package dev.copilotgateway.protocol.openai;

import dev.copilotgateway.api.Failures;
import dev.copilotgateway.pool.NoAccountException;
import dev.copilotgateway.pool.OverloadedException;
import dev.copilotgateway.pool.PoolThrottledException;
import dev.copilotgateway.protocol.ErrorResponse;
import dev.copilotgateway.protocol.RequestContentException;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiUpstreamErrorsTest {

    private static HttpHeaders headers(Map<String, List<String>> values) {
        return HttpHeaders.of(values, (name, value) -> true);
    }

    private static String body(ErrorResponse error) {
        return new String(error.body(), StandardCharsets.UTF_8);
    }

    @Test
    void openAiShapedUpstreamErrorKeepsStatusBodyAndRetryAfter() {
        byte[] upstream = "{\"error\":{\"message\":\"Sorry, you've exceeded your rate limit.\",\"code\":\"rate_limited\"}}".getBytes(StandardCharsets.UTF_8);
        ErrorResponse error = OpenAiUpstreamErrors.fromUpstream(429, headers(Map.of("retry-after", List.of("17"))), upstream);
        assertEquals(429, error.status());
        assertEquals(Map.of("Retry-After", "17"), error.headers());
        assertEquals("{\"error\":{\"message\":\"Sorry, you've exceeded your rate limit.\",\"type\":\"rate_limit_error\","
                + "\"param\":null,\"code\":\"rate_limited\"}}", body(error), "Copilot's error in OpenAI's full shape");
    }

    @Test
    void copilotsOwnTypeAndParamAreKeptAndEveryStatusGetsAType() {
        byte[] typed = "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":\"tools\",\"code\":\"x\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":\"tools\",\"code\":\"x\"}}",
                body(OpenAiUpstreamErrors.fromUpstream(400, headers(Map.of()), typed)));
        for (Object[] row : new Object[][] {{400, "invalid_request_error"}, {402, "insufficient_quota"}, {403, "permission_error"},
            {404, "not_found_error"}, {413, "invalid_request_error"}, {422, "invalid_request_error"}, {429, "rate_limit_error"},
            {500, "server_error"}, {503, "server_error"}}) {
            byte[] untyped = "{\"error\":{\"message\":\"m\"}}".getBytes(StandardCharsets.UTF_8);
            assertEquals("{\"error\":{\"message\":\"m\",\"type\":\"" + row[1] + "\",\"param\":null,\"code\":null}}",
                    body(OpenAiUpstreamErrors.fromUpstream((Integer) row[0], headers(Map.of()), untyped)), "status " + row[0]);
        }
        byte[] messageless = "{\"error\":{\"code\":\"model_not_supported\"}}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"error\":{\"message\":\"The Copilot API answered 400 (model_not_supported)\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"model_not_supported\"}}", body(OpenAiUpstreamErrors.fromUpstream(400, headers(Map.of()), messageless)));
    }

    @Test
    void plainTextUpstreamErrorIsWrapped() {
        ErrorResponse error = OpenAiUpstreamErrors.fromUpstream(503, headers(Map.of()), "upstream overloaded".getBytes(StandardCharsets.UTF_8));
        assertEquals(503, error.status());
        assertEquals("{\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":null}}", body(error));
    }

    @Test
    void upstream401IsTheGatewaysProblemNotTheClients() {
        ErrorResponse error = OpenAiUpstreamErrors.fromUpstream(401, headers(Map.of()), "unauthorized: token expired".getBytes(StandardCharsets.UTF_8));
        assertEquals(502, error.status());
        assertTrue(body(error).contains("upstream_unauthorized"));
    }

    @Test
    void failuresBeforeAnyResponse() {
        assertEquals(504, OpenAiUpstreamErrors.of(Failures.classify(new CompletionException(new HttpTimeoutException("request timed out")))).status());
        assertEquals(502, OpenAiUpstreamErrors.of(Failures.classify(new CompletionException(new ConnectException("refused")))).status());
        ErrorResponse noAccount = OpenAiUpstreamErrors.of(Failures.classify(new CompletionException(new NoAccountException("add one"))));
        assertEquals(503, noAccount.status());
        assertEquals("{\"error\":{\"code\":\"no_account_available\",\"message\":\"add one\",\"type\":\"api_error\"}}", body(noAccount));

        ErrorResponse cooling = OpenAiUpstreamErrors.of(Failures.classify(new PoolThrottledException("wait", Duration.ofMillis(4200))));
        assertEquals(429, cooling.status());
        assertEquals(Map.of("Retry-After", "5"), cooling.headers());
        assertEquals("{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"wait\",\"type\":\"rate_limit_error\"}}", body(cooling));
        ErrorResponse full = OpenAiUpstreamErrors.of(Failures.classify(new CompletionException(new OverloadedException("full"))));
        assertEquals(503, full.status());
        assertEquals(Map.of("Retry-After", "1"), full.headers());
        assertEquals("{\"error\":{\"code\":\"gateway_overloaded\",\"message\":\"full\",\"type\":\"api_error\"}}", body(full));
    }

    @Test
    void clientMistakeFoundLateKeepsItsShape() {
        OpenAiException unknown = new OpenAiException(404, "The model 'x' does not exist", "invalid_request_error", "model", "model_not_found");
        ErrorResponse error = OpenAiUpstreamErrors.of(Failures.classify(new CompletionException(unknown)));
        assertEquals(404, error.status());
        assertEquals("{\"error\":{\"code\":\"model_not_found\",\"message\":\"The model 'x' does not exist\",\"param\":\"model\",\"type\":\"invalid_request_error\"}}",
                body(error));
    }

    @Test
    void aRequestTheTranslatorRefusesIsA400NamingTheField() {
        ErrorResponse error = OpenAiUpstreamErrors.of(Failures.classify(
                new CompletionException(new RequestContentException("previous_response_id", "not supported for this model"))));
        assertEquals(400, error.status());
        assertEquals("{\"error\":{\"message\":\"not supported for this model\",\"param\":\"previous_response_id\",\"type\":\"invalid_request_error\"}}",
                body(error));
    }
}
