package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.Reply;
import dev.copilotgateway.fakeupstream.StreamSettings;
import dev.copilotgateway.fakeupstream.Usage;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Usage records of the WAR in a real Tomcat against the fake upstream: a row per request with Copilot's token counts,
 * for whole and streamed answers on every ingress, read back through {@code /admin/api/requests} (filters, pages,
 * CSV) and {@code /admin/api/usage} (sums, CSV), and the purge. The writer is asynchronous: the tests poll with a
 * bounded wait. Each test uses a client key of its own, so rows of other tests do not count.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UsageRecordsIT {

    private static final String CONTEXT = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + CONTEXT;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** What the fake upstream reports for every scripted reply: the counts each row must show. */
    private static final Usage USAGE = new Usage(1200, 80, 1000, 40);

    private static FakeCopilotUpstream upstream;
    private static String adminKey;
    private static long accountId;

    private long keyId;
    private String key;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = ItEnvironment.startUpstream(CONTEXT);
        adminKey = ItEnvironment.adminKey();
        JsonArray accounts = JsonIo.read(admin("GET", "/admin/api/accounts", null).body()).asJsonArray();
        accountId = accounts.getJsonObject(0).getJsonNumber("id").longValue();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void freshKey() throws Exception {
        upstream.clearFaults();
        upstream.setStreamSettings(StreamSettings.defaults());
        upstream.setDefaultReply(text -> Reply.text("Echo: " + text).withUsage(USAGE));
        HttpResponse<String> created = admin("POST", "/admin/api/keys", "{\"name\":\"usage-it-" + System.nanoTime() + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject json = JsonIo.read(created.body()).asJsonObject();
        keyId = json.getJsonNumber("id").longValue();
        key = json.getString("key");
    }

    @Test
    void everyIngressWholeAndStreamedIsOneRowWithCopilotsTokenCounts() throws Exception {
        String chat = "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";
        ok(post("/v1/chat/completions", chat.formatted("")));
        ok(post("/v1/chat/completions", chat.formatted(",\"stream\":true")));
        String responses = "{\"model\":\"gpt-5.2-codex\",\"input\":\"hi\"%s}";
        ok(post("/v1/responses", responses.formatted("")));
        ok(post("/v1/responses", responses.formatted(",\"stream\":true")));
        String messages = "{\"model\":\"claude-sonnet-4.6\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";
        ok(post("/v1/messages", messages.formatted("")));
        ok(post("/v1/messages", messages.formatted(",\"stream\":true")));
        String gemini = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
        ok(post("/v1beta/models/gpt-4.1:generateContent", gemini));
        ok(post("/v1beta/models/gpt-4.1:streamGenerateContent?alt=sse", gemini));
        ok(post("/v1beta/models/gpt-4.1:streamGenerateContent", gemini));
        HttpResponse<String> embedded = post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[\"one two three four\",\"five\"]}");
        ok(embedded);
        long embeddingTokens = JsonIo.read(embedded.body()).asJsonObject().getJsonObject("usage").getJsonNumber("prompt_tokens").longValue();

        List<JsonObject> rows = awaitRows("?keyId=" + keyId, 10);
        assertEquals(10, rows.size(), rows.toString());
        for (JsonObject row : rows) {
            assertEquals(List.of("time", "keyId", "accountId", "ingress", "endpoint", "model", "upstreamModel", "stream", "status",
                    "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "premiumRequests", "latencyMs", "ttfbMs"),
                    new ArrayList<>(row.keySet()), "exactly the issue's fields, in order");
            assertEquals(keyId, row.getJsonNumber("keyId").longValue());
            assertEquals(accountId, row.getJsonNumber("accountId").longValue());
            assertEquals(200, row.getInt("status"));
            assertTrue(row.getJsonNumber("ttfbMs").longValue() <= row.getJsonNumber("latencyMs").longValue(), row.toString());
        }
        List<JsonObject> oldestFirst = new ArrayList<>(rows);
        java.util.Collections.reverse(oldestFirst);
        assertRow(oldestFirst.get(0), "openai-chat", "/chat/completions", "gpt-4.1", false, 1200, 80, 1000, 40, 0);
        assertRow(oldestFirst.get(1), "openai-chat", "/chat/completions", "gpt-4.1", true, 1200, 80, 1000, 40, 0);
        assertRow(oldestFirst.get(2), "openai-responses", "/responses", "gpt-5.2-codex", false, 1200, 80, 1000, 40, 1);
        assertRow(oldestFirst.get(3), "openai-responses", "/responses", "gpt-5.2-codex", true, 1200, 80, 1000, 40, 1);
        // Anthropic's usage has no reasoning figure; its input_tokens leave out the cache, the row's input includes it.
        assertRow(oldestFirst.get(4), "anthropic-messages", "/v1/messages", "claude-sonnet-4.6", false, 1200, 80, 1000, 0, 1);
        assertRow(oldestFirst.get(5), "anthropic-messages", "/v1/messages", "claude-sonnet-4.6", true, 1200, 80, 1000, 0, 1);
        assertRow(oldestFirst.get(6), "gemini", "/chat/completions", "gpt-4.1", false, 1200, 80, 1000, 40, 0);
        assertRow(oldestFirst.get(7), "gemini", "/chat/completions", "gpt-4.1", true, 1200, 80, 1000, 40, 0);
        assertRow(oldestFirst.get(8), "gemini", "/chat/completions", "gpt-4.1", true, 1200, 80, 1000, 40, 0);
        assertRow(oldestFirst.get(9), "openai-embeddings", "/embeddings", "text-embedding-3-small", false, embeddingTokens, 0, 0, 0, 0);
    }

    @Test
    void failuresAreRecordedTooWithTheirStatus() throws Exception {
        HttpResponse<String> unknown = post("/v1/chat/completions", "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(404, unknown.statusCode());
        JsonObject row = awaitRows("?keyId=" + keyId, 1).get(0);
        assertEquals(404, row.getInt("status"));
        assertEquals("no-such-model", row.getString("model"));
        assertEquals(JsonValue.NULL, row.get("endpoint"));
        assertEquals(JsonValue.NULL, row.get("accountId"));
        assertEquals(0, row.getJsonNumber("premiumRequests").doubleValue());
    }

    @Test
    void theRequestLogFiltersPagesAndExportsCsvAndTheSumsGroup() throws Exception {
        Instant before = Instant.now();
        ok(post("/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}"));
        ok(post("/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}"));
        ok(post("/v1/messages", "{\"model\":\"claude-sonnet-4.6\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"c\"}]}"));
        awaitRows("?keyId=" + keyId, 3);

        assertEquals(2, rows("?keyId=" + keyId + "&model=gpt-4.1").size());
        assertEquals(1, rows("?keyId=" + keyId + "&model=claude-sonnet-4.6&accountId=" + accountId).size());
        assertEquals(0, rows("?keyId=" + keyId + "&accountId=999999").size());
        assertEquals(3, rows("?keyId=" + keyId + "&from=" + encode(before.toString())).size());
        assertEquals(0, rows("?keyId=" + keyId + "&to=" + encode(before.toString())).size());

        JsonObject first = JsonIo.read(admin("GET", "/admin/api/requests?keyId=" + keyId + "&limit=2", null).body()).asJsonObject();
        assertEquals(2, first.getJsonArray("data").size());
        assertTrue(first.getBoolean("has_more"));
        JsonObject second = JsonIo.read(admin("GET", "/admin/api/requests?keyId=" + keyId + "&limit=2&before="
                + first.getString("next_before"), null).body()).asJsonObject();
        assertEquals(1, second.getJsonArray("data").size());
        assertFalse(second.getBoolean("has_more"));
        assertEquals(JsonValue.NULL, second.get("next_before"));
        assertEquals("gpt-4.1", second.getJsonArray("data").getJsonObject(0).getString("model"), "the oldest comes last");

        HttpResponse<String> csv = admin("GET", "/admin/api/requests?keyId=" + keyId + "&format=csv", null);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals("time,keyId,accountId,ingress,endpoint,model,upstreamModel,stream,status,inputTokens,outputTokens,cachedTokens,"
                + "reasoningTokens,premiumRequests,latencyMs,ttfbMs", lines[0]);
        assertEquals(4, lines.length);
        assertTrue(lines[1].contains(",anthropic-messages,/v1/messages,claude-sonnet-4.6,claude-sonnet-4.6,false,200,1200,80,1000,0,1.0,"),
                lines[1]);

        JsonArray byModel = JsonIo.read(admin("GET", "/admin/api/usage?groupBy=model&keyId=" + keyId, null).body()).asJsonObject()
                .getJsonArray("data");
        assertEquals(2, byModel.size());
        JsonObject claude = byModel.getJsonObject(0);
        assertEquals("claude-sonnet-4.6", claude.getString("model"));
        assertEquals(1, claude.getInt("requests"));
        assertEquals(1.0, claude.getJsonNumber("premiumRequests").doubleValue());
        JsonObject gpt = byModel.getJsonObject(1);
        assertEquals(2, gpt.getInt("requests"));
        assertEquals(2400, gpt.getInt("inputTokens"));
        assertEquals(160, gpt.getInt("outputTokens"));
        assertEquals(2000, gpt.getInt("cachedTokens"));
        assertEquals(80, gpt.getInt("reasoningTokens"));

        JsonArray byDay = JsonIo.read(admin("GET", "/admin/api/usage?groupBy=day&keyId=" + keyId, null).body()).asJsonObject().getJsonArray("data");
        assertEquals(1, byDay.size());
        assertEquals(Instant.now().toString().substring(0, 10), byDay.getJsonObject(0).getString("day"), "UTC day");
        assertEquals(3, byDay.getJsonObject(0).getInt("requests"));

        HttpResponse<String> sumsCsv = send(HttpRequest.newBuilder(URI.create(BASE + "/admin/api/usage?groupBy=key&keyId=" + keyId))
                .header("Authorization", "Bearer " + adminKey).header("Accept", "text/csv"));
        assertEquals(200, sumsCsv.statusCode());
        assertEquals("keyId,requests,inputTokens,outputTokens,cachedTokens,reasoningTokens,premiumRequests\r\n"
                + keyId + ",3,3600,240,3000,80,1.0\r\n", sumsCsv.body());
    }

    @Test
    void badParametersAre400sNamingThem() throws Exception {
        assertBadParam("/admin/api/requests?limit=0", "limit");
        assertBadParam("/admin/api/requests?from=yesterday", "from");
        assertBadParam("/admin/api/requests?keyId=abc", "keyId");
        assertBadParam("/admin/api/requests?before=garbage", "before");
        assertBadParam("/admin/api/requests?colour=red", "colour");
        assertBadParam("/admin/api/usage?groupBy=week", "groupBy");
        assertBadParam("/admin/api/usage?format=xml", "format");
        assertEquals(401, send(HttpRequest.newBuilder(URI.create(BASE + "/admin/api/requests"))).statusCode(), "admins only");
    }

    @Test
    void thePurgeDeletesRecordsOlderThanItsCutoff() throws Exception {
        ok(post("/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"old\"}]}"));
        awaitRows("?keyId=" + keyId, 1);
        Instant cutoff = Instant.now();
        ok(post("/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"new\"}]}"));
        awaitRows("?keyId=" + keyId, 2);

        HttpResponse<String> purged = admin("POST", "/admin/api/usage/purge?before=" + encode(cutoff.toString()), "");
        assertEquals(200, purged.statusCode(), purged.body());
        assertTrue(JsonIo.read(purged.body()).asJsonObject().getInt("deleted") >= 1);
        List<JsonObject> left = rows("?keyId=" + keyId);
        assertEquals(1, left.size());
        assertTrue(Instant.parse(left.get(0).getString("time")).isAfter(cutoff));

        HttpResponse<String> byRetention = admin("POST", "/admin/api/usage/purge", "");
        assertEquals(200, byRetention.statusCode());
        assertEquals(0, JsonIo.read(byRetention.body()).asJsonObject().getInt("deleted"), "nothing is 30 days old");
        assertEquals(1, rows("?keyId=" + keyId).size());
    }

    private static void assertRow(JsonObject row, String ingress, String endpoint, String model, boolean stream, long input, long output,
                                  long cached, long reasoning, double premium) {
        String seen = row.toString();
        assertEquals(ingress, row.getString("ingress"), seen);
        assertEquals(endpoint, row.getString("endpoint"), seen);
        assertEquals(model, row.getString("model"), seen);
        assertEquals(model, row.getString("upstreamModel"), seen);
        assertEquals(stream, row.getBoolean("stream"), seen);
        assertEquals(input, row.getJsonNumber("inputTokens").longValue(), seen);
        assertEquals(output, row.getJsonNumber("outputTokens").longValue(), seen);
        assertEquals(cached, row.getJsonNumber("cachedTokens").longValue(), seen);
        assertEquals(reasoning, row.getJsonNumber("reasoningTokens").longValue(), seen);
        assertEquals(premium, row.getJsonNumber("premiumRequests").doubleValue(), seen);
        assertNotNull(row.get("ttfbMs"));
    }

    private static void assertBadParam(String path, String param) throws Exception {
        HttpResponse<String> response = admin("GET", path, null);
        assertEquals(400, response.statusCode(), path + ": " + response.body());
        JsonObject error = JsonIo.read(response.body()).asJsonObject().getJsonObject("error");
        assertEquals("invalid_request_error", error.getString("type"));
        assertEquals(param, error.getString("param"), response.body());
    }

    /** Polls (at most 20 s) until the request log shows {@code count} rows for {@code query}: the writer batches every second. */
    private static List<JsonObject> awaitRows(String query, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<JsonObject> rows;
        do {
            rows = rows(query);
            if (rows.size() >= count) {
                return rows;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + count + " usage rows for " + query + " within 20 s, found " + rows.size() + ": " + rows);
    }

    private static List<JsonObject> rows(String query) throws Exception {
        HttpResponse<String> response = admin("GET", "/admin/api/requests" + query, null);
        assertEquals(200, response.statusCode(), response.body());
        return JsonIo.read(response.body()).asJsonObject().getJsonArray("data").getValuesAs(JsonObject.class);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + adminKey);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
