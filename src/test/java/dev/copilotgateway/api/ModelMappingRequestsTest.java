package dev.copilotgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.startup.Gateway;
import dev.copilotgateway.startup.GatewayApplication;
import dev.copilotgateway.startup.InMemoryApi;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model mappings on every ingress, in memory on a real {@link Gateway} against the fake Copilot upstream: the request
 * reaches Copilot for the mapping's {@code to}, the whole answer names the client's {@code from}, and the model lists
 * show exposed mappings only. (Streams need a servlet container: see ModelMappingsIT and ModelRenamingRelayTest.)
 */
class ModelMappingRequestsTest {

    private static final String ADMIN_KEY = "admin-key-for-the-mapping-requests-01";
    private static final String CLIENT_KEY = "client-key-for-the-mapping-requests-01";
    private static final String GITHUB_TOKEN = "ghu_mappingRequestsToken0123456789";

    /** Stands in for the servlet request the public resources take: the whole answers tested here never use it. */
    private static final HttpServletRequest NO_SERVLET_REQUEST = (HttpServletRequest) Proxy.newProxyInstance(
            ModelMappingRequestsTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, method, arguments) -> {
                if (method.getName().equals("hashCode")) {
                    return System.identityHashCode(proxy);
                }
                if (method.getName().equals("equals")) {
                    return proxy == arguments[0];
                }
                if (method.getName().equals("toString")) {
                    return "no servlet request (in memory)";
                }
                throw new UnsupportedOperationException("no servlet container in memory: " + method.getName());
            });

    @TempDir
    Path dataDir;

    private FakeCopilotUpstream upstream;
    private Gateway gateway;
    private InMemoryApi api;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeCopilotUpstream().withHttp2().start(); // the gateway speaks h2c to it by default
        upstream.addGitHubUser(GITHUB_TOKEN, 2001, "mapper");
        gateway = Gateway.start(TestConfigs.withDataDir(dataDir, Map.of(
                "COPILOT_GATEWAY_GITHUB_URL", upstream.baseUrl(),
                "COPILOT_GATEWAY_GITHUB_API_URL", upstream.baseUrl(),
                "COPILOT_GATEWAY_COPILOT_API_URL", upstream.baseUrl(),
                "COPILOT_GATEWAY_GITHUB_TOKEN", GITHUB_TOKEN,
                "COPILOT_GATEWAY_API_KEYS", CLIENT_KEY,
                "COPILOT_GATEWAY_ADMIN_API_KEY", ADMIN_KEY,
                "COPILOT_GATEWAY_MODEL_ALIASES", "team-fast=claude-haiku-4.5")), Clock.systemUTC());
        api = new InMemoryApi(new GatewayApplication(gateway).register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(NO_SERVLET_REQUEST).to(HttpServletRequest.class); // only streams use it; there is no container here
            }
        }));
        map("team-fast", "gpt-4.1", true);
        map("team-embed", "text-embedding-3-small", true);
        map("team-codex", "gpt-5.2-codex", true);
        map("house-claude", "claude-sonnet-4.6", true);
        map("hidden-fast", "gpt-4.1", false);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private void map(String from, String to, boolean exposed) throws Exception {
        InMemoryApi.Reply created = api.request("POST", "/admin/api/model-mappings").bearer(ADMIN_KEY)
                .json("{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"exposed\":" + exposed + "}").send();
        assertEquals(201, created.status(), created.body());
    }

    private InMemoryApi.Reply post(String path, String json) throws Exception {
        InMemoryApi.Reply reply = api.request("POST", path).bearer(CLIENT_KEY).json(json).send();
        assertEquals(200, reply.status(), path + " " + reply.body());
        return reply;
    }

    private InMemoryApi.Reply get(String path) throws Exception {
        return api.request("GET", path).bearer(CLIENT_KEY).send();
    }

    private String sentModel(String path) {
        List<RecordedRequest> requests = upstream.recorder().requests(path);
        assertEquals(1, requests.size(), "requests to " + path + ": " + upstream.recorder().requests());
        return requests.get(0).json().getString("model");
    }

    @Test
    void openAiChatGoesToTheTargetAndAnswersWithTheClientsName() throws Exception {
        JsonObject answer = post("/v1/chat/completions", "{\"model\":\"team-fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"vendor_extra\":{\"kept\":true}}").json();
        assertEquals("team-fast", answer.getString("model"));
        assertEquals("Echo: hi", answer.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertEquals("gpt-4.1", sentModel("/chat/completions"));
        assertTrue(upstream.recorder().requests("/chat/completions").get(0).json().getJsonObject("vendor_extra").getBoolean("kept"),
                "the rest of the body passes as sent");
    }

    @Test
    void unmappedRequestsPassAsBefore() throws Exception {
        JsonObject answer = post("/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").json();
        assertEquals("gpt-4.1", sentModel("/chat/completions"));
        assertEquals(upstream.recorder().requests("/chat/completions").get(0).json().getString("model"), answer.getString("model"));
    }

    @Test
    void embeddingsAndResponsesToo() throws Exception {
        assertEquals("team-embed", post("/v1/embeddings", "{\"model\":\"team-embed\",\"input\":\"hello\"}").json().getString("model"));
        assertEquals("text-embedding-3-small", sentModel("/embeddings"));

        assertEquals("team-codex", post("/v1/responses", "{\"model\":\"team-codex\",\"input\":\"hello\"}").json().getString("model"));
        assertEquals("gpt-5.2-codex", sentModel("/responses"));

        upstream.recorder().clear();
        assertEquals("team-fast", post("/v1/responses", "{\"model\":\"team-fast\",\"input\":\"hello\"}").json().getString("model"),
                "translated to /chat/completions and back");
        assertEquals("gpt-4.1", sentModel("/chat/completions"));
    }

    @Test
    void anthropicMessagesOnTheNativeAndTranslatedRoutes() throws Exception {
        String ask = ",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertEquals("house-claude", post("/v1/messages", "{\"model\":\"house-claude\"" + ask).json().getString("model"));
        assertEquals("claude-sonnet-4.6", sentModel("/v1/messages"));

        assertEquals("team-codex", post("/v1/messages", "{\"model\":\"team-codex\"" + ask).json().getString("model"));
        assertEquals("gpt-5.2-codex", sentModel("/responses"));

        InMemoryApi.Reply counted = post("/v1/messages/count_tokens", "{\"model\":\"house-claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertTrue(counted.json().getInt("input_tokens") > 0, counted.body());
    }

    @Test
    void geminiGenerateContentAndCountTokens() throws Exception {
        JsonObject answer = post("/v1beta/models/team-fast:generateContent", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}").json();
        assertEquals("team-fast", answer.getString("modelVersion"));
        assertEquals("gpt-4.1", sentModel("/chat/completions"), "the mapping, not the model-aliases entry of the same name");
        assertTrue(post("/v1beta/models/house-claude:countTokens", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}")
                .json().getInt("totalTokens") > 0);
    }

    @Test
    void theModelListsShowExposedMappingsWithTheTargetsCapabilities() throws Exception {
        InMemoryApi.Reply openAi = get("/v1/models");
        assertEquals(200, openAi.status(), openAi.body());
        List<JsonObject> listed = openAi.json().getJsonArray("data").getValuesAs(JsonObject.class);
        List<String> ids = listed.stream().map(model -> model.getString("id")).toList();
        assertTrue(ids.containsAll(List.of("gpt-4.1", "team-fast", "team-codex", "house-claude", "team-embed")), ids.toString());
        assertFalse(ids.contains("hidden-fast"), "not exposed");
        JsonObject teamFast = listed.stream().filter(model -> model.getString("id").equals("team-fast")).findFirst().orElseThrow();
        assertEquals(128000, teamFast.getInt("context_window"), "gpt-4.1's");

        InMemoryApi.Reply one = get("/v1/models/team-fast");
        assertEquals(200, one.status(), one.body());
        assertEquals("team-fast", one.json().getString("id"));
        assertEquals(404, get("/v1/models/hidden-fast").status(), "a hidden mapping is not shown by id either");

        List<String> gemini = get("/v1beta/models").json().getJsonArray("models").getValuesAs(JsonObject.class).stream()
                .map(model -> model.getString("name")).toList();
        assertTrue(gemini.containsAll(List.of("models/team-fast", "models/house-claude")), gemini.toString());
        assertFalse(gemini.contains("models/hidden-fast"));
        assertEquals("models/team-fast", get("/v1beta/models/team-fast").json().getString("name"));
    }

    @Test
    void aMappingToAModelNoAccountHasIsA404NamingBoth() throws Exception {
        map("future", "gpt-9", true);
        InMemoryApi.Reply openAi = api.request("POST", "/v1/chat/completions").bearer(CLIENT_KEY)
                .json("{\"model\":\"future\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").send();
        assertEquals(404, openAi.status(), openAi.body());
        assertTrue(openAi.json().getJsonObject("error").getString("message").startsWith("The model 'future' (mapped to 'gpt-9') does not exist"),
                openAi.body());
        InMemoryApi.Reply anthropic = api.request("POST", "/v1/messages").bearer(CLIENT_KEY)
                .json("{\"model\":\"future\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").send();
        assertEquals(404, anthropic.status(), anthropic.body());
        assertTrue(anthropic.body().contains("The model 'future' is not available") && anthropic.body().contains("looked for 'gpt-9'"), anthropic.body());
    }
}
