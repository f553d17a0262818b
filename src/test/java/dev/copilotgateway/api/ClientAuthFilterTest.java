package dev.copilotgateway.api;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.ApiKeyRepository;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.security.ApiKeyService;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.security.Hashes;
import dev.copilotgateway.startup.Gateway;
import dev.copilotgateway.startup.GatewayApplication;
import dev.copilotgateway.startup.InMemoryApi;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public API's key check, in memory on a real {@link Gateway}, through a test resource that echoes the caller. */
class ClientAuthFilterTest {

    private static final String ECHO = "/test/caller";
    private static final String BOOTSTRAP_KEY = "bootstrap-client-key-0123456789";

    @TempDir
    Path dataDir;

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger gatewayLogger = Logger.getLogger("dev.copilotgateway");

    private Gateway gateway;
    private InMemoryApi api;

    @BeforeEach
    void captureLogs() {
        gatewayLogger.addHandler(logCapture);
    }

    @AfterEach
    void stop() {
        gatewayLogger.removeHandler(logCapture);
        if (gateway != null) {
            gateway.close();
        }
    }

    private void start(Map<String, String> environment) {
        gateway = Gateway.start(TestConfigs.withDataDir(dataDir, environment), Clock.systemUTC());
        api = new InMemoryApi(new GatewayApplication(gateway).register(CallerEchoResource.class));
    }

    private Database database() {
        return gateway.databaseConnector().database().orElseThrow();
    }

    private static void assertUnauthorized(InMemoryApi.Reply reply, String message) {
        assertEquals(401, reply.status(), reply.body());
        assertEquals("Bearer realm=\"copilot-gateway\"", reply.header("WWW-Authenticate"));
        JsonObject error = reply.json().getJsonObject("error");
        assertEquals(message, error.getString("message"));
        assertEquals("authentication_error", error.getString("type"));
        assertEquals("invalid_api_key", error.getString("code"));
    }

    @Test
    void everyWayOfSendingTheKeyAuthenticatesTheCaller() throws Exception {
        start(Map.of());
        long account = database().inTransaction(em -> new AccountRepository(em).add(new GitHubAccount(GitHubAccount.Origin.DEVICE_FLOW,
                "v1:not-a-real-ciphertext", Hashes.sha256Hex("ghu_token"), Instant.now())).getId());
        ApiKeyService.CreatedKey key = gateway.apiKeys().create("laptop", "alice", account, null);
        String secret = key.secret();

        List<InMemoryApi.Request> ways = List.of(
                api.request("GET", ECHO).bearer(secret),
                api.request("GET", ECHO).header("Authorization", "bearer  " + secret + " "),
                api.request("GET", ECHO).header("x-api-key", secret),
                api.request("GET", ECHO).header("x-goog-api-key", secret),
                api.request("GET", ECHO + "?key=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)),
                api.request("GET", ECHO).header("Authorization", "Basic dXNlcjpwYXNz").header("x-api-key", secret));
        for (InMemoryApi.Request way : ways) {
            InMemoryApi.Reply reply = way.send();
            assertEquals(200, reply.status(), reply.body());
            JsonObject caller = reply.json();
            assertEquals(key.view().id(), caller.getJsonNumber("apiKeyId").longValue());
            assertEquals(key.view().prefix(), caller.getString("keyPrefix"));
            assertEquals("alice", caller.getString("owner"));
            assertEquals(account, caller.getJsonNumber("boundAccountId").longValue(), "the bound account reaches the resource");
        }
    }

    @Test
    void freshGatewayRefusesRequestsAndSaysHowToCreateAKey() throws Exception {
        start(Map.of());
        String howTo = ClientAuthFilter.NO_KEY_YET;
        assertTrue(howTo.contains("POST /admin/api/keys") && howTo.contains("api-keys setting"), howTo);

        assertUnauthorized(api.get(ECHO), ClientAuthFilter.MISSING_KEY + " " + howTo);
        assertUnauthorized(api.request("GET", ECHO).bearer("cgw_guessed").send(), ClientAuthFilter.INVALID_KEY + " " + howTo);
        assertEquals(200, api.get("/healthz").status(), "only the public API needs a key");
    }

    @Test
    void onceAKeyExistsTheRefusalNoLongerExplainsHowToCreateOne() throws Exception {
        start(Map.of("COPILOT_GATEWAY_API_KEYS", BOOTSTRAP_KEY));
        assertEquals(200, api.request("GET", ECHO).bearer(BOOTSTRAP_KEY).send().status(), "a key from the api-keys setting works");
        assertUnauthorized(api.get(ECHO), ClientAuthFilter.MISSING_KEY);
        assertUnauthorized(api.request("GET", ECHO).header("x-api-key", BOOTSTRAP_KEY + "x").send(), ClientAuthFilter.INVALID_KEY);
        assertUnauthorized(api.request("GET", ECHO).bearer("").header("x-api-key", " ").send(), ClientAuthFilter.MISSING_KEY);
    }

    @Test
    void allowAnonymousLetsKeylessRequestsInButStillRefusesWrongKeys() throws Exception {
        start(Map.of("COPILOT_GATEWAY_ALLOW_ANONYMOUS", "true"));
        InMemoryApi.Reply anonymous = api.get(ECHO);
        assertEquals(200, anonymous.status(), anonymous.body());
        assertEquals(java.util.Set.of("limits"), anonymous.json().keySet(), "Caller.anonymous(): no key, no owner, no account, every model");
        assertEquals(0, anonymous.json().getJsonObject("limits").size(), "and no limits");

        assertUnauthorized(api.request("GET", ECHO).bearer("cgw_wrong").send(), ClientAuthFilter.INVALID_KEY + " " + ClientAuthFilter.NO_KEY_YET);

        ApiKeyService.CreatedKey key = gateway.apiKeys().create("ci", null, null, null);
        InMemoryApi.Reply keyed = api.request("GET", ECHO).bearer(key.secret()).send();
        assertEquals(key.view().id(), keyed.json().getJsonNumber("apiKeyId").longValue(), "a key still identifies its caller");
    }

    @Test
    void revokedAndExpiredKeysAreRefused() throws Exception {
        start(Map.of());
        ApiKeyService.CreatedKey revoked = gateway.apiKeys().create("revoked", null, null, null);
        ApiKeyService.CreatedKey expired = gateway.apiKeys().create("expired", null, null, Instant.now().plusSeconds(3600));
        ApiKeyService.CreatedKey active = gateway.apiKeys().create("active", null, null, null);
        assertEquals(200, api.request("GET", ECHO).bearer(revoked.secret()).send().status());

        gateway.apiKeys().revoke(revoked.view().id());
        database().runInTransaction(em -> new ApiKeyRepository(em).find(expired.view().id()).orElseThrow()
                .setExpiresAt(Instant.now().minusSeconds(1)));

        assertUnauthorized(api.request("GET", ECHO).bearer(revoked.secret()).send(), ClientAuthFilter.INVALID_KEY);
        assertUnauthorized(api.request("GET", ECHO).bearer(expired.secret()).send(), ClientAuthFilter.INVALID_KEY);
        assertEquals(200, api.request("GET", ECHO).bearer(active.secret()).send().status());
    }

    @Test
    void refusalsAreLoggedByPrefixNeverWithTheKey() throws Exception {
        start(Map.of("COPILOT_GATEWAY_API_KEYS", BOOTSTRAP_KEY));
        String wrong = "cgw_wrongKeyThatMustNotBeLogged0123456789abc";
        api.get(ECHO + "?key=" + wrong);
        api.request("GET", ECHO).header("x-api-key", "evil\u0001key-with-controls-0123456789").send();
        api.get(ECHO);

        assertTrue(logLines.contains("Refused GET /test/caller: API key cgw_wron… is unknown, revoked or expired"), logLines.toString());
        assertTrue(logLines.contains("Refused GET /test/caller: API key evil?key… is unknown, revoked or expired"), logLines.toString());
        assertTrue(logLines.contains("Refused GET /test/caller: no API key"), logLines.toString());
        assertTrue(logLines.stream().noneMatch(line -> line.contains(wrong) || line.contains(BOOTSTRAP_KEY)), logLines.toString());
    }

    @Test
    void withoutADatabaseKeysCannotBeCheckedSoTheAnswerIs503() throws Exception {
        ApiKeyService noDatabase = new ApiKeyService(Optional::empty, Clock.systemUTC(), Runnable::run);
        InMemoryApi down = new InMemoryApi(new ResourceConfig()
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(noDatabase).to(ApiKeyService.class);
                        bind(TestConfigs.fromEnvironment(Map.of())).to(GatewayConfig.class);
                        bind(Clock.systemUTC()).to(Clock.class);
                    }
                })
                .register(ClientAuthFilter.class)
                .register(CallerEchoResource.class));

        for (InMemoryApi.Reply reply : List.of(down.request("GET", ECHO).bearer("cgw_someKey").send(), down.get(ECHO))) {
            assertEquals(503, reply.status(), reply.body());
            JsonObject error = reply.json().getJsonObject("error");
            assertEquals("service_unavailable", error.getString("code"));
            assertTrue(error.getString("message").contains("/readyz"));
            assertNull(reply.header("WWW-Authenticate"));
        }
    }
}
