package dev.copilotgateway.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.Secret;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.fakeupstream.DeviceFlowScript;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.Fault;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.persistence.GatewayDataSource;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.security.SecretCipher;
import dev.copilotgateway.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every outcome of the device flow against the fake's scripted GitHub, with intervals of 0 and 1 s. */
class DeviceFlowServiceTest {

    private static final String TOKEN = "ghu_aliceDeviceFlowToken0123456";
    private static final String POLL_PATH = "/login/oauth/access_token";
    private static final DeviceFlowService.Timing FAST = new DeviceFlowService.Timing(Duration.ofMillis(400), Duration.ofMillis(150),
            Duration.ofHours(1), 3);

    @TempDir
    Path folder;

    private final SecretCipher cipher = new SecretCipher(new SecretKeySpec(new byte[32], "AES"));
    private final MutableClock clock = MutableClock.startingNow();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private FakeCopilotUpstream upstream;
    private DatabaseConnector connector;
    private GatewayConfig config;
    private GitHubClient github;
    private AccountService accounts;
    private DeviceFlowService flows;

    @BeforeEach
    void start() {
        upstream = new FakeCopilotUpstream().start();
        upstream.addGitHubUser(TOKEN, 1001, "alice");
        connector = new DatabaseConnector(() -> GatewayDataSource.embeddedH2(folder), database -> { });
        connector.connect();
        config = TestConfigs.fromEnvironment(Map.of(
                "COPILOT_GATEWAY_GITHUB_URL", upstream.baseUrl(), "COPILOT_GATEWAY_GITHUB_API_URL", upstream.baseUrl()));
        github = GitHubTestClients.create(EditorIdentity.from(config));
        accounts = new AccountService(config, github, connector, cipher, new AccountListener() {
            @Override
            public void credentialsChanged(long accountId) {
            }

            @Override
            public void removed(long accountId) {
            }
        }, scheduler, clock);
        flows = new DeviceFlowService(config, github, accounts, connector, scheduler, clock, FAST);
    }

    @AfterEach
    void stop() {
        flows.close();
        scheduler.shutdownNow();
        connector.close();
        upstream.close();
    }

    private DeviceFlowService.Started started(AccountOptions options) throws Exception {
        return flows.start(options).get(10, TimeUnit.SECONDS);
    }

    private DeviceFlowService.Status awaitEnd(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            DeviceFlowService.Status status = flows.status(id).orElseThrow();
            if (!(status instanceof DeviceFlowService.Status.Pending)) {
                return status;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the flow did not end within 15 s");
    }

    private List<RecordedRequest> polls() {
        return upstream.recorder().requests(POLL_PATH);
    }

    private static Duration gap(List<RecordedRequest> requests, int index) {
        return Duration.between(requests.get(index - 1).receivedAt(), requests.get(index).receivedAt());
    }

    @Test
    void aGrantedLoginIsStoredAsAnAccount() throws Exception {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).pending(2).granted());

        DeviceFlowService.Started started = started(AccountOptions.parse("business", null, 2));

        assertTrue(started.userCode().matches("[A-Z]{4}-[A-Z]{4}"));
        assertEquals(URI.create(upstream.baseUrl() + "/login/device"), started.verificationUri());
        assertEquals(clock.instant().plusSeconds(900), started.expiresAt());
        assertEquals(Duration.ZERO, started.interval());
        assertEquals(DeviceFlowService.Status.Pending.class, flows.status(started.id()).orElseThrow().getClass());
        long accountId = assertInstanceOf(DeviceFlowService.Status.Granted.class, awaitEnd(started.id())).accountId();

        GitHubAccount account = accounts.find(accountId).orElseThrow();
        assertEquals("alice", account.getLogin());
        assertEquals(1001L, account.getGithubUserId());
        assertEquals(GitHubAccount.Origin.DEVICE_FLOW, account.getOrigin());
        assertEquals(GitHubAccount.AccountType.BUSINESS, account.getAccountType());
        assertEquals(2, account.getPriority());
        assertEquals(TOKEN, cipher.decrypt(account.getGithubTokenCiphertext()));
        assertEquals(3, polls().size());
    }

    @Test
    void pollsWaitTheIntervalGitHubAsks() throws Exception {
        upstream.setDeviceFlowTiming(1, 900);
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).pending(1).granted());

        DeviceFlowService.Started started = started(AccountOptions.NONE);
        assertInstanceOf(DeviceFlowService.Status.Granted.class, awaitEnd(started.id()));

        List<RecordedRequest> polls = polls();
        RecordedRequest codeRequest = upstream.recorder().requests("/login/device/code").get(0);
        assertTrue(Duration.between(codeRequest.receivedAt(), polls.get(0).receivedAt()).toMillis() >= 990, "the first poll waits too");
        assertTrue(gap(polls, 1).toMillis() >= 990, "then " + gap(polls, 1));
    }

    @Test
    void slowDownTakesTheNewIntervalOrAddsTheStep() throws Exception {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).slowDown(1).granted());
        assertInstanceOf(DeviceFlowService.Status.Granted.class, awaitEnd(started(AccountOptions.NONE).id()));
        assertTrue(gap(polls(), 1).toMillis() >= 990, "the interval GitHub gave: " + gap(polls(), 1));

        upstream.recorder().clear();
        upstream.inject(Fault.status(200, "{\"error\":\"slow_down\"}").onPath(POLL_PATH));
        assertInstanceOf(DeviceFlowService.Status.Granted.class, awaitEnd(started(AccountOptions.NONE).id()));
        assertTrue(gap(polls(), 1).toMillis() >= 390, "interval 0 plus the step: " + gap(polls(), 1));
    }

    @Test
    void anExpiredCodeEndsTheFlow() throws Exception {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).pending(1).expired());

        assertEquals(new DeviceFlowService.Status.Expired(), awaitEnd(started(AccountOptions.NONE).id()));
        assertEquals(2, polls().size());
    }

    @Test
    void aCancelledLoginEndsTheFlow() throws Exception {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).denied());

        assertEquals(new DeviceFlowService.Status.Denied(), awaitEnd(started(AccountOptions.NONE).id()));
        assertTrue(accounts.list().isEmpty());
    }

    @Test
    void anotherOAuthErrorFailsTheFlowWithGitHubsWords() throws Exception {
        upstream.inject(Fault.status(200, "{\"error\":\"device_flow_disabled\",\"error_description\":\"Device flow is disabled.\"}").onPath(POLL_PATH));

        assertEquals(new DeviceFlowService.Status.Failed("device_flow_disabled (Device flow is disabled.)"),
                awaitEnd(started(AccountOptions.NONE).id()));
    }

    @Test
    void pollingStopsAtExpiresInEvenIfGitHubKeepsSayingPending() throws Exception {
        upstream.setDeviceFlowTiming(1, 900);
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).pending(1000));
        String id = started(AccountOptions.NONE).id();
        upstream.recorder().awaitRequest(POLL_PATH, 1, Duration.ofSeconds(5));

        clock.advance(Duration.ofSeconds(900));

        assertEquals(new DeviceFlowService.Status.Expired(), awaitEnd(id));
        int polled = polls().size();
        Thread.sleep(1300);
        assertEquals(polled, polls().size(), "no poll after the end");
    }

    @Test
    void pollsAnsweredWithHttpErrorsAreRetried() throws Exception {
        upstream.inject(Fault.status(502, "{\"message\":\"Bad Gateway\"}").onPath(POLL_PATH).times(2));
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).granted());

        assertInstanceOf(DeviceFlowService.Status.Granted.class, awaitEnd(started(AccountOptions.NONE).id()));

        List<RecordedRequest> polls = polls();
        assertEquals(3, polls.size());
        assertTrue(gap(polls, 1).toMillis() >= 140 && gap(polls, 2).toMillis() >= 140, "retries wait: " + gap(polls, 1) + ", " + gap(polls, 2));
    }

    @Test
    void aGrantedTokenGitHubThenRejectsFailsTheFlow() throws Exception {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser("ghu_unknownToGitHub").granted());

        DeviceFlowService.Status status = awaitEnd(started(AccountOptions.NONE).id());

        assertEquals(new DeviceFlowService.Status.Failed("GitHub granted a token, but GitHub rejected the token (HTTP 401: Bad credentials) in the user lookup"),
                status);
        assertTrue(accounts.list().isEmpty());
    }

    @Test
    void aNewLoginOfAKnownUserGivesItsAccountTheNewToken() throws Exception {
        long existing = accounts.register(GitHubAccount.Origin.ADMIN_API, new Secret("ghu_aliceOld"), new GitHubUser(1001, "alice", null),
                AccountOptions.NONE).account().getId();
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).granted());

        DeviceFlowService.Status status = awaitEnd(started(AccountOptions.NONE).id());

        assertEquals(new DeviceFlowService.Status.Granted(existing), status);
        assertEquals(1, accounts.list().size());
        assertEquals(TOKEN, cipher.decrypt(accounts.find(existing).orElseThrow().getGithubTokenCiphertext()));
    }

    @Test
    void endedFlowsAreForgottenAfterAWhile() throws Exception {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).denied());
        String id = started(AccountOptions.NONE).id();
        awaitEnd(id);

        clock.advance(Duration.ofMinutes(59));
        assertTrue(flows.status(id).isPresent());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.empty(), flows.status(id));
        assertEquals(Optional.empty(), flows.status("never-started"));
    }

    @Test
    void closingStopsThePolls() throws Exception {
        upstream.setDeviceFlowTiming(1, 900);
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).pending(1000));
        started(AccountOptions.NONE);
        upstream.recorder().awaitRequest(POLL_PATH, 1, Duration.ofSeconds(5));

        flows.close();
        int polled = polls().size();
        Thread.sleep(1300);

        assertEquals(polled, polls().size());
    }

    @Test
    void withoutADatabaseNoFlowStarts() {
        try (DatabaseConnector down = new DatabaseConnector(() -> {
            throw new IllegalStateException("Connection refused");
        }, database -> { })) {
            down.connect();
            DeviceFlowService unavailable = new DeviceFlowService(config, github, accounts, down, scheduler, clock, FAST);

            assertThrows(DatabaseUnavailableException.class, () -> unavailable.start(AccountOptions.NONE));
            assertTrue(upstream.recorder().requests().isEmpty());
        }
    }
}
