package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.Fault;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.github.AccountTokenStore;
import dev.copilotgateway.github.EditorIdentity;
import dev.copilotgateway.github.GitHubTestClients;
import dev.copilotgateway.metrics.GatewayMeters;
import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.GatewayDataSource;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.security.Hashes;
import dev.copilotgateway.security.SecretCipher;
import dev.copilotgateway.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Copilot token lifecycle against the fake upstream, with a hand-moved clock for expiry and short retry delays
 * (50 ms doubling to 200 ms, then 2 s) so back-off is observed in well under a second.
 */
class CopilotTokenServiceTest {

    private static final String TOKEN = "ghu_aliceTokenLifecycle0123456789";
    private static final RefreshTiming FAST = new RefreshTiming(Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofMinutes(25),
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));
    private static final String TOKEN_PATH = "/copilot_internal/v2/token";

    @TempDir
    Path folder;

    private final SecretCipher cipher = new SecretCipher(new SecretKeySpec(new byte[32], "AES"));
    private final MutableClock clock = MutableClock.startingNow();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final GatewayMeters meters = GatewayMeters.detached();
    private FakeCopilotUpstream upstream;
    private DatabaseConnector connector;
    private GatewayConfig config;
    private CopilotTokenService tokens;

    @BeforeEach
    void start() {
        upstream = new FakeCopilotUpstream().start();
        upstream.addGitHubUser(TOKEN, 1001, "alice");
        connector = new DatabaseConnector(() -> GatewayDataSource.embeddedH2(folder), database -> { });
        connector.connect();
        config = TestConfigs.fromEnvironment(Map.of(
                "COPILOT_GATEWAY_GITHUB_URL", upstream.baseUrl(),
                "COPILOT_GATEWAY_GITHUB_API_URL", upstream.baseUrl(),
                "COPILOT_GATEWAY_COPILOT_API_URL", upstream.baseUrl()));
        tokens = service();
    }

    @AfterEach
    void stop() {
        tokens.close();
        scheduler.shutdownNow();
        connector.close();
        upstream.close();
    }

    private CopilotTokenService service() {
        return new CopilotTokenService(config, GitHubTestClients.create(EditorIdentity.from(config)),
                store(), scheduler, clock, FAST, new Random(), meters);
    }

    private AccountTokenStore store() {
        return new AccountTokenStore(config, connector, cipher);
    }

    /** First retry after 10 s: long enough that no background retry interferes with what a test looks at. */
    private CopilotTokenService slowBackOff() {
        return new CopilotTokenService(config, GitHubTestClients.create(EditorIdentity.from(config)),
                store(), scheduler, clock, new RefreshTiming(Duration.ofSeconds(60), Duration.ofMillis(100),
                Duration.ofMinutes(25), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(5)), new Random(), meters);
    }

    /** An account as the bootstrap import leaves it: PENDING, login unknown. */
    private long newAccount(String githubToken) {
        return connector.require().inTransaction(em -> new AccountRepository(em).add(new GitHubAccount(GitHubAccount.Origin.BOOTSTRAP,
                cipher.encrypt(githubToken), Hashes.sha256Hex(githubToken), clock.instant())).getId());
    }

    private GitHubAccount stored(long id) {
        return connector.require().inTransaction(em -> new AccountRepository(em).findById(id).orElseThrow());
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static CopilotTokens.AccountUnavailableException unavailable(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            return assertInstanceOf(CopilotTokens.AccountUnavailableException.class, failed.getCause());
        }
        throw new AssertionError("expected the account to be unavailable");
    }

    private int exchangeRequests() {
        return upstream.recorder().requests(TOKEN_PATH).size();
    }

    /** Polls a condition the background work makes true. */
    private static void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void oneExchangeServesEveryLaterCallFromMemory() throws Exception {
        long id = newAccount(TOKEN);

        CopilotCredentials first = await(tokens.credentials(id));
        CopilotCredentials second = await(tokens.credentials(id));

        assertTrue(first.token().startsWith("tid="));
        assertEquals(first.token(), second.token());
        assertEquals(1, upstream.tokenExchangeCount());
        assertEquals(URI.create(upstream.baseUrl()), first.apiBaseUrl(), "the copilot-api-url setting wins");
        assertEquals(id, first.accountId());
        assertFalse(first.toString().contains(first.token()));
        assertEquals("token " + TOKEN, upstream.recorder().requests(TOKEN_PATH).get(0).header("authorization"));
        assertEquals(1.0, meters.registry().get("gateway.copilot.token.refreshes").tag("result", "success").counter().count(),
                "the one exchange is counted");
    }

    @Test
    void eachAccountGetsAStableClientIdentityStoredWithIt() throws Exception {
        long alice = newAccount(TOKEN);
        upstream.addGitHubUser("ghu_bob", 1002, "bob");
        long bob = newAccount("ghu_bob");

        CopilotCredentials.ClientIdentity identity = await(tokens.credentials(alice)).identity();

        assertTrue(identity.deviceId().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), identity.deviceId());
        assertTrue(identity.machineId().matches("[0-9a-f]{64}"), identity.machineId());
        assertTrue(identity.sessionId().matches("[0-9a-f-]{36}" + clock.instant().toEpochMilli()), identity.sessionId());
        assertEquals(identity.deviceId(), stored(alice).getDeviceId());
        assertEquals(identity.machineId(), stored(alice).getMachineId());
        CopilotCredentials.ClientIdentity other = await(tokens.credentials(bob)).identity();
        assertNotEquals(identity.deviceId(), other.deviceId());
        assertNotEquals(identity.machineId(), other.machineId());
        assertNotEquals(identity.sessionId(), other.sessionId());

        tokens.close();
        tokens = service(); // a restart: same device and machine, new session
        CopilotCredentials.ClientIdentity afterRestart = await(tokens.credentials(alice)).identity();
        assertEquals(identity.deviceId(), afterRestart.deviceId());
        assertEquals(identity.machineId(), afterRestart.machineId());
    }

    @Test
    void theSessionIdIsRenewedAfterItsLifetime() throws Exception {
        upstream.setCopilotTokenLifetime(Duration.ofHours(3), Duration.ofHours(2));
        long id = newAccount(TOKEN);
        String session = await(tokens.credentials(id)).identity().sessionId();

        clock.advance(Duration.ofMinutes(59));
        assertEquals(session, await(tokens.credentials(id)).identity().sessionId());
        clock.advance(Duration.ofMinutes(22));
        assertNotEquals(session, await(tokens.credentials(id)).identity().sessionId());
    }

    @Test
    void aHostClockFarAheadOfGitHubsDoesNotMakeFreshTokensLookDead() throws Exception {
        clock.advance(Duration.ofHours(2));
        long id = newAccount(TOKEN);

        CopilotCredentials credentials = await(tokens.credentials(id));
        Thread.sleep(300); // a refresh loop would have run a few times by now

        Duration validFor = Duration.between(clock.instant(), credentials.expiresAt());
        assertTrue(validFor.compareTo(Duration.ofMinutes(29)) > 0 && validFor.compareTo(Duration.ofMinutes(31)) < 0, validFor.toString());
        assertEquals(credentials.token(), await(tokens.credentials(id)).token());
        assertEquals(1, upstream.tokenExchangeCount());
    }

    @Test
    void aPendingAccountBecomesActiveWithItsLogin() throws Exception {
        long id = newAccount(TOKEN);
        assertEquals(GitHubAccount.Status.PENDING, stored(id).getStatus());

        await(tokens.credentials(id));

        GitHubAccount account = stored(id);
        assertEquals(GitHubAccount.Status.ACTIVE, account.getStatus());
        assertEquals("alice", account.getLogin());
        assertEquals(1001L, account.getGithubUserId());
        assertEquals(1, upstream.recorder().requests("/user").size());

        upstream.expireCopilotTokens();
        await(tokens.refreshAfterUnauthorized(await(tokens.credentials(id))));
        assertEquals(1, upstream.recorder().requests("/user").size(), "an active account is not looked up again");
    }

    @Test
    void concurrentCallersShareOneExchange() throws Exception {
        long id = newAccount(TOKEN);
        upstream.inject(Fault.slowFirstByte(Duration.ofMillis(300)).onPath(TOKEN_PATH));
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<CopilotCredentials>> waiting = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                waiting.add(CompletableFuture.supplyAsync(() -> tokens.credentials(id), callers).thenCompose(future -> future));
            }
            Set<String> seen = new java.util.HashSet<>();
            for (CompletableFuture<CopilotCredentials> future : waiting) {
                seen.add(await(future).token());
            }
            assertEquals(1, seen.size(), "every caller got the same token");
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1, upstream.tokenExchangeCount());
        assertEquals(1, exchangeRequests());
    }

    @Test
    void aTokenIsRefreshedAMarginBeforeRefreshIn() throws Exception {
        // refresh_in 2 s, margin 1 s: the refresh is due 1 s after the exchange, without any caller.
        tokens.close();
        tokens = new CopilotTokenService(config, GitHubTestClients.create(EditorIdentity.from(config)),
                store(), scheduler, clock, new RefreshTiming(Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofMinutes(25), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2)), new Random(), meters);
        upstream.setCopilotTokenLifetime(Duration.ofMinutes(30), Duration.ofSeconds(2));
        long id = newAccount(TOKEN);

        String first = await(tokens.credentials(id)).token();
        eventually("a scheduled refresh", () -> upstream.tokenExchangeCount() == 2);

        List<RecordedRequest> exchanges = upstream.recorder().requests(TOKEN_PATH);
        Duration between = Duration.between(exchanges.get(0).receivedAt(), exchanges.get(1).receivedAt());
        assertTrue(between.compareTo(Duration.ofMillis(900)) >= 0, "not before refresh_in - margin: " + between);
        eventually("the new token in use", () -> !tokens.credentials(id).join().token().equals(first));
    }

    @Test
    void aTokenCloseToExpiryIsReplacedBeforeUse() throws Exception {
        long id = newAccount(TOKEN);
        String first = await(tokens.credentials(id)).token();
        upstream.setCopilotTokenLifetime(Duration.ofHours(3), Duration.ofHours(2));

        clock.advance(Duration.ofMinutes(28)); // 2 minutes left: still used
        assertEquals(first, await(tokens.credentials(id)).token());
        clock.advance(Duration.ofMinutes(1).plusSeconds(30)); // 30 s left: inside the 60 s margin

        String second = await(tokens.credentials(id)).token();

        assertNotEquals(first, second);
        assertEquals(2, upstream.tokenExchangeCount());
    }

    @Test
    void aFailedRefreshKeepsTheOldTokenWhileItIsValid() throws Exception {
        tokens.close();
        tokens = slowBackOff();
        long id = newAccount(TOKEN);
        String first = await(tokens.credentials(id)).token();
        upstream.failTokenExchange(500, 1);
        clock.advance(Duration.ofMinutes(29).plusSeconds(30));

        assertEquals(first, await(tokens.credentials(id)).token(), "still valid for 30 s: kept");
        CopilotTokenService.TokenStatus status = tokens.tokenStatus(id).orElseThrow();
        assertEquals("Copilot token exchange failed: GitHub answered HTTP 500 to the Copilot token exchange", status.problem());
        assertEquals(clock.instant().plusSeconds(10), status.nextAttemptAt());
        assertEquals(first, await(tokens.credentials(id)).token(), "backing off: the old token, no new attempt");
        assertEquals(2, exchangeRequests());
        assertEquals(1.0, meters.registry().get("gateway.copilot.token.refreshes").tag("result", "failure").counter().count());
    }

    @Test
    void whileBackingOffCallersAreAnsweredFromMemory() throws Exception {
        tokens.close();
        tokens = slowBackOff();
        long id = newAccount(TOKEN);
        upstream.failTokenExchange(503, 1);

        CopilotTokens.AccountUnavailableException failed = unavailable(tokens.credentials(id));
        assertTrue(failed.getMessage().startsWith("Copilot token exchange failed: GitHub answered HTTP 503"), failed.getMessage());
        assertEquals(id, failed.accountId());
        for (int i = 0; i < 5; i++) {
            CompletableFuture<CopilotCredentials> again = tokens.credentials(id);
            assertTrue(again.isCompletedExceptionally(), "answered at once, without a new exchange");
        }
        assertEquals(1, exchangeRequests(), "GitHub is not hammered");
    }

    @Test
    void withoutAValidTokenFailuresBackOffAndRetryInTheBackground() throws Exception {
        long id = newAccount(TOKEN);
        upstream.failTokenExchange(503, 3);

        CopilotTokens.AccountUnavailableException failed = unavailable(tokens.credentials(id));
        assertTrue(failed.getMessage().startsWith("Copilot token exchange failed: GitHub answered HTTP 503"), failed.getMessage());

        eventually("retries until GitHub answers", () -> upstream.tokenExchangeCount() == 1);
        List<RecordedRequest> attempts = upstream.recorder().requests(TOKEN_PATH);
        assertEquals(4, attempts.size());
        long[] minimumGaps = {50, 100, 200};
        for (int i = 0; i < minimumGaps.length; i++) {
            Duration gap = Duration.between(attempts.get(i).receivedAt(), attempts.get(i + 1).receivedAt());
            assertTrue(gap.toMillis() >= minimumGaps[i] - 5, "attempt " + (i + 2) + " came after " + gap.toMillis() + " ms");
        }
        assertTrue(await(tokens.credentials(id)).token().startsWith("tid="));
    }

    @Test
    void aRejectedGitHubTokenMeansNeedsLogin() throws Exception {
        long id = newAccount(TOKEN);
        upstream.revokeGitHubToken(TOKEN);

        CopilotTokens.AccountUnavailableException failed = unavailable(tokens.credentials(id));

        assertTrue(failed.getMessage().startsWith("account " + id + " needs a new GitHub login"), failed.getMessage());
        eventually("the status is stored", () -> stored(id).getStatus() == GitHubAccount.Status.NEEDS_LOGIN);
        String detail = stored(id).getStatusDetail();
        assertEquals("GitHub rejected the token (HTTP 401: Bad credentials) in the Copilot token exchange", detail);
        unavailable(tokens.credentials(id));
        tokens.close();
        tokens = service();
        unavailable(tokens.credentials(id)); // after a restart too, from the stored status
        assertEquals(1, exchangeRequests(), "a dead token is not sent again");
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404})
    void noSeatMeansNoCopilot(int status) throws Exception {
        long id = newAccount(TOKEN);
        upstream.failTokenExchange(status, 1);

        CopilotTokens.AccountUnavailableException failed = unavailable(tokens.credentials(id));

        assertTrue(failed.getMessage().startsWith("account " + id + " has no Copilot access: No Copilot access for this account (HTTP " + status),
                failed.getMessage());
        eventually("the status is stored", () -> stored(id).getStatus() == GitHubAccount.Status.NO_COPILOT);
        assertFalse(stored(id).getStatusDetail().contains(TOKEN));
        assertEquals(failed.getMessage(), tokens.tokenStatus(id).orElseThrow().problem());
    }

    @Test
    void manyRequestsRejectedWithTheSameTokenCauseOneExchange() throws Exception {
        long id = newAccount(TOKEN);
        CopilotCredentials rejected = await(tokens.credentials(id));
        upstream.expireCopilotTokens();
        upstream.inject(Fault.slowFirstByte(Duration.ofMillis(200)).onPath(TOKEN_PATH));

        List<CompletableFuture<CopilotCredentials>> retries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            retries.add(tokens.refreshAfterUnauthorized(rejected));
        }
        Set<String> fresh = new java.util.HashSet<>();
        for (CompletableFuture<CopilotCredentials> retry : retries) {
            fresh.add(await(retry).token());
        }

        assertEquals(1, fresh.size());
        assertFalse(fresh.contains(rejected.token()));
        assertEquals(2, upstream.tokenExchangeCount());
        assertEquals(fresh.iterator().next(), await(tokens.refreshAfterUnauthorized(rejected)).token(), "a late retry gets the new token");
        assertEquals(2, upstream.tokenExchangeCount());
    }

    @Test
    void aNewGitHubTokenReplacesTheCopilotToken() throws Exception {
        long id = newAccount(TOKEN);
        String first = await(tokens.credentials(id)).token();
        upstream.addGitHubUser("ghu_aliceNew", 1001, "alice");
        connector.require().runInTransaction(em -> new AccountRepository(em).findById(id).orElseThrow()
                .replaceToken(cipher.encrypt("ghu_aliceNew"), Hashes.sha256Hex("ghu_aliceNew"), clock.instant()));

        tokens.credentialsChanged(id);

        String second = await(tokens.credentials(id)).token();
        assertNotEquals(first, second);
        List<RecordedRequest> exchanges = upstream.recorder().requests(TOKEN_PATH);
        assertEquals("token ghu_aliceNew", exchanges.get(exchanges.size() - 1).header("authorization"));
    }

    @Test
    void removedDisabledAndUnknownAccountsAreUnavailable() throws Exception {
        long removed = newAccount(TOKEN);
        await(tokens.credentials(removed));
        connector.require().runInTransaction(em -> em.remove(new AccountRepository(em).findById(removed).orElseThrow()));
        tokens.removed(removed);
        assertEquals("account " + removed + " does not exist", unavailable(tokens.credentials(removed)).getMessage());

        long disabled = newAccount("ghu_other");
        connector.require().runInTransaction(em -> new AccountRepository(em).findById(disabled).orElseThrow().setEnabled(false));
        assertEquals("account " + disabled + " is disabled", unavailable(tokens.credentials(disabled)).getMessage());

        assertEquals("account 999 does not exist", unavailable(tokens.credentials(999)).getMessage());
        assertTrue(tokens.tokenStatus(999).isEmpty(), "unknown ids leave nothing behind");
    }

    @Test
    void warmUpExchangesForEveryAccountThatMayWork() throws Exception {
        long pending = newAccount(TOKEN);
        upstream.addGitHubUser("ghu_dead", 1003, "dead");
        long dead = newAccount("ghu_dead");
        connector.require().runInTransaction(em -> new AccountRepository(em).findById(dead).orElseThrow()
                .setStatus(GitHubAccount.Status.NEEDS_LOGIN, "revoked", clock.instant()));

        tokens.warmUp();

        // The stored status and this node's token state are updated one after the other: wait for both.
        eventually("the pending account is active with a token", () -> stored(pending).getStatus() == GitHubAccount.Status.ACTIVE
                && tokens.tokenStatus(pending).map(status -> status.validUntil() != null).orElse(false));
        assertTrue(tokens.tokenStatus(pending).orElseThrow().validUntil().isAfter(clock.instant()));
        assertTrue(tokens.tokenStatus(dead).isEmpty());
        Set<String> exchangedWith = upstream.recorder().requests(TOKEN_PATH).stream()
                .map(request -> request.header("authorization")).collect(Collectors.toSet());
        assertEquals(Set.of("token " + TOKEN), exchangedWith);
    }
}
