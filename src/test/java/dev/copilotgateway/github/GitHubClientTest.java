package dev.copilotgateway.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.Secret;
import dev.copilotgateway.fakeupstream.DeviceFlowScript;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.Fault;
import dev.copilotgateway.fakeupstream.FakePremiumQuota;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import jakarta.ws.rs.client.Client;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GitHub client against the fake upstream: every answer of UPSTREAM.md §2, §3 and §12, and the headers sent. */
class GitHubClientTest {

    private static final String TOKEN = "ghu_aliceClientTestToken0123";

    private FakeCopilotUpstream upstream;
    private GitHubHosts hosts;
    private final GitHubClient client = GitHubTestClients.create(new EditorIdentity("1.104.3", "0.38.0", "2025-05-01"));

    @BeforeEach
    void start() {
        upstream = new FakeCopilotUpstream().start();
        upstream.addGitHubUser(TOKEN, 4242, "alice");
        hosts = new GitHubHosts(URI.create(upstream.baseUrl()), URI.create(upstream.baseUrl()));
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    static GitHubException failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            return assertInstanceOf(GitHubException.class, failed.getCause());
        }
        throw new AssertionError("expected the call to fail");
    }

    @Test
    void deviceCodeRequestSendsTheVsCodeClientIdAndReadsTheCode() throws Exception {
        upstream.setDeviceFlowTiming(7, 600);

        DeviceCode code = await(client.requestDeviceCode(hosts));

        assertTrue(code.userCode().matches("[A-Z]{4}-[A-Z]{4}"));
        assertEquals(URI.create(upstream.baseUrl() + "/login/device"), code.verificationUri());
        assertEquals(Duration.ofSeconds(600), code.expiresIn());
        assertEquals(Duration.ofSeconds(7), code.interval());
        assertFalse(code.toString().contains(code.deviceCode().reveal()), "the device code is a secret");
        RecordedRequest sent = upstream.recorder().requests("/login/device/code").get(0);
        assertEquals(GitHubClient.CLIENT_ID, sent.json().getString("client_id"));
        assertEquals("read:user", sent.json().getString("scope"));
        assertEquals("application/json", sent.header("accept"));
        assertEquals("GitHubCopilotChat/0.38.0", sent.header("user-agent"));
    }

    @Test
    void pollsMapPendingSlowDownAndGranted() throws Exception {
        upstream.setDeviceFlowTiming(3, 600);
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).pending(1).slowDown(4).slowDown().granted());
        Secret deviceCode = await(client.requestDeviceCode(hosts)).deviceCode();

        assertEquals(new AccessTokenPoll.Pending(), await(client.pollAccessToken(hosts, deviceCode)));
        assertEquals(new AccessTokenPoll.SlowDown(Optional.of(Duration.ofSeconds(4))), await(client.pollAccessToken(hosts, deviceCode)));
        assertEquals(new AccessTokenPoll.SlowDown(Optional.of(Duration.ofSeconds(9))), await(client.pollAccessToken(hosts, deviceCode)));
        AccessTokenPoll granted = await(client.pollAccessToken(hosts, deviceCode));
        assertEquals(TOKEN, assertInstanceOf(AccessTokenPoll.Granted.class, granted).githubToken().reveal());

        RecordedRequest poll = upstream.recorder().requests("/login/oauth/access_token").get(0);
        assertEquals(deviceCode.reveal(), poll.json().getString("device_code"));
        assertEquals(GitHubClient.DEVICE_GRANT_TYPE, poll.json().getString("grant_type"));
        assertEquals(GitHubClient.CLIENT_ID, poll.json().getString("client_id"));
    }

    @Test
    void pollsMapExpiredDeniedAndOtherErrors() throws Exception {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).expired());
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TOKEN).denied());

        assertEquals(new AccessTokenPoll.Expired(), await(client.pollAccessToken(hosts, await(client.requestDeviceCode(hosts)).deviceCode())));
        assertEquals(new AccessTokenPoll.Denied(), await(client.pollAccessToken(hosts, await(client.requestDeviceCode(hosts)).deviceCode())));
        assertEquals(new AccessTokenPoll.Failed("incorrect_device_code (The device_code provided is not valid.)"),
                await(client.pollAccessToken(hosts, new Secret("no-such-code"))));
    }

    @Test
    void aPollAnsweredWithAnHttpErrorIsATransientFailure() throws Exception {
        upstream.inject(Fault.status(502, "{\"message\":\"Bad Gateway\"}").onPath("/login/oauth/access_token"));

        GitHubException failed = failure(client.pollAccessToken(hosts, new Secret("any")));

        assertEquals(GitHubException.Problem.UNAVAILABLE, failed.problem());
        assertEquals("GitHub answered HTTP 502 to the device flow poll", failed.getMessage());
    }

    @Test
    void userLookupUsesTheTokenScheme() throws Exception {
        GitHubUser user = await(client.user(hosts, new Secret(TOKEN)));

        assertEquals(new GitHubUser(4242, "alice", "alice"), user);
        RecordedRequest sent = upstream.recorder().requests("/user").get(0);
        assertEquals("token " + TOKEN, sent.header("authorization"));
        assertEquals(GitHubClient.REST_API_VERSION, sent.header("x-github-api-version"));
        assertEquals("GitHubCopilotChat/0.38.0", sent.header("user-agent"));
    }

    @Test
    void aRevokedTokenIsRejectedWithoutRepeatingIt() throws Exception {
        upstream.revokeGitHubToken(TOKEN);

        GitHubException rejected = failure(client.user(hosts, new Secret(TOKEN)));

        assertEquals(GitHubException.Problem.TOKEN_REJECTED, rejected.problem());
        assertEquals("GitHub rejected the token (HTTP 401: Bad credentials) in the user lookup", rejected.getMessage());
    }

    @Test
    void tokenExchangeSendsTheHeadersOfVsCodeAndReadsTheGrant() throws Exception {
        upstream.setCopilotTokenLifetime(Duration.ofMinutes(30), Duration.ofSeconds(1500));
        upstream.setAdvertisedApiEndpoint("https://api.individual.githubcopilot.com");

        CopilotTokenGrant grant = await(client.exchangeCopilotToken(hosts, new Secret(TOKEN)));

        assertTrue(grant.token().reveal().startsWith("tid="));
        assertTrue(Math.abs(Duration.between(Instant.now().plus(Duration.ofMinutes(30)), grant.expiresAt()).toSeconds()) <= 5);
        assertEquals(Duration.ofSeconds(1500), grant.refreshIn());
        assertEquals(Optional.of(URI.create("https://api.individual.githubcopilot.com")), grant.apiEndpoint());
        assertTrue(Math.abs(Duration.between(Instant.now(), grant.serverTime().orElseThrow()).toSeconds()) <= 5, "GitHub's Date header");
        RecordedRequest sent = upstream.recorder().requests("/copilot_internal/v2/token").get(0);
        assertEquals("token " + TOKEN, sent.header("authorization"));
        assertEquals("application/json", sent.header("accept"));
        assertEquals("vscode/1.104.3", sent.header("editor-version"));
        assertEquals("copilot-chat/0.38.0", sent.header("editor-plugin-version"));
        assertEquals("GitHubCopilotChat/0.38.0", sent.header("user-agent"));
        assertEquals("2025-04-01", sent.header("x-github-api-version"));
        assertEquals("electron-fetch", sent.header("x-vscode-user-agent-library-version"));
    }

    @Test
    void theLocalExpiryIsTheLifetimeGitHubGaveCountedOnTheLocalClock() {
        Instant githubNow = Instant.parse("2026-01-01T12:00:00Z");
        CopilotTokenGrant grant = new CopilotTokenGrant(new Secret("tid=x"), githubNow.plusSeconds(1800), Duration.ofSeconds(1500),
                Optional.empty(), Optional.of(githubNow));
        Instant localNowTwoHoursAhead = githubNow.plus(Duration.ofHours(2));

        assertEquals(localNowTwoHoursAhead.plusSeconds(1800), grant.expiresAtLocally(localNowTwoHoursAhead));
        CopilotTokenGrant withoutDate = new CopilotTokenGrant(new Secret("tid=x"), githubNow.plusSeconds(1800), Duration.ZERO,
                Optional.empty(), Optional.empty());
        assertEquals(githubNow.plusSeconds(1800), withoutDate.expiresAtLocally(localNowTwoHoursAhead));
    }

    @ParameterizedTest
    @CsvSource({
            "401, TOKEN_REJECTED",
            "403, NO_COPILOT",
            "404, NO_COPILOT",
            "500, UNAVAILABLE",
            "429, UNAVAILABLE"})
    void exchangeFailuresSayWhatTheyMean(int status, GitHubException.Problem problem) throws Exception {
        upstream.failTokenExchange(status, 1);

        GitHubException failed = failure(client.exchangeCopilotToken(hosts, new Secret(TOKEN)));

        assertEquals(problem, failed.problem());
        assertTrue(failed.getMessage().contains(Integer.toString(status)), failed.getMessage());
        assertFalse(failed.getMessage().contains(TOKEN));
    }

    @Test
    void anAnswerWithoutATokenIsUnreadable() throws Exception {
        upstream.inject(Fault.status(200, "{\"expires_at\":1}").onPath("/copilot_internal/v2/token"));

        GitHubException failed = failure(client.exchangeCopilotToken(hosts, new Secret(TOKEN)));

        assertEquals(GitHubException.Problem.UNAVAILABLE, failed.problem());
        assertEquals("GitHub's answer to the Copilot token exchange could not be read", failed.getMessage());
    }

    @Test
    void anUnreachableGitHubIsATransientFailureNamingTheHost() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        GitHubHosts nowhere = new GitHubHosts(URI.create("http://127.0.0.1:" + closedPort), URI.create("http://127.0.0.1:" + closedPort));

        GitHubException failed = failure(client.exchangeCopilotToken(nowhere, new Secret(TOKEN)));

        assertEquals(GitHubException.Problem.UNAVAILABLE, failed.problem());
        assertTrue(failed.getMessage().startsWith("the Copilot token exchange to 127.0.0.1 could not connect"), failed.getMessage());
    }

    @Test
    void usageReadsPlanAndQuotaSnapshots() throws Exception {
        upstream.setPremiumQuota(TOKEN, FakePremiumQuota.of(300, 212.5).withOveragePermitted(true));

        CopilotUsage usage = await(client.copilotUsage(hosts, new Secret(TOKEN)));

        assertEquals("individual", usage.plan());
        assertEquals("copilot_for_individual", usage.accessSku());
        assertEquals(upstream.baseUrl(), usage.apiEndpoint());
        assertTrue(usage.quotaResetDate().matches("\\d{4}-\\d{2}-01"));
        assertEquals(new CopilotUsage.QuotaSnapshot(300.0, 212.5, 70.8, false, true), usage.quotas().get("premium_interactions"));
        assertEquals(Boolean.TRUE, usage.quotas().get("chat").unlimited());
        assertEquals("2025-04-01", upstream.recorder().requests("/copilot_internal/user").get(0).header("x-github-api-version"));
    }

    @Test
    void usageToleratesAnAnswerWithoutTheUsualFields() throws Exception {
        upstream.inject(Fault.status(200, "{\"quota_snapshots\":{\"chat\":{\"unlimited\":\"yes\"},\"odd\":3}}").onPath("/copilot_internal/user"));

        CopilotUsage usage = await(client.copilotUsage(hosts, new Secret(TOKEN)));

        assertNull(usage.plan());
        assertNull(usage.quotaResetDate());
        assertEquals(1, usage.quotas().size(), "only object snapshots are kept");
        assertEquals(new CopilotUsage.QuotaSnapshot(null, null, null, null, null), usage.quotas().get("chat"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\":4242,\"login\":",
            "{\"id\":\"not a number\",\"login\":\"alice\"}",
            "[1,2]",
            "null",
            "{\"login\":\"alice\"}"})
    void aMalformedUserAnswerIsUnreadableNotAnUncheckedException(String body) throws Exception {
        upstream.inject(Fault.status(200, body).onPath("/user"));

        GitHubException failed = failure(client.user(hosts, new Secret(TOKEN)));

        assertEquals(GitHubException.Problem.UNAVAILABLE, failed.problem());
        assertEquals("GitHub's answer to the user lookup could not be read", failed.getMessage());
    }

    @Test
    void anAnswerThatIsNotJsonIsUnreadable() throws Exception {
        upstream.inject(Fault.statusText(200, "<html>GitHub is down for maintenance</html>").onPath("/copilot_internal/user"));

        GitHubException failed = failure(client.copilotUsage(hosts, new Secret(TOKEN)));

        assertEquals(GitHubException.Problem.UNAVAILABLE, failed.problem());
        assertEquals("GitHub's answer to the Copilot usage lookup could not be read", failed.getMessage());
    }

    @Test
    void aServerErrorIsATransientFailureAndARejectionWithoutJsonQuotesNothing() throws Exception {
        upstream.inject(Fault.status(503, "{\"message\":\"Service Unavailable\"}").onPath("/user"));
        upstream.inject(Fault.statusText(401, "Bad credentials " + TOKEN).onPath("/user"));

        GitHubException unavailable = failure(client.user(hosts, new Secret(TOKEN)));
        GitHubException rejected = failure(client.user(hosts, new Secret(TOKEN)));

        assertEquals(GitHubException.Problem.UNAVAILABLE, unavailable.problem());
        assertEquals("GitHub answered HTTP 503 to the user lookup", unavailable.getMessage());
        assertEquals(GitHubException.Problem.TOKEN_REJECTED, rejected.problem());
        assertEquals("GitHub rejected the token (HTTP 401) in the user lookup", rejected.getMessage());
    }

    @Test
    void aDeviceCodeRefusalQuotesGitHubsOAuthError() throws Exception {
        upstream.inject(Fault.status(200, "{\"error\":\"unauthorized_client\",\"error_description\":\"Device flow\\u0000is off\"}")
                .onPath("/login/device/code"));

        GitHubException refused = failure(client.requestDeviceCode(hosts));

        assertEquals(GitHubException.Problem.REFUSED, refused.problem());
        assertEquals("GitHub refused the device code request: unauthorized_client (Device flow is off)", refused.getMessage());
    }

    @Test
    void aSilentGitHubTimesOutWithoutHoldingTheCaller() throws Exception {
        upstream.inject(Fault.hang().onPath("/copilot_internal/v2/token"));
        GitHubClient impatient = GitHubTestClients.withRequestTimeout(new EditorIdentity("1.104.3", "0.38.0", "2025-05-01"),
                Duration.ofMillis(500));

        long start = System.nanoTime();
        CompletableFuture<CopilotTokenGrant> exchange = impatient.exchangeCopilotToken(hosts, new Secret(TOKEN));
        Duration callerHeld = Duration.ofNanos(System.nanoTime() - start);
        GitHubException failed = failure(exchange);

        assertTrue(callerHeld.toMillis() < 400, "the call returned a future at once, took " + callerHeld);
        assertEquals(GitHubException.Problem.UNAVAILABLE, failed.problem());
        assertEquals("the Copilot token exchange to 127.0.0.1 timed out", failed.getMessage());
    }

    @Test
    void callsBeyondTheExecutorsQueueAreRefusedAtOnce() throws Exception {
        upstream.inject(Fault.hang().onPath("/user").times(2));
        ThreadPoolExecutor oneAndOneWaiting = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        Client rest = GitHubClient.newRestClient(Duration.ofSeconds(5), oneAndOneWaiting);
        try {
            GitHubClient small = new GitHubClient(rest, new EditorIdentity("1.104.3", "0.38.0", "2025-05-01"), Duration.ofSeconds(5));
            CompletableFuture<GitHubUser> sending = small.user(hosts, new Secret(TOKEN));
            CompletableFuture<GitHubUser> waiting = small.user(hosts, new Secret(TOKEN));

            GitHubException refused = failure(small.user(hosts, new Secret(TOKEN)));

            assertEquals(GitHubException.Problem.UNAVAILABLE, refused.problem());
            assertEquals("the user lookup to 127.0.0.1 was refused: too many GitHub calls are waiting", refused.getMessage());
            assertFalse(sending.isDone() || waiting.isDone());
        } finally {
            rest.close();
            oneAndOneWaiting.shutdownNow();
        }
    }

    @Test
    void callsGoThroughTheJvmsProxySelector() throws Exception {
        URI proxy = URI.create(upstream.baseUrl()); // the fake upstream serves absolute-form requests as a plain HTTP proxy would
        List<URI> asked = new CopyOnWriteArrayList<>();
        ProxySelector jvmDefault = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                asked.add(uri);
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHost(), proxy.getPort())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        });
        try {
            URI unresolvable = URI.create("http://github.invalid");

            GitHubUser user = await(client.user(new GitHubHosts(unresolvable, unresolvable), new Secret(TOKEN)));

            assertEquals("alice", user.login());
            assertTrue(asked.contains(URI.create("http://github.invalid/user")), asked.toString());
        } finally {
            ProxySelector.setDefault(jvmDefault);
        }
    }
}
