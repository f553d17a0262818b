package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.approval.ApprovalService;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two gateway nodes on one PostgreSQL (DESIGN.md §10; README "Several nodes behind a load balancer"): two Tomcat
 * processes started by this test, each with the WAR and the production JNDI DataSource, sharing {@code encryption-key}
 * and {@code admin-api-key}, both on the fake upstream on loopback. What is changed through node A applies on node B
 * within the bound the README states for it: a new key at once, a revoked key within the key cache's 30 s, a model
 * mapping and a pool setting within {@code shared-state-refresh}, a console session at once, a key's requests per
 * minute counted on both within {@code limits-sync-interval}, and a request held by B for manual approval can be
 * approved through A within the approvals' poll interval.
 *
 * <p>Needs {@value TestDatabases#POSTGRES_URL} ({@code .ci/with-postgres.sh} sets it); skipped without it unless
 * {@value TestDatabases#POSTGRES_REQUIRED} is true. Run it alone with
 * {@code .ci/with-postgres.sh mvn -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=TwoNodesIT}.
 */
class TwoNodesIT {

    /** The nodes' {@code shared-state-refresh}: how stale model mappings and pool settings may be on the other node. */
    private static final Duration SHARED_STATE_REFRESH = Duration.ofSeconds(2);
    /** How long a node keeps an API key it checked (security/ApiKeyService): a revocation elsewhere applies within it. */
    private static final Duration KEY_CACHE = Duration.ofSeconds(30);
    /** The nodes' {@code limits-sync-interval} (its default): how often a node shares its per-key counts. */
    private static final Duration LIMITS_SYNC = Duration.ofSeconds(1);
    /** Slack on top of a bound for the poll, the request and a busy two-core machine. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final String BOOTSTRAP_TOKEN = "ghu_twoNodesBootstrapToken0123456789";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private static FakeCopilotUpstream upstream;
    private static GatewayNode nodeA;
    private static GatewayNode nodeB;
    private static String adminKey;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String jdbcUrl = System.getenv(TestDatabases.POSTGRES_URL);
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            if (Boolean.parseBoolean(System.getenv(TestDatabases.POSTGRES_REQUIRED))) {
                throw new IllegalStateException(TestDatabases.POSTGRES_REQUIRED + " is set but " + TestDatabases.POSTGRES_URL + " is not");
            }
            Assumptions.abort("two nodes need a PostgreSQL server: set " + TestDatabases.POSTGRES_URL + " (.ci/with-postgres.sh does)");
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(jdbcUrl);
        TestDatabases.execute(postgres, "DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
        Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        upstream = ItEnvironment.newUpstream().start();
        upstream.addGitHubUser(BOOTSTRAP_TOKEN, 9901, "two-nodes");
        byte[] encryptionKey = new byte[32];
        new SecureRandom().nextBytes(encryptionKey);
        adminKey = "cgw_twoNodesSharedAdminKey0123456789abcdef";
        Map<String, String> shared = Map.of(
                "encryption-key", Base64.getEncoder().encodeToString(encryptionKey),
                "admin-api-key", adminKey,
                "github-token", BOOTSTRAP_TOKEN,
                "github-url", upstream.baseUrl(),
                "github-api-url", upstream.baseUrl(),
                "copilot-api-url", upstream.baseUrl(),
                "shared-state-refresh", SHARED_STATE_REFRESH.toSeconds() + "s");
        nodeA = GatewayNode.start("node-a", jdbcUrl, driver, shared); // first alone: it creates the schema and imports the account
        nodeB = GatewayNode.start("node-b", jdbcUrl, driver, shared);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeB, nodeA, upstream}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void aKeyCreatedOnAWorksOnBAndItsRevocationOnAReachesBWithinTheKeyCacheTime() throws Exception {
        JsonObject created = created(nodeA.json("POST", "/admin/api/keys", adminKey, "{\"name\":\"two nodes\"}"));
        String key = created.getString("key");
        assertEquals(200, awaitStatus(nodeB, key, "gpt-4.1", status -> status == 200, Duration.ofSeconds(30)).statusCode(),
                "a key made on A works on B (the first use is read from the database)");

        assertEquals(204, nodeA.json("DELETE", "/admin/api/keys/" + created.getJsonNumber("id"), adminKey, null).statusCode());
        assertEquals(401, chat(nodeA, key, "gpt-4.1").statusCode(), "A forgets the key at once");
        long revoked = System.nanoTime();
        HttpResponse<String> refused = awaitStatus(nodeB, key, "gpt-4.1", status -> status == 401, KEY_CACHE.plus(SLACK));
        assertEquals(401, refused.statusCode(), refused.body());
        assertWithin(KEY_CACHE.plus(SLACK), revoked, "the revocation reached B");
    }

    @Test
    void aModelMappingMadeOnAAppliesOnBWithinSharedStateRefresh() throws Exception {
        String key = created(nodeA.json("POST", "/admin/api/keys", adminKey, "{\"name\":\"mappings\"}")).getString("key");
        assertEquals(404, chat(nodeB, key, "two-nodes-team-model").statusCode());

        HttpResponse<String> mapping = nodeA.json("POST", "/admin/api/model-mappings", adminKey,
                "{\"from\":\"two-nodes-team-model\",\"to\":\"gpt-4.1\"}");
        assertEquals(201, mapping.statusCode(), mapping.body());
        long made = System.nanoTime();

        HttpResponse<String> mapped = awaitStatus(nodeB, key, "two-nodes-team-model", status -> status == 200,
                SHARED_STATE_REFRESH.plus(SLACK));
        assertEquals(200, mapped.statusCode(), mapped.body());
        assertWithin(SHARED_STATE_REFRESH.plus(SLACK), made, "the mapping reached B");
        assertTrue(mapped.body().contains("two-nodes-team-model"), "the answer names the client's model: " + mapped.body());
    }

    @Test
    void aPoolSettingChangedOnAAppliesOnBWithinSharedStateRefresh() throws Exception {
        String key = created(nodeA.json("POST", "/admin/api/keys", adminKey, "{\"name\":\"pool\"}")).getString("key");
        try {
            // Pacing of one request per hour, refusing: once B applies it, B's second request is refused with 429.
            HttpResponse<String> changed = nodeA.json("PATCH", "/admin/api/pool", adminKey, "{\"pacingInterval\":\"1h\",\"pacingMode\":\"refuse\"}");
            assertEquals(200, changed.statusCode(), changed.body());
            long made = System.nanoTime();
            HttpResponse<String> paced = awaitStatus(nodeB, key, "gpt-4.1", status -> status == 429, SHARED_STATE_REFRESH.plus(SLACK));
            assertEquals(429, paced.statusCode(), paced.body());
            assertWithin(SHARED_STATE_REFRESH.plus(SLACK), made, "the pool setting reached B");
            assertTrue(paced.body().contains("pacingInterval"), paced.body());
        } finally {
            assertEquals(200, nodeA.json("PATCH", "/admin/api/pool", adminKey, "{\"pacingInterval\":\"0s\",\"pacingMode\":\"wait\"}").statusCode());
        }
        assertEquals(200, awaitStatus(nodeB, key, "gpt-4.1", status -> status == 200, SHARED_STATE_REFRESH.plus(SLACK)).statusCode());
    }

    @Test
    void aConsoleSessionStartedOnAIsValidOnB() throws Exception {
        HttpResponse<String> user = nodeA.json("POST", "/admin/api/console-users", adminKey,
                "{\"username\":\"two-nodes-admin\",\"password\":\"a long two nodes passphrase\",\"role\":\"admin\"}");
        assertEquals(201, user.statusCode(), user.body());
        HttpResponse<String> signedIn = nodeA.send(nodeA.request("/console/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "two-nodes-admin", "password", "a long two nodes passphrase")))));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

        HttpResponse<String> pageOnB = nodeB.send(nodeB.request("/console/pool").header("Cookie", cookie).GET());
        assertEquals(200, pageOnB.statusCode(), "B knows A's session (it is in the database)");
        assertTrue(pageOnB.body().contains("two-nodes-admin"), "signed in as the user who signed in on A");

        // Signing out on B ends the session on A too: sessions are rows, not node memory.
        Matcher csrf = CSRF_FIELD.matcher(pageOnB.body());
        assertTrue(csrf.find());
        HttpResponse<String> out = nodeB.send(nodeB.request("/console/logout").header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(Map.of("csrf", csrf.group(1))))));
        assertEquals(303, out.statusCode());
        HttpResponse<String> pageOnA = nodeA.send(nodeA.request("/console/pool").header("Cookie", cookie).GET());
        assertTrue(pageOnA.statusCode() == 302 || pageOnA.statusCode() == 303, "signed out everywhere: " + pageOnA.statusCode());
    }

    @Test
    void aRequestWaitingOnBForApprovalIsApprovedThroughA() throws Exception {
        String key = created(nodeA.json("POST", "/admin/api/keys", adminKey, "{\"name\":\"approvals\"}")).getString("key");
        assertEquals(200, nodeA.json("PATCH", "/admin/api/pool", adminKey, "{\"manualApproval\":true,\"approvalTimeout\":\"60s\"}").statusCode());
        try {
            Thread.sleep(SHARED_STATE_REFRESH.plus(Duration.ofMillis(500)).toMillis()); // B has switched manual approval on
            CompletableFuture<HttpResponse<String>> answer = nodeB.sendAsync(chatRequest(nodeB, key, "gpt-4.1"));

            JsonObject pending = null;
            for (int i = 0; i < 100 && pending == null; i++) {
                List<JsonObject> listed = JsonIo.read(nodeA.get("/admin/api/approvals", adminKey).body()).asJsonObject()
                        .getJsonArray("data").getValuesAs(JsonObject.class);
                pending = listed.isEmpty() ? null : listed.get(0);
                Thread.sleep(100);
            }
            assertTrue(pending != null, "A lists the request B holds");
            assertFalse(answer.isDone());

            HttpResponse<String> approved = nodeA.json("POST", "/admin/api/approvals/" + pending.getString("id"), adminKey, "{\"decision\":\"approve\"}");
            assertEquals(200, approved.statusCode(), approved.body());
            long decided = System.nanoTime();
            HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            assertWithin(ApprovalService.POLL_INTERVAL.plus(SLACK), decided, "B answered after A's approval");
        } finally {
            assertEquals(200, nodeA.json("PATCH", "/admin/api/pool", adminKey, "{\"manualApproval\":false}").statusCode());
            Thread.sleep(SHARED_STATE_REFRESH.plus(Duration.ofMillis(500)).toMillis()); // off on B too, for the next test
        }
    }

    @Test
    void aKeysRequestsPerMinuteCountOnBothNodes() throws Exception {
        String key = created(nodeA.json("POST", "/admin/api/keys", adminKey,
                "{\"name\":\"limited\",\"limits\":{\"requestsPerMinute\":4}}")).getString("key");
        assertEquals(200, chat(nodeA, key, "gpt-4.1").statusCode());
        assertEquals(200, chat(nodeA, key, "gpt-4.1").statusCode());
        Thread.sleep(LIMITS_SYNC.multipliedBy(2).plus(Duration.ofMillis(500)).toMillis()); // A's counts are shared
        assertEquals(200, chat(nodeB, key, "gpt-4.1").statusCode());
        assertEquals(200, chat(nodeB, key, "gpt-4.1").statusCode());
        HttpResponse<String> fifthOnB = chat(nodeB, key, "gpt-4.1");
        assertEquals(429, fifthOnB.statusCode(), "B counts A's two requests: " + fifthOnB.body());
        assertTrue(fifthOnB.headers().firstValue("retry-after").isPresent());
        long reached = System.nanoTime();
        HttpResponse<String> onA = awaitStatus(nodeA, key, "gpt-4.1", status -> status == 429, LIMITS_SYNC.multipliedBy(2).plus(SLACK));
        assertEquals(429, onA.statusCode(), "A counts B's two requests: " + onA.body());
        assertWithin(LIMITS_SYNC.multipliedBy(2).plus(SLACK), reached, "B's counts reached A");
    }

    private static JsonObject created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return JsonIo.read(response.body()).asJsonObject();
    }

    private static HttpResponse<String> chat(GatewayNode node, String key, String model) throws Exception {
        return node.send(chatRequest(node, key, model));
    }

    private static HttpRequest.Builder chatRequest(GatewayNode node, String key, String model) {
        return node.request("/v1/chat/completions").header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"));
    }

    /** Asks {@code node} again every 200 ms until the status is the expected one or {@code limit} has passed; the last answer. */
    private static HttpResponse<String> awaitStatus(GatewayNode node, String key, String model, Predicate<Integer> expected, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpResponse<String> response;
        do {
            response = chat(node, key, model);
            if (expected.test(response.statusCode())) {
                return response;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return response;
    }

    private static void assertWithin(Duration bound, long sinceNanos, String what) {
        Duration took = Duration.ofNanos(System.nanoTime() - sinceNanos);
        assertTrue(took.compareTo(bound) <= 0, what + " after " + took.toMillis() + " ms, more than the bound of " + bound.toMillis() + " ms");
    }

    private static String form(Map<String, String> fields) {
        return String.join("&", fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).toList());
    }
}
