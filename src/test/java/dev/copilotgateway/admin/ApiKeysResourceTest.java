package dev.copilotgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.api.CallerEchoResource;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.security.Hashes;
import dev.copilotgateway.startup.Gateway;
import dev.copilotgateway.startup.GatewayApplication;
import dev.copilotgateway.startup.InMemoryApi;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /admin/api/keys} in memory on a real {@link Gateway}, with a test resource to try the keys it makes. */
class ApiKeysResourceTest {

    private static final String ADMIN_KEY = "admin-key-for-the-tests-0123456789";
    private static final String KEYS = "/admin/api/keys";
    private static final String ECHO = "/test/caller";

    @TempDir
    Path dataDir;

    private Gateway gateway;
    private InMemoryApi api;

    @BeforeEach
    void start() {
        gateway = Gateway.start(TestConfigs.withDataDir(dataDir, Map.of("COPILOT_GATEWAY_ADMIN_API_KEY", ADMIN_KEY)), Clock.systemUTC());
        api = new InMemoryApi(new GatewayApplication(gateway).register(CallerEchoResource.class));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private InMemoryApi.Reply create(String json) throws Exception {
        return api.request("POST", KEYS).bearer(ADMIN_KEY).json(json).send();
    }

    private JsonArray list() throws Exception {
        InMemoryApi.Reply reply = api.request("GET", KEYS).bearer(ADMIN_KEY).send();
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonArray("data");
    }

    private InMemoryApi.Reply revoke(String id) throws Exception {
        return api.request("DELETE", KEYS + "/" + id).bearer(ADMIN_KEY).send();
    }

    @Test
    void everyEndpointNeedsTheAdminKey() throws Exception {
        String clientKey = gateway.apiKeys().create("client", null, null, null).secret();
        for (String method : List.of("GET", "POST", "DELETE")) {
            String path = method.equals("DELETE") ? KEYS + "/1" : KEYS;
            for (InMemoryApi.Request request : List.of(api.request(method, path), api.request(method, path).bearer("wrong"),
                    api.request(method, path).bearer(clientKey))) {
                InMemoryApi.Reply reply = (method.equals("POST") ? request.json("{\"name\":\"sneaky\"}") : request).send();
                assertEquals(401, reply.status(), method + " " + reply.body());
                assertEquals("invalid_admin_key", reply.json().getJsonObject("error").getString("code"));
            }
        }
        assertEquals(1, gateway.apiKeys().list().size(), "nothing created, nothing revoked");
        assertEquals(List.of(), gateway.apiKeys().list().stream().filter(key -> key.revokedAt() != null).toList());
    }

    @Test
    void createdKeyIsShownOnceWorksUntilRevokedAndIsNeverListed() throws Exception {
        InMemoryApi.Reply created = create("{\"name\":\"laptop\",\"owner\":\"alice\",\"expiresInDays\":30}");
        assertEquals(201, created.status(), created.body());
        assertEquals("no-store", created.header("Cache-Control"), "the one answer with a secret is not cached");
        JsonObject body = created.json();
        String key = body.getString("key");
        assertTrue(key.startsWith("cgw_"), key);
        assertEquals(key.substring(0, 8), body.getString("prefix"));
        assertEquals("laptop", body.getString("name"));
        assertEquals("alice", body.getString("owner"));
        assertEquals(JsonValue.NULL, body.get("accountId"));
        assertEquals(JsonValue.NULL, body.get("lastUsedAt"));
        assertEquals("active", body.getString("state"));
        Duration lifetime = Duration.between(Instant.parse(body.getString("createdAt")), Instant.parse(body.getString("expiresAt")));
        assertTrue(lifetime.compareTo(Duration.ofDays(30).minusMinutes(1)) > 0 && lifetime.compareTo(Duration.ofDays(30)) <= 0, lifetime::toString);

        InMemoryApi.Reply caller = api.request("GET", ECHO).bearer(key).send();
        assertEquals(200, caller.status(), "the new key works on the public API");
        assertEquals(body.getJsonNumber("id").longValue(), caller.json().getJsonNumber("apiKeyId").longValue());

        InMemoryApi.Reply listed = api.request("GET", KEYS).bearer(ADMIN_KEY).send();
        assertFalse(listed.body().contains(key), "no secret in the list");
        assertFalse(listed.body().contains(Hashes.sha256Hex(key)), "no hash in the list");
        JsonObject entry = listed.json().getJsonArray("data").getJsonObject(0);
        assertFalse(entry.containsKey("key"));
        JsonObject withoutKey = jsonWithout(body, "key");
        assertEquals(withoutKey, entry, "the list shows what the creation showed, less the key");

        String id = String.valueOf(body.getJsonNumber("id").longValue());
        assertEquals(204, revoke(id).status());
        assertEquals(401, api.request("GET", ECHO).bearer(key).send().status(), "revoked: refused at once");
        JsonObject revoked = list().getJsonObject(0);
        assertEquals("revoked", revoked.getString("state"));
        assertTrue(Instant.parse(revoked.getString("revokedAt")).isBefore(Instant.now().plusSeconds(1)));
        assertEquals(204, revoke(id).status(), "revoking twice is fine");
    }

    private static JsonObject jsonWithout(JsonObject json, String field) {
        return Json.createObjectBuilder(json).remove(field).build();
    }

    @Test
    void keyMayBeBoundToAnAccountAndExpireAtAGivenTime() throws Exception {
        long account = gateway.databaseConnector().database().orElseThrow().inTransaction(em -> new AccountRepository(em)
                .add(new GitHubAccount(GitHubAccount.Origin.DEVICE_FLOW, "v1:not-a-real-ciphertext", Hashes.sha256Hex("ghu_x"), Instant.now()))
                .getId());
        InMemoryApi.Reply created = create("{\"name\":\"bob's seat\",\"accountId\":" + account + ",\"expiresAt\":\"2099-01-01T00:00:00+01:00\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals(account, created.json().getJsonNumber("accountId").longValue());
        assertEquals("2098-12-31T23:00:00Z", created.json().getString("expiresAt"));
        assertEquals(JsonValue.NULL, created.json().get("owner"));

        InMemoryApi.Reply caller = api.request("GET", ECHO).header("x-api-key", created.json().getString("key")).send();
        assertEquals(account, caller.json().getJsonNumber("boundAccountId").longValue());
    }

    @Test
    void badInputIsA400NamingTheFieldAndCreatesNothing() throws Exception {
        record Case(String body, String param, String message) {
        }
        List<Case> cases = List.of(
                new Case("{\"name\":", null, "The body is not valid JSON; send an object such as {\"name\":\"laptop\"}"),
                new Case("", null, "The body is not valid JSON; send an object such as {\"name\":\"laptop\"}"),
                new Case("[{\"name\":\"x\"}]", null, "The body must be a JSON object such as {\"name\":\"laptop\"}"),
                new Case("{}", "name", "name is required"),
                new Case("{\"name\":null}", "name", "name is required"),
                new Case("{\"name\":42}", "name", "name must be a string"),
                new Case("{\"name\":\"" + "n".repeat(101) + "\"}", "name", "name is longer than 100 characters"),
                new Case("{\"name\":\"x\",\"expires_at\":\"2099-01-01T00:00:00Z\"}", "expires_at",
                        "Unknown field 'expires_at'; the fields are name, owner, accountId, expiresAt, expiresInDays, limits, models"),
                new Case("{\"name\":\"x\",\"accountId\":\"7\"}", "accountId", "accountId must be a whole number"),
                new Case("{\"name\":\"x\",\"accountId\":1.5}", "accountId", "accountId must be a whole number"),
                new Case("{\"name\":\"x\",\"accountId\":99999999999999999999}", "accountId", "accountId is out of range"),
                new Case("{\"name\":\"x\",\"accountId\":4711}", "accountId", "There is no account with id 4711"),
                new Case("{\"name\":\"x\",\"expiresAt\":\"tomorrow\"}", "expiresAt",
                        "expiresAt must be an ISO-8601 time with an offset, such as 2030-01-31T00:00:00Z"),
                new Case("{\"name\":\"x\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}", "expiresAt", "expiresAt must be in the future"),
                new Case("{\"name\":\"x\",\"expiresAt\":\"2099-01-01T00:00:00Z\",\"expiresInDays\":3}", "expiresInDays",
                        "Give expiresAt or expiresInDays, not both"),
                new Case("{\"name\":\"x\",\"expiresInDays\":0}", "expiresInDays", "expiresInDays must be a whole number from 1 to 36500"),
                new Case("{\"name\":\"x\",\"expiresInDays\":36501}", "expiresInDays", "expiresInDays must be a whole number from 1 to 36500"),
                new Case("{\"name\":\"x\",\"expiresInDays\":\"30\"}", "expiresInDays", "expiresInDays must be a whole number from 1 to 36500"));
        for (Case bad : cases) {
            InMemoryApi.Reply reply = create(bad.body());
            assertEquals(400, reply.status(), bad.body() + " → " + reply.body());
            JsonObject error = reply.json().getJsonObject("error");
            assertEquals("invalid_request_error", error.getString("type"), bad.body());
            assertEquals(bad.message(), error.getString("message"), bad.body());
            assertEquals(bad.param(), error.containsKey("param") ? error.getString("param") : null, bad.body());
        }
        assertEquals(List.of(), list(), "no key was created by any bad request");
    }

    @Test
    void plainCurlDashDWithoutAJsonContentTypeWorksToo() throws Exception {
        InMemoryApi.Reply created = api.request("POST", KEYS).bearer(ADMIN_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded").body("{\"name\":\"ci\"}").send();
        assertEquals(201, created.status(), created.body());
        assertEquals("ci", created.json().getString("name"));
    }

    @Test
    void unknownKeysAre404InOpenAiShape() throws Exception {
        InMemoryApi.Reply unknown = revoke("4711");
        assertEquals(404, unknown.status());
        assertEquals("api_key_not_found", unknown.json().getJsonObject("error").getString("code"));
        assertEquals("There is no API key with id 4711", unknown.json().getJsonObject("error").getString("message"));

        InMemoryApi.Reply notAnId = revoke("abc");
        assertEquals(404, notAnId.status());
        assertTrue(notAnId.json().containsKey("error"), notAnId.body());
    }
}
