package dev.copilotgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.api.CallerEchoResource;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.startup.Gateway;
import dev.copilotgateway.startup.GatewayApplication;
import dev.copilotgateway.startup.InMemoryApi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code limits} and {@code models} of {@code /admin/api/keys}: create, show, change, and the 400s naming the field. */
class ApiKeyLimitsResourceTest {

    private static final String ADMIN_KEY = "admin-key-for-the-tests-0123456789";
    private static final String KEYS = "/admin/api/keys";

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

    private InMemoryApi.Reply send(String method, String path, String json) throws Exception {
        InMemoryApi.Request request = api.request(method, path).bearer(ADMIN_KEY);
        return (json == null ? request : request.json(json)).send();
    }

    @Test
    void aKeyIsCreatedWithLimitsAndModelsShownInEveryViewAndChangedByPatch() throws Exception {
        InMemoryApi.Reply created = send("POST", KEYS, "{\"name\":\"team\",\"limits\":{\"requestsPerMinute\":60,"
                + "\"tokensPerDay\":2000000000000,\"concurrentRequests\":null},\"models\":[\"gpt-4.1\",\"claude-sonnet-4.5\"]}");
        assertEquals(400, created.status(), "2e12 tokens is over the most: " + created.body());
        assertEquals("limits.tokensPerDay", created.json().getJsonObject("error").getString("param"));

        created = send("POST", KEYS, "{\"name\":\"team\",\"limits\":{\"requestsPerMinute\":60,\"tokensPerDay\":5000000000,"
                + "\"concurrentRequests\":null},\"models\":[\"gpt-4.1\",\"claude-sonnet-4.5\"]}");
        assertEquals(201, created.status(), created.body());
        JsonObject key = created.json();
        assertEquals(Json.createObjectBuilder().add("requestsPerMinute", 60).add("tokensPerDay", 5_000_000_000L)
                .addNull("concurrentRequests").build(), key.getJsonObject("limits"));
        assertEquals(Json.createArrayBuilder().add("claude-sonnet-4.5").add("gpt-4.1").build(), key.getJsonArray("models"));
        long id = key.getJsonNumber("id").longValue();
        JsonObject listed = send("GET", KEYS, null).json().getJsonArray("data").getJsonObject(0);
        assertEquals(key.getJsonObject("limits"), listed.getJsonObject("limits"));
        assertEquals(key.getJsonArray("models"), listed.getJsonArray("models"));
        assertEquals(listed, send("GET", KEYS + "/" + id, null).json(), "GET /{id} shows what the list shows");

        JsonObject echoed = api.request("GET", "/test/caller").bearer(key.getString("key")).send().json();
        assertEquals(60, echoed.getJsonObject("limits").getInt("requestsPerMinute"), "the caller carries the limits");

        InMemoryApi.Reply patched = send("PATCH", KEYS + "/" + id, "{\"limits\":{\"concurrentRequests\":2,\"tokensPerDay\":null}}");
        assertEquals(200, patched.status(), patched.body());
        assertEquals(Json.createObjectBuilder().add("requestsPerMinute", 60).addNull("tokensPerDay").add("concurrentRequests", 2).build(),
                patched.json().getJsonObject("limits"), "given fields change, null clears, absent ones stay");
        assertEquals(key.getJsonArray("models"), patched.json().getJsonArray("models"), "models untouched");
        echoed = api.request("GET", "/test/caller").bearer(key.getString("key")).send().json();
        assertEquals(2, echoed.getJsonObject("limits").getInt("concurrentRequests"), "applies at once on this node");

        patched = send("PATCH", KEYS + "/" + id, "{\"models\":null,\"name\":\"renamed\",\"owner\":\"bob\"}");
        assertEquals(200, patched.status(), patched.body());
        assertEquals(JsonValue.NULL, patched.json().get("models"), "every model");
        assertEquals("renamed", patched.json().getString("name"));
        assertEquals("bob", patched.json().getString("owner"));

        patched = send("PATCH", KEYS + "/" + id, "{\"limits\":null}");
        assertEquals(Json.createObjectBuilder().addNull("requestsPerMinute").addNull("tokensPerDay").addNull("concurrentRequests").build(),
                patched.json().getJsonObject("limits"), "limits: null clears them all");

        assertEquals(404, send("PATCH", KEYS + "/4711", "{\"name\":\"x\"}").status());
        assertEquals(404, send("GET", KEYS + "/4711", null).status());
        assertEquals(401, api.request("PATCH", KEYS + "/" + id).json("{\"name\":\"x\"}").send().status(), "admin key needed");
    }

    @Test
    void badLimitsAndModelsAre400sNamingTheFieldAndChangeNothing() throws Exception {
        long id = send("POST", KEYS, "{\"name\":\"team\",\"limits\":{\"requestsPerMinute\":5}}").json().getJsonNumber("id").longValue();
        record Case(String method, String body, String param) {
        }
        List<Case> cases = List.of(
                new Case("POST", "{\"name\":\"x\",\"limits\":{\"requestsPerMinute\":0}}", "limits.requestsPerMinute"),
                new Case("POST", "{\"name\":\"x\",\"limits\":{\"requestsPerMinute\":1.5}}", "limits.requestsPerMinute"),
                new Case("POST", "{\"name\":\"x\",\"limits\":{\"requestsPerMinute\":\"60\"}}", "limits.requestsPerMinute"),
                new Case("POST", "{\"name\":\"x\",\"limits\":{\"tokensPerDay\":-1}}", "limits.tokensPerDay"),
                new Case("POST", "{\"name\":\"x\",\"limits\":{\"concurrentRequests\":99999999999}}", "limits.concurrentRequests"),
                new Case("POST", "{\"name\":\"x\",\"limits\":{\"rpm\":5}}", "limits.rpm"),
                new Case("POST", "{\"name\":\"x\",\"limits\":5}", "limits"),
                new Case("POST", "{\"name\":\"x\",\"models\":[]}", "models"),
                new Case("POST", "{\"name\":\"x\",\"models\":\"gpt-4.1\"}", "models"),
                new Case("POST", "{\"name\":\"x\",\"models\":[\"gpt-4.1\",7]}", "models"),
                new Case("POST", "{\"name\":\"x\",\"models\":[\"\"]}", "models"),
                new Case("PATCH", "{\"limits\":{\"requestsPerMinute\":0}}", "limits.requestsPerMinute"),
                new Case("PATCH", "{\"limits\":{\"tokensPerMinute\":5}}", "limits.tokensPerMinute"),
                new Case("PATCH", "{\"models\":[]}", "models"),
                new Case("PATCH", "{\"name\":null}", "name"),
                new Case("PATCH", "{\"name\":\"  \"}", "name"),
                new Case("PATCH", "{\"accountId\":3}", "accountId"),
                new Case("PATCH", "{}", null));
        for (Case bad : cases) {
            InMemoryApi.Reply reply = send(bad.method(), bad.method().equals("POST") ? KEYS : KEYS + "/" + id, bad.body());
            assertEquals(400, reply.status(), bad.body() + " → " + reply.body());
            JsonObject error = reply.json().getJsonObject("error");
            assertEquals("invalid_request_error", error.getString("type"), bad.body());
            assertEquals(bad.param(), error.containsKey("param") ? error.getString("param") : null, bad.body() + " → " + reply.body());
            assertTrue(bad.param() == null || error.getString("message").contains(bad.param()), error.getString("message"));
        }
        JsonObject unchanged = send("GET", KEYS + "/" + id, null).json();
        assertEquals(5, unchanged.getJsonObject("limits").getInt("requestsPerMinute"));
        assertEquals(1, send("GET", KEYS, null).json().getJsonArray("data").size(), "nothing created");
    }
}
