package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upstream pacing in the WAR in a real Tomcat with one account on the fake upstream, switched on through the pool
 * settings ({@code PATCH /admin/api/pool}): in wait mode requests sent together reach Copilot one interval apart (the
 * fake records when each arrived); in refuse mode the one too early is a 429 with {@code Retry-After} in its API's shape.
 * The Tomcat is shared with the other integration tests, so pacing is turned off again at the end.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PacingIT {

    private static final String CONTEXT = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + CONTEXT;
    private static final String KEY = ItEnvironment.API_KEYS.get(0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The longest an account stays paced after the other test (its 3 s interval): each test first lets it pass. */
    private static final Duration PACE_LEFT_BEHIND = Duration.ofMillis(3_200);

    private static FakeCopilotUpstream upstream;
    private static String adminKey;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void start() throws Exception {
        upstream = ItEnvironment.startUpstream(CONTEXT);
        adminKey = ItEnvironment.adminKey();
    }

    @AfterAll
    static void pacingOff() throws Exception {
        try {
            assertEquals(200, pool("{\"pacingInterval\":\"0s\",\"pacingMode\":\"wait\",\"pacingMaxWait\":\"30s\",\"pacingMaxQueue\":100}").statusCode());
        } finally {
            upstream.close();
        }
    }

    @BeforeEach
    void clear() {
        upstream.recorder().clear();
    }

    @Test
    void waitModeSendsRequestsOneIntervalApart() throws Exception {
        HttpResponse<String> paced = pool("{\"pacingInterval\":\"400ms\",\"pacingMode\":\"wait\",\"pacingMaxWait\":\"20s\",\"pacingMaxQueue\":10}");
        assertEquals(200, paced.statusCode(), paced.body());
        assertEquals("400ms", JsonIo.read(paced.body()).asJsonObject().getString("pacingInterval"));
        Thread.sleep(PACE_LEFT_BEHIND.toMillis());

        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(HTTP.sendAsync(chat("paced request " + i), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : sent) {
            assertEquals(200, response.get().statusCode(), response.get().body());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        List<Instant> arrivals = upstream.recorder().requests("/chat/completions").stream().map(RecordedRequest::receivedAt).sorted().toList();
        assertEquals(4, arrivals.size());
        for (int i = 1; i < arrivals.size(); i++) {
            Duration gap = Duration.between(arrivals.get(i - 1), arrivals.get(i));
            assertTrue(gap.compareTo(Duration.ofMillis(330)) >= 0, "request " + i + " came " + gap.toMillis() + " ms after the one before: " + arrivals);
        }
        assertTrue(took.compareTo(Duration.ofMillis(1_150)) >= 0, "four requests 400 ms apart took " + took.toMillis() + " ms");
    }

    @Test
    void refuseModeAnswers429WithRetryAfterInTheCallersShape() throws Exception {
        assertEquals(200, pool("{\"pacingInterval\":\"3s\",\"pacingMode\":\"refuse\"}").statusCode());
        double refusedBefore = pacingRefusals();
        Thread.sleep(PACE_LEFT_BEHIND.toMillis());
        HttpResponse<String> first = HTTP.send(chat("first"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, first.statusCode(), first.body());

        HttpResponse<String> openAi = HTTP.send(chat("too early"), HttpResponse.BodyHandlers.ofString());
        assertEquals(429, openAi.statusCode(), openAi.body());
        long retryAfter = Long.parseLong(openAi.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        JsonObject error = JsonIo.read(openAi.body()).asJsonObject().getJsonObject("error");
        assertEquals("rate_limit_error", error.getString("type"));
        assertTrue(error.getString("message").contains("pacingInterval"), error.getString("message"));

        HttpResponse<String> anthropic = HTTP.send(post("/v1/messages",
                "{\"model\":\"gpt-4.1\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"too early\"}]}"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(429, anthropic.statusCode(), anthropic.body());
        assertTrue(anthropic.headers().firstValue("retry-after").isPresent());
        JsonObject anthropicError = JsonIo.read(anthropic.body()).asJsonObject();
        assertEquals("error", anthropicError.getString("type"));
        assertEquals("rate_limit_error", anthropicError.getJsonObject("error").getString("type"));
        assertEquals(1, upstream.recorder().requests("/chat/completions").size(), "refused requests never reached Copilot");
        assertEquals(refusedBefore + 2, pacingRefusals(), "both refusals counted in the metrics");
    }

    /** {@code gateway_limit_refusals_total{limit="pacing"}} as /metrics shows it now (loopback: open without a token). */
    private static double pacingRefusals() throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), metrics.body());
        return metrics.body().lines().filter(line -> line.startsWith("gateway_limit_refusals_total{limit=\"pacing\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    private static HttpRequest chat(String text) {
        return post("/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
    }

    private static HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> pool(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/admin/api/pool")).timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + adminKey).header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
