package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.FakePremiumQuota;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Issue 13's operations side in the WAR in a real Tomcat: {@code /metrics} (loopback only without metrics-token, and
 * moving after requests), {@code /readyz}, the access log file Tomcat writes, the audit log through the admin API and
 * on the console's Audit page (headless Chromium), and the peer endpoints {@code /usage} and {@code /token}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ObservabilityIT {

    private static final String GATEWAY = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + GATEWAY;
    private static final String KEY = ItEnvironment.API_KEYS.get(0);
    private static final String ADMIN = "audit-admin";
    private static final String PASSWORD = "a long audit passphrase";

    private static FakeCopilotUpstream upstream;
    private static String adminKey;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void start() throws Exception {
        upstream = ItEnvironment.startUpstream(GATEWAY);
        adminKey = ItEnvironment.adminKey();
        ItEnvironment.awaitNoCooldown(GATEWAY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (adminKey != null) {
            ItEnvironment.deleteConsoleUsers(GATEWAY, adminKey);
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static HttpRequest.Builder adminApi(String path) {
        return ItEnvironment.request(GATEWAY, path).header("Authorization", "Bearer " + adminKey);
    }

    private static HttpResponse<String> post(HttpRequest.Builder request, String body) throws Exception {
        return ItEnvironment.send(request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String scrape() throws Exception {
        HttpResponse<String> metrics = ItEnvironment.get(GATEWAY, "/metrics");
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        return metrics.body();
    }

    /** The value of the sample {@code name{labels}}, 0 when there is none yet. */
    private static double sample(String text, String nameAndLabels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(nameAndLabels) + " (\\S+)$").matcher(text);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }

    private static HttpResponse<String> chat(boolean stream) throws Exception {
        return post(ItEnvironment.request(GATEWAY, "/v1/chat/completions").header("Authorization", "Bearer " + KEY),
                "{\"model\":\"gpt-4.1\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"metrics please\"}]}");
    }

    @Test
    void readyWhenTheDatabaseAndAnAccountAreThere() throws Exception {
        HttpResponse<String> ready = ItEnvironment.get(GATEWAY, "/readyz");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("ok", json(ready.body()).getString("status"));
    }

    @Test
    void metricsMoveAfterRequestsAndShowTheJvmTomcatPoolAndAccounts() throws Exception {
        String before = scrape();
        String requests = "gateway_requests_total{ingress=\"openai-chat\",model=\"gpt-4.1\",status=\"200\"}";
        String streamedTtfb = "gateway_request_ttfb_seconds_count{ingress=\"openai-chat\",stream=\"true\"}";

        assertEquals(200, chat(false).statusCode());
        HttpResponse<String> streamed = chat(true);
        assertEquals(200, streamed.statusCode());
        assertTrue(streamed.body().contains("[DONE]"));

        String after = "";
        for (int i = 0; i < 50; i++) { // the outcome of a stream is told as it ends, a moment after the client has read it
            after = scrape();
            if (sample(after, requests) >= sample(before, requests) + 2 && sample(after, streamedTtfb) > sample(before, streamedTtfb)) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(sample(before, requests) + 2, sample(after, requests), 0.0, after);
        assertTrue(sample(after, streamedTtfb) > sample(before, streamedTtfb), "a streamed request's time to first byte");
        assertTrue(sample(after, "gateway_tokens_total{kind=\"input\",model=\"gpt-4.1\"}") > sample(before, "gateway_tokens_total{kind=\"input\",model=\"gpt-4.1\"}"));
        assertTrue(sample(after, "gateway_accounts{state=\"active\"}") >= 1, "the bootstrap account is active");
        assertTrue(sample(after, "gateway_copilot_token_refreshes_total{result=\"success\"}") >= 1, "its token was exchanged");
        assertTrue(after.contains("gateway_streams_in_flight "), "streams in flight");
        assertTrue(after.contains("jvm_memory_used_bytes{"), "JVM memory");
        assertTrue(after.contains("jvm_threads_live_threads "), "JVM threads");
        assertTrue(after.contains("tomcat_threads_busy_threads{"), "Tomcat's connector threads, over JMX");
        assertTrue(sample(after, "jdbc_connections_max") > 0, "the JNDI connection pool's size, over JMX: " + grep(after, "jdbc_"));
        assertFalse(after.contains(KEY), "no key in the metrics");
    }

    private static String grep(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).toList().toString();
    }

    @Test
    void metricsAreRefusedToAProxiedCallerEvenFromLoopback() throws Exception {
        HttpResponse<String> forwarded = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/metrics").header("X-Forwarded-For", "127.0.0.1").GET());
        assertEquals(403, forwarded.statusCode());
        JsonObject error = json(forwarded.body()).getJsonObject("error");
        assertEquals("permission_error", error.getString("type"));
        assertTrue(error.getString("message").contains("metrics-token"));

        HttpResponse<String> realIp = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/metrics").header("Forwarded", "for=192.0.2.1").GET());
        assertEquals(403, realIp.statusCode());
    }

    @Test
    void anAdminActionIsAuditedWithoutItsSecretAndShownOnTheConsole() throws Exception {
        HttpResponse<String> created = post(adminApi("/admin/api/keys"), "{\"name\":\"audited key\",\"owner\":\"erin\"}");
        assertEquals(201, created.statusCode(), created.body());
        String secret = json(created.body()).getString("key");
        long keyId = json(created.body()).getJsonNumber("id").longValue();
        assertEquals(204, ItEnvironment.send(adminApi("/admin/api/keys/" + keyId).DELETE()).statusCode());
        HttpResponse<String> user = post(adminApi("/admin/api/console-users"),
                "{\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}");
        assertEquals(201, user.statusCode(), user.body());

        HttpResponse<String> listed = ItEnvironment.get(GATEWAY, "/admin/api/audit?actor=admin-api-key&limit=3", adminKey);
        assertEquals(200, listed.statusCode(), listed.body());
        assertFalse(listed.body().contains(PASSWORD), "never a password");
        assertFalse(listed.body().contains(secret), "never a key");
        JsonArray entries = json(listed.body()).getJsonArray("data");
        assertEquals(3, entries.size(), listed.body());
        JsonObject userCreated = entries.getJsonObject(0);
        assertEquals("POST /admin/api/console-users", userCreated.getString("action"));
        assertEquals("(set)", userCreated.getJsonObject("changes").getString("password"));
        assertEquals(ADMIN, userCreated.getJsonObject("changes").getString("username"));
        JsonObject revoked = entries.getJsonObject(1);
        assertEquals("DELETE /admin/api/keys/{id}", revoked.getString("action"));
        assertEquals(Long.toString(keyId), revoked.getString("target"));
        assertEquals(204, revoked.getInt("status"));
        JsonObject keyCreated = entries.getJsonObject(2);
        assertEquals("POST /admin/api/keys", keyCreated.getString("action"));
        assertEquals(Long.toString(keyId), keyCreated.getString("target"));
        assertEquals("admin-key", keyCreated.getString("actorKind"));
        assertEquals("api", keyCreated.getString("channel"));
        assertEquals("audited key", keyCreated.getJsonObject("changes").getString("name"));
        assertEquals("127.0.0.1", keyCreated.getString("remoteAddress"));

        HttpResponse<String> badFrom = ItEnvironment.get(GATEWAY, "/admin/api/audit?from=yesterday", adminKey);
        assertEquals(400, badFrom.statusCode());
        assertEquals("from", json(badFrom.body()).getJsonObject("error").getString("param"));

        Assumptions.assumeTrue(HeadlessChromium.installed(), "Chromium and ChromeDriver are not installed");
        try (HeadlessChromium browser = new HeadlessChromium("en-US")) {
            ConsolePageDriver pages = new ConsolePageDriver(browser.driver(), BASE);
            pages.signIn(ADMIN, PASSWORD);
            pages.navigate(browser.driver().findElement(By.id("nav-audit")));
            String table = browser.driver().findElement(By.id("audit")).getText();
            assertTrue(table.contains("console sign-in"), table);
            assertTrue(table.contains("POST /admin/api/keys"), table);
            assertFalse(browser.driver().getPageSource().contains(PASSWORD));

            pages.fill("actor", ADMIN);
            pages.navigate(browser.driver().findElement(By.id("audit-apply")));
            List<String> actors = browser.driver().findElements(By.cssSelector("#audit td.actor")).stream().map(cell -> cell.getText()).toList();
            assertFalse(actors.isEmpty());
            assertTrue(actors.stream().allMatch(actor -> actor.startsWith(ADMIN)), actors.toString());
        }
    }

    @Test
    void usageAnswersTheQuotaOfTheCallersAccountsAndTokenIsNeverGiven() throws Exception {
        upstream.setPremiumQuota(ItEnvironment.GITHUB_TOKEN, FakePremiumQuota.of(300, 120));
        HttpResponse<String> pool = ItEnvironment.get(GATEWAY, "/usage", KEY);
        assertEquals(200, pool.statusCode(), pool.body());
        // the bootstrap account: the one whose quota was just set (its login reaches the pool's snapshot a moment after
        // its first token exchange, so it may not be there yet)
        JsonObject first = json(pool.body()).getJsonArray("accounts").getValuesAs(JsonObject.class).stream()
                .filter(account -> account.containsKey("quota_snapshots")
                        && account.getJsonObject("quota_snapshots").containsKey("premium_interactions")
                        && account.getJsonObject("quota_snapshots").getJsonObject("premium_interactions").getJsonNumber("remaining").intValue() == 120)
                .findFirst().orElseThrow(() -> new AssertionError(pool.body()));
        assertTrue(!first.containsKey("login") || ItEnvironment.GITHUB_LOGIN.equals(first.getString("login")), first.toString());
        assertTrue(first.containsKey("copilot_plan"), first.toString());
        assertTrue(first.containsKey("quota_reset_date"), first.toString());
        JsonObject premium = first.getJsonObject("quota_snapshots").getJsonObject("premium_interactions");
        assertEquals(300, premium.getJsonNumber("entitlement").intValue());
        assertEquals(120, premium.getJsonNumber("remaining").intValue());

        long accountId = first.getJsonNumber("account_id").longValue();
        HttpResponse<String> created = post(adminApi("/admin/api/keys"), "{\"name\":\"bound usage\",\"accountId\":" + accountId + "}");
        assertEquals(201, created.statusCode(), created.body());
        String bound = json(created.body()).getString("key");
        try {
            HttpResponse<String> own = ItEnvironment.get(GATEWAY, "/usage", bound);
            assertEquals(200, own.statusCode(), own.body());
            assertEquals(300, json(own.body()).getJsonObject("quota_snapshots").getJsonObject("premium_interactions")
                    .getJsonNumber("entitlement").intValue(), "a bound key gets its account's object itself");
        } finally {
            ItEnvironment.send(adminApi("/admin/api/keys/" + json(created.body()).getJsonNumber("id")).DELETE());
        }

        assertEquals(401, ItEnvironment.get(GATEWAY, "/usage").statusCode(), "a client key is needed");
        for (HttpResponse<String> token : List.of(ItEnvironment.get(GATEWAY, "/token", KEY), ItEnvironment.get(GATEWAY, "/token"),
                ItEnvironment.get(GATEWAY, "/token", adminKey))) {
            assertEquals(403, token.statusCode(), token.body());
            assertEquals("token_not_available", json(token.body()).getJsonObject("error").getString("code"));
            assertFalse(token.body().contains("tid="), "no Copilot token");
        }
    }

    @Test
    void theAccessLogHasALinePerRequestAndNoKey() throws Exception {
        assertEquals(200, ItEnvironment.get(GATEWAY, "/v1beta/models?key=" + KEY).statusCode());
        assertEquals(200, chat(true).statusCode());

        String log = "";
        for (int i = 0; i < 50; i++) { // an asynchronous handler writes the lines
            log = accessLog();
            if (log.contains("\"path\":\"/v1beta/models\"") && log.contains("\"path\":\"/v1/chat/completions\"")) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(log.contains("\"path\":\"/v1beta/models\""), log);
        assertFalse(log.contains(KEY), "never a key, not even from the query string");
        assertFalse(log.contains("key="), "no query string");
        String streamed = log.lines().filter(line -> line.contains("\"path\":\"/v1/chat/completions\"") && line.contains("\"stream\":true"))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no streamed chat line"));
        JsonObject line = json(streamed);
        assertEquals(200, line.getInt("status"));
        assertEquals("openai-chat", line.getString("ingress"));
        assertEquals("gpt-4.1", line.getString("model"));
        assertEquals(KEY.substring(0, line.getString("key").length()), line.getString("key"), "the key's visible prefix");
        assertTrue(line.getString("key").length() < KEY.length());
        assertTrue(line.containsKey("accountId") && line.containsKey("ttfbMs") && line.containsKey("latencyMs"), streamed);
        assertEquals("127.0.0.1", line.getString("remote"));
    }

    @Test
    void tomcatsAccessLogLeavesOutWhatTheGatewayLogged() throws Exception {
        String marker = Long.toHexString(System.nanoTime());
        ItEnvironment.get(GATEWAY, "/v1/unknown-" + marker); // public API: the gateway's own access log
        ItEnvironment.get(GATEWAY, "/admin/unknown-" + marker); // not the API: Tomcat's valve, after the one above
        String tomcats = "";
        for (int i = 0; i < 300 && !tomcats.contains("/admin/unknown-" + marker); i++) { // the valve is flushed every ~10 s
            Thread.sleep(100);
            tomcats = logFiles("access.");
        }
        assertTrue(tomcats.contains("/admin/unknown-" + marker), "Tomcat's valve logs what the gateway does not");
        assertFalse(tomcats.contains("/v1/unknown-" + marker), "an API request is logged once, by the gateway");
        assertTrue(waitForGatewayLine("/v1/unknown-" + marker), "the gateway logged it");
    }

    private static boolean waitForGatewayLine(String path) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (accessLog().contains(path)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String accessLog() throws IOException {
        return logFiles("gateway-access.");
    }

    private static String logFiles(String prefix) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(ItEnvironment.CATALINA_HOME.resolve("logs"))) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
