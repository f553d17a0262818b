package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.StreamSettings;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Admission control in a real Tomcat: the integration tests' gateway runs with max-concurrent-requests-per-account=16
 * (arquillian.xml) and one account. A burst of slow streams beyond that gets 503 with Retry-After at once, in each API's
 * own shape; every admitted stream completes; and the gateway serves normally as soon as the burst is over.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OverloadIT {

    private static final String CONTEXT = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + CONTEXT;
    private static final String KEY = ItEnvironment.API_KEYS.get(0);
    private static final int PER_ACCOUNT_LIMIT = 16;
    private static final int BURST = 30;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static FakeCopilotUpstream upstream;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = ItEnvironment.startUpstream(CONTEXT);
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @Test
    void aBurstPastTheLimitIsRefusedAtOnceInEachProtocolAndTheGatewayServesRightAfter() throws Exception {
        // Each stream: 20 chunks 100 ms apart, so all of the burst is open at the same time.
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(20).withChunkDelay(Duration.ofMillis(100)));
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add(HTTP.sendAsync(post("/v1/chat/completions",
                    "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"burst " + i + "\"}]}"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        awaitUpstreamStreams(PER_ACCOUNT_LIMIT);

        // While the account is full, the other APIs are refused in their own shapes, without waiting.
        long started = System.nanoTime();
        HttpResponse<String> anthropic = HTTP.send(post("/v1/messages",
                "{\"model\":\"gpt-4.1\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"full?\"}]}"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> gemini = HTTP.send(post("/v1beta/models/gpt-4.1:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"full?\"}]}]}"), HttpResponse.BodyHandlers.ofString());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "refused at once, not queued");
        assertEquals(503, anthropic.statusCode(), anthropic.body());
        assertEquals("1", anthropic.headers().firstValue("retry-after").orElse(null));
        assertEquals("overloaded_error", JsonIo.read(anthropic.body()).asJsonObject().getJsonObject("error").getString("type"));
        assertEquals(503, gemini.statusCode(), gemini.body());
        assertEquals("1", gemini.headers().firstValue("retry-after").orElse(null));
        assertEquals("UNAVAILABLE", JsonIo.read(gemini.body()).asJsonObject().getJsonObject("error").getString("status"));

        int admitted = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> future : burst) {
            HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
            if (response.statusCode() == 200) {
                admitted++;
                assertTrue(response.body().contains("data: [DONE]"), "an admitted stream completes: " + response.body());
            } else {
                refused++;
                assertEquals(503, response.statusCode(), response.body());
                assertEquals("1", response.headers().firstValue("retry-after").orElse(null));
                JsonObject error = JsonIo.read(response.body()).asJsonObject().getJsonObject("error");
                assertEquals("gateway_overloaded", error.getString("code"));
                assertTrue(error.getString("message").contains("max-concurrent-requests-per-account"), error.getString("message"));
            }
        }
        assertEquals(PER_ACCOUNT_LIMIT, admitted, "as many as the account's limit");
        assertEquals(BURST - PER_ACCOUNT_LIMIT, refused);
        assertEquals(PER_ACCOUNT_LIMIT, upstream.recorder().requests("/chat/completions").size(), "the refused never reached Copilot");

        // Right after the burst: healthy, serving, nothing left counted in flight.
        upstream.setStreamSettings(StreamSettings.defaults());
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> after = HTTP.send(post("/v1/chat/completions",
                "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"after the burst\"}]}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode(), after.body());
        String adminKey = ItEnvironment.adminKey();
        String accounts = ItEnvironment.get(CONTEXT, "/admin/api/accounts", adminKey).body();
        assertTrue(accounts.contains("\"inFlight\":0"), accounts);
    }

    /** Waits (at most 10 s) until the fake has received {@code count} chat streams. */
    private static void awaitUpstreamStreams(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (upstream.recorder().requests("/chat/completions").size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
