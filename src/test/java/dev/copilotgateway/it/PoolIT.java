package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.Fault;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.fakeupstream.StreamSettings;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The account pool of the WAR in a real Tomcat with three accounts on the fake upstream (the bootstrap account and two
 * added through the admin API, each a distinct GitHub user): spreading, stickiness, failover and cooldown, a bound
 * key, runtime control. The fake tells which account each Copilot request came from by its Copilot token. The test
 * class shares the Tomcat with the other integration tests, so it removes what it added when it ends.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PoolIT {

    private static final String CONTEXT = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + CONTEXT;
    private static final String KEY = ItEnvironment.API_KEYS.get(0);
    private static final String BRAVO_TOKEN = "ghu_poolItBravoToken0123456789";
    private static final String CHARLIE_TOKEN = "ghu_poolItCharlieToken012345678";
    private static final String ALPHA = ItEnvironment.GITHUB_LOGIN;
    private static final String BRAVO = "pool-bravo";
    private static final String CHARLIE = "pool-charlie";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FakeCopilotUpstream upstream;
    private static String adminKey;
    private static final Map<String, Long> ACCOUNT_IDS = new HashMap<>();
    private static long boundKeyId;
    private static String boundKey;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startPoolOfThree() throws Exception {
        upstream = ItEnvironment.newUpstream().start(ItEnvironment.UPSTREAM_PORT);
        upstream.addGitHubUser(ItEnvironment.GITHUB_TOKEN, ItEnvironment.GITHUB_USER_ID, ALPHA);
        upstream.addGitHubUser(BRAVO_TOKEN, 8801, BRAVO);
        upstream.addGitHubUser(CHARLIE_TOKEN, 8802, CHARLIE);
        ItEnvironment.awaitServing(CONTEXT);
        adminKey = ItEnvironment.adminKey();
        for (String token : List.of(BRAVO_TOKEN, CHARLIE_TOKEN)) {
            HttpResponse<String> added = admin("POST", "/admin/api/accounts", "{\"githubToken\":\"" + token + "\"}");
            assertEquals(201, added.statusCode(), added.body());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ACCOUNT_IDS.size() < 3 && System.nanoTime() < deadline) {
            for (JsonValue account : JsonIo.read(admin("GET", "/admin/api/accounts", null).body()).asJsonArray()) {
                JsonObject view = account.asJsonObject();
                if ("active".equals(view.getString("status")) && !view.isNull("copilotTokenValidUntil")) {
                    ACCOUNT_IDS.put(view.getString("login"), view.getJsonNumber("id").longValue());
                }
            }
            Thread.sleep(100);
        }
        assertEquals(Set.of(ALPHA, BRAVO, CHARLIE), ACCOUNT_IDS.keySet(), "three active accounts");
        HttpResponse<String> key = admin("POST", "/admin/api/keys", "{\"name\":\"bound to bravo\",\"accountId\":" + ACCOUNT_IDS.get(BRAVO) + "}");
        assertEquals(201, key.statusCode(), key.body());
        JsonObject created = JsonIo.read(key.body()).asJsonObject();
        boundKey = created.getString("key");
        boundKeyId = created.getJsonNumber("id").longValue();
    }

    @AfterAll
    static void removeTheAddedAccounts() throws Exception {
        try {
            admin("PUT", "/admin/api/pool", "{\"strategy\":\"round-robin\",\"stickinessTtl\":\"1h\",\"maxAttempts\":3}");
            admin("DELETE", "/admin/api/keys/" + boundKeyId, null);
            for (String login : List.of(BRAVO, CHARLIE)) {
                if (ACCOUNT_IDS.containsKey(login)) {
                    assertEquals(204, admin("DELETE", "/admin/api/accounts/" + ACCOUNT_IDS.get(login), null).statusCode());
                }
            }
        } finally {
            upstream.close();
        }
    }

    @BeforeEach
    void roundRobinWithStickiness() throws Exception {
        upstream.clearFaults();
        upstream.setStreamSettings(StreamSettings.defaults());
        assertEquals(200, admin("PUT", "/admin/api/pool", "{\"strategy\":\"round-robin\",\"stickinessTtl\":\"1h\",\"maxAttempts\":3}").statusCode());
        upstream.recorder().clear();
    }

    @AfterEach
    void everyAccountServesAgain() throws Exception {
        upstream.clearFaults();
        for (long id : ACCOUNT_IDS.values()) {
            admin("PATCH", "/admin/api/accounts/" + id, "{\"enabled\":true}");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ACCOUNT_IDS.values().stream().anyMatch(PoolIT::cooling) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    void roundRobinSpreadsThirtyConversationsEvenly() throws Exception {
        for (int i = 0; i < 30; i++) {
            assertEquals(200, chat(KEY, "conversation number " + i).statusCode());
        }
        assertEquals(Map.of(ALPHA, 10, BRAVO, 10, CHARLIE, 10), chatsByAccount());
    }

    @Test
    void oneConversationStaysOnOneAccountWhileOthersSpread() throws Exception {
        List<String> turns = new ArrayList<>(List.of("let us talk about pools"));
        for (int turn = 0; turn < 6; turn++) {
            assertEquals(200, chat(KEY, turns.toArray(String[]::new)).statusCode());
            assertEquals(200, chat(KEY, "a separate conversation " + turn).statusCode());
            turns.add("answer " + turn);
            turns.add("and a follow-up " + turn);
        }
        List<RecordedRequest> chats = upstream.recorder().requests("/chat/completions");
        Set<String> conversationAccounts = new java.util.HashSet<>();
        Set<String> otherAccounts = new java.util.HashSet<>();
        for (RecordedRequest chat : chats) {
            boolean ours = chat.body().contains("let us talk about pools");
            (ours ? conversationAccounts : otherAccounts).add(upstream.accountOf(chat));
        }
        assertEquals(1, conversationAccounts.size(), "the conversation stayed on " + conversationAccounts);
        assertTrue(otherAccounts.size() >= 2, "the others spread: " + otherAccounts);
    }

    @Test
    void throttledAccountsAreSkippedAndAskedAtMostTwiceInTheirCooldown() throws Exception {
        upstream.inject(Fault.rateLimited(8).forAccount(BRAVO).onPath("/chat/completions").times(100));
        upstream.inject(Fault.rateLimited(8).forAccount(CHARLIE).onPath("/chat/completions").times(100));

        for (int i = 0; i < 12; i++) {
            HttpResponse<String> answer = chat(KEY, "throttled pool " + i);
            assertEquals(200, answer.statusCode(), answer.body());
        }

        Map<String, Integer> asked = chatsByAccount();
        assertTrue(asked.getOrDefault(BRAVO, 0) >= 1 && asked.getOrDefault(BRAVO, 0) <= 2, asked.toString());
        assertTrue(asked.getOrDefault(CHARLIE, 0) >= 1 && asked.getOrDefault(CHARLIE, 0) <= 2, asked.toString());
        assertTrue(asked.get(ALPHA) >= 12, asked.toString());
        JsonObject bravo = account(BRAVO);
        assertFalse(bravo.isNull("cooldownUntil"), bravo.toString());
        assertTrue(bravo.getString("lastError").contains("429"), bravo.toString());
        assertTrue(bravo.getJsonNumber("requestsLastHour").longValue() >= 1, bravo.toString());
        assertEquals(0, account(ALPHA).getInt("inFlight"), "nothing left in flight");
    }

    @Test
    void everyAccountCoolingIs429WithRetryAfterInEachProtocol() throws Exception {
        for (String login : List.of(ALPHA, BRAVO, CHARLIE)) {
            upstream.inject(Fault.rateLimited(6).forAccount(login).times(5));
        }
        HttpResponse<String> first = chat(KEY, "all throttled");
        assertEquals(429, first.statusCode(), "the last account's own 429 after trying all three: " + first.body());
        assertEquals(3, upstream.recorder().requests("/chat/completions").size());
        upstream.recorder().clear();

        HttpResponse<String> openAi = chat(KEY, "all cooling");
        assertEquals(429, openAi.statusCode());
        assertRetryAfterAtMost(openAi, 6);
        assertEquals("rate_limit_error", JsonIo.read(openAi.body()).asJsonObject().getJsonObject("error").getString("type"));

        HttpResponse<String> anthropic = post(KEY, "/v1/messages",
                "{\"model\":\"gpt-4.1\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"cooling\"}]}");
        assertEquals(429, anthropic.statusCode());
        assertRetryAfterAtMost(anthropic, 6);
        JsonObject anthropicError = JsonIo.read(anthropic.body()).asJsonObject();
        assertEquals("error", anthropicError.getString("type"));
        assertEquals("rate_limit_error", anthropicError.getJsonObject("error").getString("type"));

        HttpResponse<String> gemini = post(KEY, "/v1beta/models/gpt-4.1:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"cooling\"}]}]}");
        assertEquals(429, gemini.statusCode());
        assertRetryAfterAtMost(gemini, 6);
        assertEquals("RESOURCE_EXHAUSTED", JsonIo.read(gemini.body()).asJsonObject().getJsonObject("error").getString("status"));

        assertTrue(upstream.recorder().requests().stream().noneMatch(request -> request.method().equals("POST")),
                "no account was asked while all were cooling");
    }

    @Test
    void anAccountBoundKeyNeverReachesAnotherAccountAndGetsItsAccounts429() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, chat(boundKey, "bound conversation " + i).statusCode());
        }
        assertEquals(Map.of(BRAVO, 3), chatsByAccount());

        upstream.inject(Fault.rateLimited(5).forAccount(BRAVO).times(10));
        HttpResponse<String> throttled = chat(boundKey, "bound and throttled");
        assertEquals(429, throttled.statusCode(), throttled.body());
        assertEquals("5", throttled.headers().firstValue("retry-after").orElse(null));
        HttpResponse<String> cooling = chat(boundKey, "bound and cooling");
        assertEquals(429, cooling.statusCode(), cooling.body());
        assertRetryAfterAtMost(cooling, 5);
        assertEquals(Map.of(BRAVO, 4), chatsByAccount(), "never another account, and not asked while cooling");
        assertEquals(200, chat(KEY, "the pool still serves").statusCode());
    }

    @Test
    void aFailingAccountIsFailedOverWithoutTheClientNoticing() throws Exception {
        upstream.inject(Fault.serverError().forAccount(CHARLIE).onPath("/chat/completions").times(100));
        for (int i = 0; i < 9; i++) {
            assertEquals(200, chat(KEY, "failover " + i).statusCode());
        }
        Map<String, Integer> asked = chatsByAccount();
        assertEquals(3, asked.get(CHARLIE), "asked in its turn, then the next account served: " + asked);
        assertEquals(12, asked.values().stream().mapToInt(Integer::intValue).sum(), asked.toString());
    }

    @Test
    void disablingAnAccountAtRuntimeStopsItsTraffic() throws Exception {
        HttpResponse<String> disabled = admin("PATCH", "/admin/api/accounts/" + ACCOUNT_IDS.get(CHARLIE), "{\"enabled\":false}");
        assertEquals(200, disabled.statusCode(), disabled.body());
        assertFalse(JsonIo.read(disabled.body()).asJsonObject().getBoolean("enabled"));

        for (int i = 0; i < 10; i++) {
            assertEquals(200, chat(KEY, "without charlie " + i).statusCode());
        }
        Map<String, Integer> asked = chatsByAccount();
        assertFalse(asked.containsKey(CHARLIE), asked.toString());
        assertEquals(Map.of(ALPHA, 5, BRAVO, 5), asked);
    }

    @Test
    void aStreamCutAfterTheFirstByteEndsWithAnErrorEventAndIsNotRetried() throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withChunkDelay(Duration.ofMillis(20)));
        upstream.inject(Fault.dropStreamAfter(2).onPath("/chat/completions"));

        HttpResponse<String> cut = post(KEY, "/v1/chat/completions",
                "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"cut this stream please\"}]}");

        assertEquals(200, cut.statusCode());
        assertTrue(cut.body().contains("data: {\"error\":{"), cut.body());
        assertFalse(cut.body().contains("[DONE]"), cut.body());
        assertEquals(1, upstream.recorder().requests("/chat/completions").size(), "not retried on another account");
    }

    @Test
    void theStrategyChangesAtRuntime() throws Exception {
        HttpResponse<String> priority = admin("PUT", "/admin/api/pool", "{\"strategy\":\"priority\",\"stickinessTtl\":\"0s\"}");
        assertEquals(200, priority.statusCode(), priority.body());
        assertEquals(200, admin("PATCH", "/admin/api/accounts/" + ACCOUNT_IDS.get(CHARLIE), "{\"priority\":-5}").statusCode());
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, chat(KEY, "priority " + i).statusCode());
            }
            assertEquals(Map.of(CHARLIE, 5), chatsByAccount());
        } finally {
            admin("PATCH", "/admin/api/accounts/" + ACCOUNT_IDS.get(CHARLIE), "{\"priority\":0}");
        }
    }

    // ---- helpers

    private static Map<String, Integer> chatsByAccount() {
        Map<String, Integer> counts = new TreeMap<>();
        for (RecordedRequest chat : upstream.recorder().requests("/chat/completions")) {
            counts.merge(upstream.accountOf(chat), 1, Integer::sum);
        }
        return counts;
    }

    private static void assertRetryAfterAtMost(HttpResponse<String> response, int seconds) {
        String retryAfter = response.headers().firstValue("retry-after").orElse(null);
        assertNotNull(retryAfter, "Retry-After on " + response.body());
        int value = Integer.parseInt(retryAfter);
        assertTrue(value >= 1 && value <= seconds, retryAfter);
    }

    private static boolean cooling(long accountId) {
        try {
            return !JsonIo.read(admin("GET", "/admin/api/accounts/" + accountId, null).body()).asJsonObject().isNull("cooldownUntil");
        } catch (Exception unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static JsonObject account(String login) throws Exception {
        return JsonIo.read(admin("GET", "/admin/api/accounts/" + ACCOUNT_IDS.get(login), null).body()).asJsonObject();
    }

    /** A chat request whose messages alternate user / assistant, starting with the user. */
    private static HttpResponse<String> chat(String key, String... turns) throws Exception {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < turns.length; i++) {
            messages.append(i == 0 ? "" : ",").append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\",\"content\":\"").append(turns[i]).append("\"}");
        }
        return post(key, "/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[" + messages + "]}");
    }

    private static HttpResponse<String> post(String key, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + adminKey).header("content-type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
