package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Manual approval in the WAR in a real Tomcat, switched on through the pool settings: a request waits (listed by
 * {@code GET /admin/api/approvals}, without its body) until {@code POST /admin/api/approvals/{id}} approves it (it is
 * answered) or denies it, or its time runs out (403 in the caller's API's shape either way). The Tomcat is shared with
 * the other integration tests, so manual approval is turned off again at the end.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApprovalIT {

    private static final String CONTEXT = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + CONTEXT;
    private static final String KEY = ItEnvironment.API_KEYS.get(0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    static void manualApprovalOff() throws Exception {
        try {
            assertEquals(200, admin("PATCH", "/admin/api/pool", "{\"manualApproval\":false,\"approvalTimeout\":\"60s\"}").statusCode());
        } finally {
            upstream.close();
        }
    }

    @BeforeEach
    void manualApprovalOn() throws Exception {
        HttpResponse<String> on = admin("PATCH", "/admin/api/pool", "{\"manualApproval\":true,\"approvalTimeout\":\"30s\"}");
        assertEquals(200, on.statusCode(), on.body());
        assertTrue(JsonIo.read(on.body()).asJsonObject().getBoolean("manualApproval"));
        upstream.recorder().clear();
    }

    @Test
    void anApprovedOpenAiRequestIsAnsweredAndWasListedWithoutItsBody() throws Exception {
        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(chat("secret prompt text"), HttpResponse.BodyHandlers.ofString());

        JsonObject pending = awaitOnePending();
        assertEquals("gpt-4.1", pending.getString("model"));
        assertEquals("openai-chat", pending.getString("ingress"));
        assertFalse(pending.getBoolean("stream"));
        assertEquals("127.0.0.1", pending.getString("remoteAddress"));
        assertTrue(KEY.startsWith(pending.getString("keyPrefix")), pending.toString());
        assertTrue(pending.containsKey("keyId") && pending.containsKey("time"), pending.toString());
        assertFalse(pending.toString().contains("secret prompt text"), "no body is listed");
        assertFalse(answer.isDone(), "the request waits");
        assertTrue(upstream.recorder().requests("/chat/completions").isEmpty(), "nothing reached Copilot before the approval");

        HttpResponse<String> decided = admin("POST", "/admin/api/approvals/" + pending.getString("id"), "{\"decision\":\"approve\"}");
        assertEquals(200, decided.statusCode(), decided.body());

        HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("chat.completion"), response.body());
        assertEquals(404, admin("POST", "/admin/api/approvals/" + pending.getString("id"), "{\"decision\":\"deny\"}").statusCode(),
                "a request is decided once");
    }

    @Test
    void aDeniedAnthropicStreamIsRefusedWith403InAnthropicsShape() throws Exception {
        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(post("/v1/messages",
                "{\"model\":\"gpt-4.1\",\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                HttpResponse.BodyHandlers.ofString());
        JsonObject pending = awaitOnePending();
        assertEquals("anthropic-messages", pending.getString("ingress"));
        assertTrue(pending.getBoolean("stream"));

        assertEquals(200, admin("POST", "/admin/api/approvals/" + pending.getString("id"), "{\"decision\":\"deny\"}").statusCode());

        HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
        assertEquals(403, response.statusCode(), response.body());
        JsonObject error = JsonIo.read(response.body()).asJsonObject();
        assertEquals("error", error.getString("type"));
        assertEquals("permission_error", error.getJsonObject("error").getString("type"));
        assertTrue(error.getJsonObject("error").getString("message").contains("denied"), response.body());
        assertTrue(upstream.recorder().requests().stream().noneMatch(request -> request.path().contains("messages")
                || request.path().contains("chat")), "a denied request never reaches Copilot");
    }

    @Test
    void aRequestNoOneDecidesIsDeniedWhenItsTimeRunsOut() throws Exception {
        assertEquals(200, admin("PATCH", "/admin/api/pool", "{\"approvalTimeout\":\"2s\"}").statusCode());
        long started = System.nanoTime();

        HttpResponse<String> openAi = HTTP.send(chat("nobody decides"), HttpResponse.BodyHandlers.ofString());

        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(403, openAi.statusCode(), openAi.body());
        JsonObject error = JsonIo.read(openAi.body()).asJsonObject().getJsonObject("error");
        assertEquals("permission_error", error.getString("type"));
        assertTrue(error.getString("message").contains("within 2 s"), error.getString("message"));
        assertTrue(waited.compareTo(Duration.ofMillis(1_900)) >= 0 && waited.compareTo(Duration.ofSeconds(10)) < 0, "waited " + waited);

        HttpResponse<String> gemini = HTTP.send(post("/v1beta/models/gpt-4.1:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"nobody decides\"}]}]}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, gemini.statusCode(), gemini.body());
        assertEquals("PERMISSION_DENIED", JsonIo.read(gemini.body()).asJsonObject().getJsonObject("error").getString("status"));
        assertTrue(pendingList().isEmpty(), "a timed-out request is no longer listed");
    }

    @Test
    void badDecisionsAndUnknownIdsAreRefused() throws Exception {
        HttpResponse<String> bad = admin("POST", "/admin/api/approvals/whatever", "{\"decision\":\"maybe\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("decision", JsonIo.read(bad.body()).asJsonObject().getJsonObject("error").getString("param"));
        assertEquals(400, admin("POST", "/admin/api/approvals/whatever", "{\"decision\":\"approve\",\"extra\":1}").statusCode());
        HttpResponse<String> unknown = admin("POST", "/admin/api/approvals/no-such-request", "{\"decision\":\"approve\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/admin/api/approvals")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static JsonObject awaitOnePending() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<JsonObject> pending;
        do {
            pending = pendingList();
            if (!pending.isEmpty()) {
                assertEquals(1, pending.size(), pending.toString());
                return pending.get(0);
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no request was listed as waiting for approval within 15 s");
    }

    private static List<JsonObject> pendingList() throws Exception {
        HttpResponse<String> list = admin("GET", "/admin/api/approvals", null);
        assertEquals(200, list.statusCode(), list.body());
        return JsonIo.read(list.body()).asJsonObject().getJsonArray("data").getValuesAs(JsonObject.class);
    }

    private static HttpRequest chat(String text) {
        return post("/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
    }

    private static HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + adminKey).header("content-type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
