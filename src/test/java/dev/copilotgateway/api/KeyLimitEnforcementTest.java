package dev.copilotgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.security.KeyLimits;
import dev.copilotgateway.startup.Gateway;
import dev.copilotgateway.startup.GatewayApplication;
import dev.copilotgateway.startup.InMemoryApi;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits and allow-lists on the public API in memory (no upstream: admitted requests end in "no account"): the
 * refusal of each API in its own shape. The integration tests do the same against a real Tomcat and the fake Copilot.
 */
class KeyLimitEnforcementTest {

    @TempDir
    Path dataDir;

    private Gateway gateway;
    private InMemoryApi api;

    @BeforeEach
    void start() {
        gateway = Gateway.start(TestConfigs.withDataDir(dataDir, Map.of()), Clock.systemUTC());
        api = new InMemoryApi(new GatewayApplication(gateway));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private String key(KeyLimits limits, List<String> models) {
        return gateway.apiKeys().create("limited", null, null, null, limits, models).secret();
    }

    private InMemoryApi.Reply chat(String key, String model) throws Exception {
        return api.request("POST", "/v1/chat/completions").bearer(key)
                .json("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").send();
    }

    private InMemoryApi.Reply messages(String key, String model) throws Exception {
        return api.request("POST", "/v1/messages").header("x-api-key", key)
                .json("{\"model\":\"" + model + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").send();
    }

    private InMemoryApi.Reply gemini(String key, String model) throws Exception {
        return api.request("POST", "/v1beta/models/" + model + ":generateContent").header("x-goog-api-key", key)
                .json("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}").send();
    }

    @Test
    void theRequestAfterTheLimitIsA429WithRetryAfterInEachApisShape() throws Exception {
        String key = key(new KeyLimits(2, null, null), null);
        assertNotEquals(429, chat(key, "gpt-4.1").status(), "1st");
        assertNotEquals(429, messages(key, "claude-sonnet-4.5").status(), "2nd: all the APIs count together");

        InMemoryApi.Reply openAi = chat(key, "gpt-4.1");
        assertEquals(429, openAi.status(), openAi.body());
        int retryAfter = Integer.parseInt(openAi.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, openAi.header("Retry-After"));
        JsonObject error = openAi.json().getJsonObject("error");
        assertEquals("rate_limit_error", error.getString("type"));
        assertEquals("rate_limit_exceeded", error.getString("code"));
        assertTrue(error.getString("message").contains("2 requests per minute"), error.getString("message"));

        InMemoryApi.Reply anthropic = messages(key, "claude-sonnet-4.5");
        assertEquals(429, anthropic.status(), anthropic.body());
        assertTrue(anthropic.header("Retry-After") != null);
        assertEquals("error", anthropic.json().getString("type"));
        assertEquals("rate_limit_error", anthropic.json().getJsonObject("error").getString("type"));
        assertTrue(anthropic.json().getJsonObject("error").getString("message").contains("requests per minute"));

        InMemoryApi.Reply google = gemini(key, "gemini-2.5-pro");
        assertEquals(429, google.status(), google.body());
        assertTrue(google.header("Retry-After") != null);
        assertEquals(429, google.json().getJsonObject("error").getInt("code"));
        assertEquals("RESOURCE_EXHAUSTED", google.json().getJsonObject("error").getString("status"));

        assertNotEquals(429, chat(key(new KeyLimits(2, null, null), null), "gpt-4.1").status(), "another key has its own count");
        assertNotEquals(429, api.request("POST", "/v1/messages/count_tokens").header("x-api-key", key)
                .json("{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").send().status(),
                "count_tokens is local: not limited");
    }

    @Test
    void aModelOutsideTheAllowListIsA403InEachApisShapeAndHiddenFromTheModelLists() throws Exception {
        String key = key(KeyLimits.NONE, List.of("gpt-4.1", "claude-sonnet-4.5", "gemini-2.5-pro"));
        InMemoryApi.Reply openAi = chat(key, "gpt-5");
        assertEquals(403, openAi.status(), openAi.body());
        JsonObject error = openAi.json().getJsonObject("error");
        assertEquals("permission_error", error.getString("type"));
        assertEquals("model_not_allowed", error.getString("code"));
        assertEquals("model", error.getString("param"));
        assertTrue(error.getString("message").contains("'gpt-5'"), error.getString("message"));
        assertNull(openAi.header("Retry-After"));

        InMemoryApi.Reply responses = api.request("POST", "/v1/responses").bearer(key).json("{\"model\":\"GPT-4.1\",\"input\":\"hi\"}").send();
        assertEquals(403, responses.status(), "exactly the listed ids: " + responses.body());

        InMemoryApi.Reply anthropic = messages(key, "claude-opus-4");
        assertEquals(403, anthropic.status(), anthropic.body());
        assertEquals("permission_error", anthropic.json().getJsonObject("error").getString("type"));
        InMemoryApi.Reply count = api.request("POST", "/v1/messages/count_tokens").header("x-api-key", key)
                .json("{\"model\":\"claude-opus-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").send();
        assertEquals(403, count.status(), count.body());

        InMemoryApi.Reply google = gemini(key, "gemini-2.0-flash");
        assertEquals(403, google.status(), google.body());
        assertEquals("PERMISSION_DENIED", google.json().getJsonObject("error").getString("status"));

        assertNotEquals(403, chat(key, "gpt-4.1").status(), "a listed model goes on (to 'no account' here)");
        assertEquals(404, api.request("GET", "/v1/models/gpt-5").bearer(key).send().status(), "not shown to this key");
    }
}
