package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.StreamSettings;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-key limits and model allow-lists in a real Tomcat against the fake Copilot: keys made through the admin API, each
 * limit's 429 with Retry-After in each API's shape at the request that passes it, open streams holding their place until
 * they end (or their client goes), the allow-list's 403 in each shape, and model lists showing a key only its models.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeyLimitsIT {

    private static final String CONTEXT = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + CONTEXT;
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

    @AfterEach
    void plainStreams() {
        upstream.setStreamSettings(StreamSettings.defaults());
    }

    /** A new key through the admin API, with the given extra fields; returns its secret. */
    private static String newKey(String fields) throws Exception {
        HttpResponse<String> created = ItEnvironment.send(ItEnvironment.request(CONTEXT, "/admin/api/keys")
                .header("Authorization", "Bearer " + ItEnvironment.adminKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"limits-it\"," + fields + "}")));
        assertEquals(201, created.statusCode(), created.body());
        return JsonIo.read(created.body()).asJsonObject().getString("key");
    }

    private static HttpRequest post(String key, String path, String body) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> chat(String key, String model, boolean stream) throws Exception {
        return HTTP.send(post(key, "/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> messages(String key, String model) throws Exception {
        return HTTP.send(post(key, "/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":20,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> gemini(String key, String model) throws Exception {
        return HTTP.send(post(key, "/v1beta/models/" + model + ":generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> responses(String key, String model) throws Exception {
        return HTTP.send(post(key, "/v1/responses", "{\"model\":\"" + model + "\",\"input\":\"hi\"}"), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return JsonIo.read(response.body()).asJsonObject();
    }

    /** The 429 of a key limit in each API's shape, with a Retry-After from 1 to {@code maxRetryAfter} seconds. */
    private static void assertLimited(HttpResponse<String> openAi, HttpResponse<String> anthropic, HttpResponse<String> google,
                                      String limitWords, long maxRetryAfter) {
        for (HttpResponse<String> response : List.of(openAi, anthropic, google)) {
            assertEquals(429, response.statusCode(), response.body());
            long retryAfter = Long.parseLong(response.headers().firstValue("retry-after").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= maxRetryAfter, "Retry-After " + retryAfter);
            assertTrue(response.body().contains(limitWords), response.body());
        }
        assertEquals("rate_limit_error", json(openAi).getJsonObject("error").getString("type"));
        assertEquals("rate_limit_exceeded", json(openAi).getJsonObject("error").getString("code"));
        assertEquals("error", json(anthropic).getString("type"));
        assertEquals("rate_limit_error", json(anthropic).getJsonObject("error").getString("type"));
        assertEquals(429, json(google).getJsonObject("error").getInt("code"));
        assertEquals("RESOURCE_EXHAUSTED", json(google).getJsonObject("error").getString("status"));
    }

    @Test
    void requestsPerMinuteRefusesTheRequestPastTheLimitInEachApi() throws Exception {
        String key = newKey("\"limits\":{\"requestsPerMinute\":3}");
        int before = upstream.recorder().requests("/chat/completions").size();
        assertEquals(200, chat(key, "gpt-4.1", false).statusCode());
        assertEquals(200, messages(key, "claude-haiku-4.5").statusCode());
        assertEquals(200, gemini(key, "gpt-4.1").statusCode());

        assertLimited(chat(key, "gpt-4.1", false), messages(key, "claude-haiku-4.5"), gemini(key, "gpt-4.1"), "3 requests per minute", 60);
        assertEquals(429, responses(key, "gpt-4.1").statusCode());
        assertEquals(1 + 1, upstream.recorder().requests("/chat/completions").size() - before,
                "the refused never reached Copilot (the chat and the Gemini request did)");
        assertEquals(200, ItEnvironment.get(CONTEXT, "/v1/models", key).statusCode(), "the model list is not counted");
        assertEquals(200, chat(newKey("\"limits\":{\"requestsPerMinute\":3}"), "gpt-4.1", false).statusCode(), "another key counts apart");

        List<JsonObject> refused = awaitRefusalRecords(keyId(key), 4);
        assertEquals(List.of("openai-responses", "gemini", "anthropic-messages", "openai-chat"),
                refused.stream().map(row -> row.getString("ingress")).toList(), "each refusal in the request log, newest first");
        assertTrue(refused.stream().allMatch(row -> row.isNull("model") && row.isNull("accountId")), refused.toString());
    }

    /** The key's usage rows with status 429 once there are {@code count} of them (the writer flushes every second; 15 s at most). */
    private static List<JsonObject> awaitRefusalRecords(long keyId, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<JsonObject> refused;
        do {
            Thread.sleep(200);
            refused = JsonIo.read(ItEnvironment.get(CONTEXT, "/admin/api/requests?keyId=" + keyId, ItEnvironment.adminKey()).body())
                    .asJsonObject().getJsonArray("data").stream().map(JsonValue::asJsonObject)
                    .filter(row -> row.getInt("status") == 429).toList();
        } while (refused.size() < count && System.nanoTime() < deadline);
        return refused;
    }

    @Test
    void concurrentRequestsHoldTheirPlaceUntilTheirStreamEndsOrTheirClientGoes() throws Exception {
        String key = newKey("\"limits\":{\"concurrentRequests\":2}");
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(40).withChunkDelay(Duration.ofMillis(100)));
        int before = upstream.recorder().requests("/chat/completions").size();
        CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(post(key, "/v1/chat/completions",
                "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"one\"}]}"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<InputStream> second = HTTP.send(post(key, "/v1/chat/completions",
                "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"two\"}]}"), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, second.statusCode());
        awaitUpstream(before + 2);

        assertLimited(chat(key, "gpt-4.1", false), messages(key, "claude-haiku-4.5"), gemini(key, "gpt-4.1"), "2 concurrent requests", 1);

        // The second client goes away mid-stream: its place is free again soon after, without the stream's end.
        try (InputStream body = second.body()) {
            assertTrue(body.read(new byte[64]) > 0, "the stream had started");
        }
        HttpResponse<String> afterClientGone = awaitAdmitted(() -> chat(key, "gpt-4.1", false));
        assertEquals(200, afterClientGone.statusCode(), afterClientGone.body());
        assertFalse(first.isDone(), "the first stream is still open");
        HttpResponse<InputStream> third = HTTP.send(post(key, "/v1/chat/completions",
                "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"three\"}]}"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, third.statusCode(), "the freed place is taken again");
        assertEquals(429, chat(key, "gpt-4.1", false).statusCode(), "and only that one was freed");
        try (InputStream body = third.body()) {
            assertTrue(new String(body.readAllBytes()).contains("data: [DONE]"));
        }
        HttpResponse<String> whole = first.get(30, TimeUnit.SECONDS);
        assertTrue(whole.body().contains("data: [DONE]"), "an admitted stream completes");

        upstream.setStreamSettings(StreamSettings.defaults());
        for (int i = 0; i < 5; i++) { // every place was given back: sequential requests never pass 2 open
            assertEquals(200, chat(key, "gpt-4.1", i % 2 == 0).statusCode());
            assertEquals(200, messages(key, "claude-haiku-4.5").statusCode());
        }
    }

    @Test
    void tokensPerDayRefusesOnceTheEndedRequestsTokensReachTheLimitUntilMidnightUtc() throws Exception {
        String key = newKey("\"limits\":{\"tokensPerDay\":20}");
        HttpResponse<String> first = chat(key, "gpt-4.1", true); // a stream: its usage comes in its last frames
        assertEquals(200, first.statusCode());
        assertTrue(first.body().contains("data: [DONE]"));

        // The answer's tokens are counted when the request has ended, just after the client has it all: the next
        // request is refused as soon as they are (a request already under way may still end over the limit).
        int admittedMeanwhile = 0;
        HttpResponse<String> refused = chat(key, "gpt-4.1", false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (refused.statusCode() == 200 && System.nanoTime() < deadline) {
            admittedMeanwhile++;
            Thread.sleep(100);
            refused = chat(key, "gpt-4.1", false);
        }
        assertTrue(admittedMeanwhile <= 1, "refused right after the tokens were counted, not " + admittedMeanwhile + " requests later");
        long untilMidnight = Duration.between(java.time.Instant.now(),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()).toSeconds();
        assertLimited(refused, messages(key, "claude-haiku-4.5"), gemini(key, "gpt-4.1"), "20 tokens per day", untilMidnight + 5);
        long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter >= untilMidnight - 5, "until 00:00 UTC: " + retryAfter + " vs " + untilMidnight);
    }

    @Test
    void aModelOutsideTheAllowListIsRefusedInEachShapeAndTheListsShowOnlyTheKeysModels() throws Exception {
        String key = newKey("\"models\":[\"gpt-4.1\",\"claude-haiku-4.5\"]");
        assertEquals(200, chat(key, "gpt-4.1", true).statusCode());
        assertEquals(200, messages(key, "claude-haiku-4.5").statusCode());
        assertEquals(200, gemini(key, "gpt-4.1").statusCode());

        HttpResponse<String> openAi = chat(key, "gpt-5-mini", false);
        assertEquals(403, openAi.statusCode(), openAi.body());
        assertEquals("permission_error", json(openAi).getJsonObject("error").getString("type"));
        assertEquals("model_not_allowed", json(openAi).getJsonObject("error").getString("code"));
        HttpResponse<String> anthropic = messages(key, "claude-sonnet-4.6");
        assertEquals(403, anthropic.statusCode(), anthropic.body());
        assertEquals("permission_error", json(anthropic).getJsonObject("error").getString("type"));
        HttpResponse<String> google = gemini(key, "gpt-5-mini");
        assertEquals(403, google.statusCode(), google.body());
        assertEquals("PERMISSION_DENIED", json(google).getJsonObject("error").getString("status"));
        assertEquals(403, messages(key, "claude-haiku-4-5").statusCode(), "exactly the listed ids, not what they normalise to");
        assertEquals(403, responses(key, "gpt-5.2-codex").statusCode());

        List<String> openAiIds = json(ItEnvironment.get(CONTEXT, "/v1/models", key)).getJsonArray("data").stream()
                .map(model -> model.asJsonObject().getString("id")).sorted().toList();
        assertEquals(List.of("claude-haiku-4.5", "gpt-4.1"), openAiIds);
        HttpResponse<String> anthropicList = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/v1/models"))
                .header("x-api-key", key).header("anthropic-version", "2023-06-01").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(2, json(anthropicList).getJsonArray("data").size(), anthropicList.body());
        List<String> geminiNames = json(ItEnvironment.get(CONTEXT, "/v1beta/models", key)).getJsonArray("models").stream()
                .map(model -> model.asJsonObject().getString("name")).sorted().toList();
        assertEquals(List.of("models/claude-haiku-4.5", "models/gpt-4.1"), geminiNames);
        assertEquals(404, ItEnvironment.get(CONTEXT, "/v1/models/gpt-5-mini", key).statusCode());
        assertEquals(404, ItEnvironment.get(CONTEXT, "/v1beta/models/gpt-5-mini", key).statusCode());
        assertEquals(200, ItEnvironment.get(CONTEXT, "/v1/models/gpt-4.1", key).statusCode());

        // The allow-list lifted through the admin API applies at once on this node.
        long id = keyId(key);
        HttpResponse<String> lifted = ItEnvironment.send(ItEnvironment.request(CONTEXT, "/admin/api/keys/" + id)
                .header("Authorization", "Bearer " + ItEnvironment.adminKey()).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"models\":null}")));
        assertEquals(200, lifted.statusCode(), lifted.body());
        assertEquals(JsonValue.NULL, json(lifted).get("models"));
        assertEquals(200, chat(key, "gpt-5-mini", false).statusCode());
        assertTrue(json(ItEnvironment.get(CONTEXT, "/v1/models", key)).getJsonArray("data").size() > 2);
    }

    /** The id of the key whose secret is {@code key}, by its visible prefix in the admin list. */
    private static long keyId(String key) throws Exception {
        return JsonIo.read(ItEnvironment.get(CONTEXT, "/admin/api/keys", ItEnvironment.adminKey()).body()).asJsonObject()
                .getJsonArray("data").stream().map(JsonValue::asJsonObject)
                .filter(view -> key.startsWith(view.getString("prefix")) && view.getString("name").equals("limits-it"))
                .reduce((one, other) -> other).orElseThrow().getJsonNumber("id").longValue();
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** Sends until admitted (not a 429), for at most 5 s. */
    private static HttpResponse<String> awaitAdmitted(Call call) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        HttpResponse<String> response = call.send();
        while (response.statusCode() == 429 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = call.send();
        }
        return response;
    }

    private static void awaitUpstream(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (upstream.recorder().requests("/chat/completions").size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
