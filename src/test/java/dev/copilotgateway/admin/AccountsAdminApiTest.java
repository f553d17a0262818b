package dev.copilotgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.fakeupstream.DeviceFlowScript;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.Fault;
import dev.copilotgateway.github.CopilotUsage;
import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.pool.PoolSettings;
import dev.copilotgateway.pool.PoolStrategy;
import dev.copilotgateway.protocol.openai.OpenAiError;
import dev.copilotgateway.startup.Gateway;
import dev.copilotgateway.startup.GatewayApplication;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounts admin API in memory (Jersey's ApplicationHandler) on a real {@link Gateway} whose GitHub and Copilot
 * hosts are the fake upstream. Every answer is also checked, as JSON, for tokens.
 */
class AccountsAdminApiTest {

    private static final String ADMIN_KEY = "admin-key-for-the-accounts-tests-0123";
    private static final String ALICE_TOKEN = "ghu_aliceAdminApiToken0123456789";

    @TempDir
    Path dataDir;

    private final Jsonb jsonb = JsonbBuilder.create();
    private final List<String> answers = new ArrayList<>();
    private FakeCopilotUpstream upstream;
    private Gateway gateway;
    private ApplicationHandler handler;

    @BeforeEach
    void start() {
        upstream = new FakeCopilotUpstream().withHttp2().start(); // the gateway speaks h2c to it by default
        upstream.addGitHubUser(ALICE_TOKEN, 1001, "alice");
        gateway = Gateway.start(TestConfigs.withDataDir(dataDir, Map.of(
                "COPILOT_GATEWAY_GITHUB_URL", upstream.baseUrl(),
                "COPILOT_GATEWAY_GITHUB_API_URL", upstream.baseUrl(),
                "COPILOT_GATEWAY_COPILOT_API_URL", upstream.baseUrl(),
                "COPILOT_GATEWAY_ADMIN_API_KEY", ADMIN_KEY)), Clock.systemUTC());
        handler = new ApplicationHandler(new GatewayApplication(gateway));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        upstream.close();
        jsonb.close();
    }

    private ContainerResponse call(String method, String path, String json) throws Exception {
        return call(method, path, json, ADMIN_KEY);
    }

    private ContainerResponse call(String method, String path, String json, String adminKey) throws Exception {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost" + path),
                method, null, new MapPropertiesDelegate(), handler.getConfiguration());
        if (adminKey != null) {
            request.header("Authorization", "Bearer " + adminKey);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
            request.setEntityStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        }
        ContainerResponse response = handler.apply(request).get(15, TimeUnit.SECONDS);
        if (response.hasEntity()) {
            answers.add(jsonb.toJson(response.getEntity()));
        }
        return response;
    }

    private static String errorMessage(ContainerResponse response) {
        return assertInstanceOf(OpenAiError.class, response.getEntity()).error().message();
    }

    private static String errorCode(ContainerResponse response) {
        return assertInstanceOf(OpenAiError.class, response.getEntity()).error().code();
    }

    @SuppressWarnings("unchecked")
    private List<AccountView> list() throws Exception {
        ContainerResponse listed = call("GET", "/admin/api/accounts", null);
        assertEquals(200, listed.getStatus());
        return (List<AccountView>) listed.getEntity();
    }

    private AccountView awaitAccount(long id, Predicate<AccountView> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            AccountView view = (AccountView) call("GET", "/admin/api/accounts/" + id, null).getEntity();
            if (condition.test(view)) {
                return view;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("account " + id + " did not reach the expected state");
    }

    @Test
    void withoutTheAdminKeyNothingIsShown() throws Exception {
        assertEquals(401, call("GET", "/admin/api/accounts", null, null).getStatus());
        assertEquals(401, call("POST", "/admin/api/accounts", "{\"githubToken\":\"" + ALICE_TOKEN + "\"}", "wrong-key").getStatus());
        assertEquals(401, call("POST", "/admin/api/accounts/device-flow", null, null).getStatus());
        assertTrue(upstream.recorder().requests().isEmpty());
    }

    @Test
    void anAccountAddedByTokenBecomesActiveAndNoAnswerEverHoldsAToken() throws Exception {
        ContainerResponse added = call("POST", "/admin/api/accounts",
                "{\"githubToken\":\"" + ALICE_TOKEN + "\",\"accountType\":\"Business\",\"priority\":2}");

        assertEquals(201, added.getStatus());
        AccountView view = assertInstanceOf(AccountView.class, added.getEntity());
        assertEquals(URI.create("http://localhost/admin/api/accounts/" + view.id()), added.getLocation());
        assertEquals("alice", view.login());
        assertEquals(1001L, view.githubUserId());
        assertEquals("business", view.accountType());
        assertEquals(2, view.priority());
        assertEquals("admin_api", view.origin());
        assertTrue(view.enabled());

        AccountView active = awaitAccount(view.id(), account -> "active".equals(account.status()) && account.copilotTokenValidUntil() != null);
        assertNull(active.copilotTokenProblem());
        assertNull(active.enterpriseHost());
        assertNotNull(active.createdAt());
        assertEquals(List.of(view.id()), list().stream().map(AccountView::id).toList());

        String copilotToken = gateway.copilotTokens().credentials(view.id()).get(10, TimeUnit.SECONDS).token();
        assertFalse(answers.isEmpty());
        for (String answer : answers) {
            assertFalse(answer.contains(ALICE_TOKEN), "GitHub token in " + answer);
            assertFalse(answer.contains(copilotToken), "Copilot token in " + answer);
            assertFalse(answer.contains("ciphertext") || answer.contains("v1:"), "stored secret in " + answer);
        }
    }

    @Test
    void theSameUserAddedAgainGetsTheNewTokenNotASecondAccount() throws Exception {
        long id = ((AccountView) call("POST", "/admin/api/accounts", "{\"githubToken\":\"" + ALICE_TOKEN + "\"}").getEntity()).id();
        upstream.addGitHubUser("ghu_aliceSecondToken", 1001, "alice");

        ContainerResponse again = call("POST", "/admin/api/accounts", "{\"githubToken\":\"ghu_aliceSecondToken\"}");

        assertEquals(200, again.getStatus());
        assertEquals(id, ((AccountView) again.getEntity()).id());
        assertEquals(1, list().size());
    }

    @Test
    void badInputIs400InOpenAiShape() throws Exception {
        ContainerResponse noToken = call("POST", "/admin/api/accounts", "{\"accountType\":\"business\"}");
        assertEquals(400, noToken.getStatus());
        assertEquals("githubToken is required", errorMessage(noToken));

        ContainerResponse badType = call("POST", "/admin/api/accounts", "{\"githubToken\":\"" + ALICE_TOKEN + "\",\"accountType\":\"team\"}");
        assertEquals(400, badType.getStatus());
        assertEquals("Invalid account type: team. Valid values: individual, business, enterprise", errorMessage(badType));

        ContainerResponse badHost = call("POST", "/admin/api/accounts", "{\"githubToken\":\"" + ALICE_TOKEN + "\",\"enterpriseHost\":\"evil.com/x\"}");
        assertEquals(400, badHost.getStatus());
        assertEquals("enterpriseHost must be a host name such as company.ghe.com", errorMessage(badHost));

        ContainerResponse deadToken = call("POST", "/admin/api/accounts", "{\"githubToken\":\"ghu_revokedLongAgo\"}");
        assertEquals(400, deadToken.getStatus());
        assertEquals("invalid_github_token", errorCode(deadToken));
        assertFalse(errorMessage(deadToken).contains("ghu_revokedLongAgo"));

        for (String malformed : List.of("{not json", "{\"githubToken\":\"x\",\"priority\":\"high\"}", "[]")) {
            ContainerResponse rejected = call("POST", "/admin/api/accounts", malformed);
            assertEquals(400, rejected.getStatus(), malformed);
            assertInstanceOf(OpenAiError.class, rejected.getEntity());
        }
        assertEquals(400, call("POST", "/admin/api/accounts/device-flow", "{\"accountType\":\"personal\"}").getStatus());
        assertTrue(list().isEmpty());
    }

    @Test
    void gitHubTroubleIs502() throws Exception {
        upstream.inject(Fault.status(500, "{\"message\":\"Server Error\"}").onPath("/user"));

        ContainerResponse failed = call("POST", "/admin/api/accounts", "{\"githubToken\":\"" + ALICE_TOKEN + "\"}");

        assertEquals(502, failed.getStatus());
        assertEquals("github_unavailable", errorCode(failed));
        assertEquals("GitHub answered HTTP 500 to the user lookup", errorMessage(failed));
    }

    @Test
    void removingIs204ThenTheAccountIsGone() throws Exception {
        long id = ((AccountView) call("POST", "/admin/api/accounts", "{\"githubToken\":\"" + ALICE_TOKEN + "\"}").getEntity()).id();

        assertEquals(204, call("DELETE", "/admin/api/accounts/" + id, null).getStatus());

        assertEquals(404, call("DELETE", "/admin/api/accounts/" + id, null).getStatus());
        ContainerResponse gone = call("GET", "/admin/api/accounts/" + id, null);
        assertEquals(404, gone.getStatus());
        assertEquals("No account with id " + id, errorMessage(gone));
        assertTrue(list().isEmpty());
        assertEquals(404, call("GET", "/admin/api/accounts/not-a-number", null).getStatus());
    }

    @Test
    void aDeviceFlowLoginIsFollowedToItsAccount() throws Exception {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(ALICE_TOKEN).pending(1).granted());

        ContainerResponse started = call("POST", "/admin/api/accounts/device-flow", "{\"accountType\":\"enterprise\"}");

        assertEquals(201, started.getStatus());
        DeviceFlowResource.StartedView flow = assertInstanceOf(DeviceFlowResource.StartedView.class, started.getEntity());
        assertTrue(flow.userCode().matches("[A-Z]{4}-[A-Z]{4}"));
        assertEquals(upstream.baseUrl() + "/login/device", flow.verificationUri());
        assertEquals(0, flow.interval());
        assertNotNull(flow.expiresAt());
        assertEquals(URI.create("http://localhost/admin/api/accounts/device-flow/" + flow.id()), started.getLocation());

        DeviceFlowResource.StatusView status = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            status = (DeviceFlowResource.StatusView) call("GET", "/admin/api/accounts/device-flow/" + flow.id(), null).getEntity();
            if (!"pending".equals(status.status())) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals("granted", status.status());
        AccountView account = awaitAccount(status.accountId(), view -> "active".equals(view.status()));
        assertEquals("device_flow", account.origin());
        assertEquals("enterprise", account.accountType());
        answers.forEach(answer -> assertFalse(answer.contains(ALICE_TOKEN), answer));

        ContainerResponse unknown = call("GET", "/admin/api/accounts/device-flow/no-such-flow", null);
        assertEquals(404, unknown.getStatus());
        assertEquals("not_found", errorCode(unknown));
    }

    @Test
    void aDeviceFlowWithoutABodyStartsAnIndividualAccount() throws Exception {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(ALICE_TOKEN).denied());

        ContainerResponse started = call("POST", "/admin/api/accounts/device-flow", null);

        assertEquals(201, started.getStatus());
        String id = ((DeviceFlowResource.StartedView) started.getEntity()).id();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String status = "pending";
        while ("pending".equals(status) && System.nanoTime() < deadline) {
            status = ((DeviceFlowResource.StatusView) call("GET", "/admin/api/accounts/device-flow/" + id, null).getEntity()).status();
        }
        assertEquals("denied", status);
    }

    @Test
    void usageIsAskedOfGitHub() throws Exception {
        long id = ((AccountView) call("POST", "/admin/api/accounts", "{\"githubToken\":\"" + ALICE_TOKEN + "\"}").getEntity()).id();

        ContainerResponse usage = call("GET", "/admin/api/accounts/" + id + "/usage", null);

        assertEquals(200, usage.getStatus());
        CopilotUsage found = assertInstanceOf(CopilotUsage.class, usage.getEntity());
        assertEquals("individual", found.plan());
        assertEquals(300.0, found.quotas().get("premium_interactions").entitlement());
        assertEquals(404, call("GET", "/admin/api/accounts/" + (id + 1) + "/usage", null).getStatus());
        answers.forEach(answer -> assertFalse(answer.contains(ALICE_TOKEN), answer));
    }

    private static String errorParam(ContainerResponse response) {
        return assertInstanceOf(OpenAiError.class, response.getEntity()).error().param();
    }

    @Test
    void anAccountIsChangedAtRuntimeAndThePoolFollowsAtOnce() throws Exception {
        long id = ((AccountView) call("POST", "/admin/api/accounts", "{\"githubToken\":\"" + ALICE_TOKEN + "\"}").getEntity()).id();
        assertEquals(List.of(id), gateway.poolState().current().accounts().stream().map(account -> account.id()).toList());

        ContainerResponse changed = call("PATCH", "/admin/api/accounts/" + id,
                "{\"enabled\":false,\"priority\":5,\"weight\":40,\"name\":\"Alice's seat\"}");

        assertEquals(200, changed.getStatus());
        AccountView view = assertInstanceOf(AccountView.class, changed.getEntity());
        assertFalse(view.enabled());
        assertEquals(5, view.priority());
        assertEquals(40, view.weight());
        assertEquals("Alice's seat", view.name());
        assertEquals(0, view.inFlight());
        assertNull(view.cooldownUntil());
        assertEquals(0, view.requestsLastHour());
        assertTrue(gateway.poolState().current().accounts().isEmpty(), "a disabled account gets no traffic");
        assertTrue(gateway.copilotTokens().tokenStatus(id).isEmpty(), "and no token refresh");

        ContainerResponse enabled = call("PATCH", "/admin/api/accounts/" + id, "{\"enabled\":true,\"name\":\"\"}");
        assertEquals(200, enabled.getStatus());
        assertNull(((AccountView) enabled.getEntity()).name(), "an empty name removes the label");
        assertEquals(40, ((AccountView) enabled.getEntity()).weight(), "what the body leaves out stays");
        assertEquals(List.of(id), gateway.poolState().current().accounts().stream().map(account -> account.id()).toList());
        assertEquals(40, gateway.poolState().current().accounts().get(0).weight());
    }

    @Test
    void aPatchWithUnknownFieldsOrBadValuesIs400NamingTheField() throws Exception {
        long id = ((AccountView) call("POST", "/admin/api/accounts", "{\"githubToken\":\"" + ALICE_TOKEN + "\"}").getEntity()).id();
        Map<String, String> paramByBody = Map.of(
                "{\"weigth\":3}", "weigth",
                "{\"weight\":0}", "weight",
                "{\"weight\":101}", "weight",
                "{\"weight\":2.5}", "weight",
                "{\"enabled\":\"no\"}", "enabled",
                "{\"priority\":\"high\"}", "priority",
                "{\"name\":7}", "name");
        for (Map.Entry<String, String> bad : paramByBody.entrySet()) {
            ContainerResponse refused = call("PATCH", "/admin/api/accounts/" + id, bad.getKey());
            assertEquals(400, refused.getStatus(), bad.getKey());
            assertEquals(bad.getValue(), errorParam(refused), bad.getKey());
        }
        assertEquals(400, call("PATCH", "/admin/api/accounts/" + id, "{}").getStatus());
        assertEquals(400, call("PATCH", "/admin/api/accounts/" + id, "[true]").getStatus());
        assertEquals(404, call("PATCH", "/admin/api/accounts/" + (id + 1), "{\"enabled\":false}").getStatus());
        AccountView unchanged = (AccountView) call("GET", "/admin/api/accounts/" + id, null).getEntity();
        assertTrue(unchanged.enabled());
        assertEquals(1, unchanged.weight());
    }

    @Test
    void thePoolSettingsAreStoredAndAppliedAtOnce() throws Exception {
        ContainerResponse defaults = call("GET", "/admin/api/pool", null);
        assertEquals(200, defaults.getStatus());
        assertEquals("{\"strategy\":\"round-robin\",\"stickinessTtl\":\"1h\",\"maxAttempts\":3"
                + ",\"pacingInterval\":\"0s\",\"pacingMode\":\"wait\",\"pacingMaxWait\":\"30s\",\"pacingMaxQueue\":100,\"manualApproval\":false,\"approvalTimeout\":\"1m\"}", defaults.getEntity().toString());

        ContainerResponse changed = call("PUT", "/admin/api/pool", "{\"strategy\":\"least-in-flight\",\"stickinessTtl\":\"30m\",\"maxAttempts\":2}");

        assertEquals(200, changed.getStatus());
        assertEquals("{\"strategy\":\"least-in-flight\",\"stickinessTtl\":\"30m\",\"maxAttempts\":2"
                + ",\"pacingInterval\":\"0s\",\"pacingMode\":\"wait\",\"pacingMaxWait\":\"30s\",\"pacingMaxQueue\":100,\"manualApproval\":false,\"approvalTimeout\":\"1m\"}", changed.getEntity().toString());
        assertEquals(new PoolSettings(PoolStrategy.LEAST_IN_FLIGHT, Duration.ofMinutes(30), 2),
                gateway.poolState().current().settings());
        assertEquals(400, call("PATCH", "/admin/api/pool", "{\"pacingMode\":\"sometimes\"}").getStatus());
        assertEquals(changed.getEntity().toString(), call("GET", "/admin/api/pool", null).getEntity().toString());

        ContainerResponse partly = call("PATCH", "/admin/api/pool", "{\"stickinessTtl\":\"0s\"}");
        assertEquals("{\"strategy\":\"least-in-flight\",\"stickinessTtl\":\"0s\",\"maxAttempts\":2"
                + ",\"pacingInterval\":\"0s\",\"pacingMode\":\"wait\",\"pacingMaxWait\":\"30s\",\"pacingMaxQueue\":100,\"manualApproval\":false,\"approvalTimeout\":\"1m\"}", partly.getEntity().toString());
    }

    @Test
    void badPoolSettingsAre400NamingTheFieldAndChangeNothing() throws Exception {
        Map<String, String> paramByBody = Map.of(
                "{\"strategy\":\"random\"}", "strategy",
                "{\"stickinessTtl\":\"soon\"}", "stickinessTtl",
                "{\"stickinessTtl\":\"30d\"}", "stickinessTtl",
                "{\"stickinessTtl\":\"200h\"}", "stickinessTtl",
                "{\"maxAttempts\":0}", "maxAttempts",
                "{\"maxAttempts\":11}", "maxAttempts",
                "{\"strategy\":\"priority\",\"sticky\":true}", "sticky");
        for (Map.Entry<String, String> bad : paramByBody.entrySet()) {
            ContainerResponse refused = call("PUT", "/admin/api/pool", bad.getKey());
            assertEquals(400, refused.getStatus(), bad.getKey());
            assertEquals(bad.getValue(), errorParam(refused), bad.getKey());
        }
        assertEquals(PoolSettings.DEFAULT, gateway.poolState().current().settings());
        assertEquals(401, call("PUT", "/admin/api/pool", "{\"maxAttempts\":1}", null).getStatus());
    }

    @Test
    void anAccountDisabledAndEnabledOnAnotherNodeServesHereAgain() throws Exception {
        long id = ((AccountView) call("POST", "/admin/api/accounts", "{\"githubToken\":\"" + ALICE_TOKEN + "\"}").getEntity()).id();
        awaitAccount(id, account -> "active".equals(account.status()));
        // Another node changes the row; this node only sees it when it re-reads the pool (every shared-state-refresh).
        setEnabledInDatabase(id, false);
        gateway.poolState().refreshNow();
        ExecutionException refused = assertThrows(ExecutionException.class, () -> gateway.copilotTokens().credentials(id).get(10, TimeUnit.SECONDS));
        assertTrue(refused.getCause().getMessage().contains("disabled"), refused.getCause().getMessage());

        setEnabledInDatabase(id, true);
        gateway.poolState().refreshNow();
        assertEquals(id, gateway.copilotTokens().credentials(id).get(10, TimeUnit.SECONDS).accountId(), "its token is had again");
    }

    private void setEnabledInDatabase(long id, boolean enabled) {
        gateway.databaseConnector().require().runInTransaction(entityManager ->
                new AccountRepository(entityManager).findById(id).orElseThrow().setEnabled(enabled));
    }
}
