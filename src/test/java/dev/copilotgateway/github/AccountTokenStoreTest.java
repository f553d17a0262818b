package dev.copilotgateway.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.github.AccountTokenStore.ExchangeAccount;
import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.security.Hashes;
import dev.copilotgateway.security.SecretCipher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the Copilot token lifecycle reads and records of the accounts, on every database of {@link TestDatabases}. */
class AccountTokenStoreTest {

    private static final String TARGETS = "dev.copilotgateway.persistence.TestDatabases#targets";
    private static final String ALICE_TOKEN = "ghu_aliceTokenStoreToken0123";
    private static final GitHubUser ALICE = new GitHubUser(1001, "alice", "Alice");
    private static final Instant ADDED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LATER = ADDED.plus(1, ChronoUnit.HOURS);

    @TempDir
    Path folder;

    private final SecretCipher cipher = new SecretCipher(new SecretKeySpec(new byte[32], "AES"));
    private final GatewayConfig config = TestConfigs.fromEnvironment(Map.of(
            "COPILOT_GATEWAY_GITHUB_URL", "http://127.0.0.1:9", "COPILOT_GATEWAY_GITHUB_API_URL", "http://127.0.0.1:9/api"));
    private DatabaseConnector connector;
    private AccountTokenStore store;

    @AfterEach
    void close() {
        if (connector != null) {
            connector.close();
        }
    }

    private void open(TestDatabases.Target target) {
        connector = new DatabaseConnector(() -> target.empty(folder), database -> { });
        connector.connect();
        store = new AccountTokenStore(config, connector, cipher);
    }

    /** An account as the bootstrap import leaves it (PENDING, login unknown), then changed by {@code change}. */
    private long account(String githubToken, Consumer<GitHubAccount> change) {
        return connector.require().inTransaction(em -> {
            GitHubAccount account = new AccountRepository(em).add(new GitHubAccount(GitHubAccount.Origin.BOOTSTRAP,
                    cipher.encrypt(githubToken), Hashes.sha256Hex(githubToken), ADDED));
            change.accept(account);
            return account.getId();
        });
    }

    private GitHubAccount stored(long id) {
        return connector.require().inTransaction(em -> new AccountRepository(em).findById(id).orElseThrow());
    }

    private ExchangeAccount found(long id) {
        return assertInstanceOf(AccountTokenStore.Found.class, store.loadForExchange(id)).account();
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void aNewAccountIsLoadedWithItsDecryptedTokenAndGetsAClientIdentityOnce(TestDatabases.Target target) {
        open(target);
        long id = account(ALICE_TOKEN, account -> { });
        assertFalse(stored(id).hasClientIdentity());

        ExchangeAccount first = found(id);

        assertEquals(id, first.id());
        assertEquals(ALICE_TOKEN, first.githubToken().reveal());
        assertEquals(Hashes.sha256Hex(ALICE_TOKEN), first.tokenHash());
        assertEquals(new GitHubHosts(URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9/api")), first.hosts());
        assertEquals(GitHubAccount.AccountType.INDIVIDUAL, first.type());
        assertNull(first.enterpriseHost());
        assertTrue(first.needsActivation(), "never verified: its login is to be looked up");
        assertTrue(first.deviceId().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), first.deviceId());
        assertTrue(first.machineId().matches("[0-9a-f]{64}"), first.machineId());
        assertEquals(first.deviceId(), stored(id).getDeviceId());
        assertEquals(first.machineId(), stored(id).getMachineId());

        ExchangeAccount again = found(id);
        assertEquals(first.deviceId(), again.deviceId(), "the identity is kept");
        assertEquals(first.machineId(), again.machineId());
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void anEnterpriseAccountIsExchangedOnItsOwnHost(TestDatabases.Target target) {
        open(target);
        long id = account("ghu_corp", account -> {
            account.setEnterpriseHost("corp.ghe.com");
            account.setAccountType(GitHubAccount.AccountType.ENTERPRISE);
        });

        ExchangeAccount loaded = found(id);

        assertEquals(new GitHubHosts(URI.create("https://corp.ghe.com"), URI.create("https://api.corp.ghe.com")), loaded.hosts());
        assertEquals("corp.ghe.com", loaded.enterpriseHost());
        assertEquals(GitHubAccount.AccountType.ENTERPRISE, loaded.type());
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void missingDisabledAndUnusableAccountsAreNotLoaded(TestDatabases.Target target) {
        open(target);
        long disabled = account("ghu_disabled", account -> account.setEnabled(false));
        long needsLogin = account("ghu_revoked", account -> account.setStatus(GitHubAccount.Status.NEEDS_LOGIN, "revoked", ADDED));
        long noCopilot = account("ghu_noseat", account -> account.setStatus(GitHubAccount.Status.NO_COPILOT, null, ADDED));

        assertEquals(new AccountTokenStore.Missing(), store.loadForExchange(999));
        assertEquals(new AccountTokenStore.Disabled(), store.loadForExchange(disabled));
        assertEquals(new AccountTokenStore.Unusable(GitHubAccount.Status.NEEDS_LOGIN, "revoked"), store.loadForExchange(needsLogin));
        assertEquals(new AccountTokenStore.Unusable(GitHubAccount.Status.NO_COPILOT, null), store.loadForExchange(noCopilot));
        assertFalse(stored(disabled).hasClientIdentity(), "no identity for an account that gets no exchange");
        assertFalse(stored(needsLogin).hasClientIdentity());
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void onlyEnabledPendingAndActiveAccountsMayWork(TestDatabases.Target target) {
        open(target);
        long pending = account("ghu_pending", account -> { });
        long active = account("ghu_active", account -> account.setStatus(GitHubAccount.Status.ACTIVE, null, ADDED));
        account("ghu_disabled", account -> account.setEnabled(false));
        account("ghu_revoked", account -> account.setStatus(GitHubAccount.Status.NEEDS_LOGIN, "revoked", ADDED));
        account("ghu_noseat", account -> account.setStatus(GitHubAccount.Status.NO_COPILOT, "no seat", ADDED));
        account("ghu_error", account -> account.setStatus(GitHubAccount.Status.ERROR, "odd", ADDED));

        assertEquals(List.of(pending, active), store.accountsThatMayWork().stream().sorted().toList());
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void markingActiveRecordsWhoseAccountItIs(TestDatabases.Target target) {
        open(target);
        long id = account(ALICE_TOKEN, account -> account.setStatus(GitHubAccount.Status.PENDING, "left over", ADDED));

        store.markActive(found(id), ALICE, LATER);

        GitHubAccount account = stored(id);
        assertEquals(GitHubAccount.Status.ACTIVE, account.getStatus());
        assertNull(account.getStatusDetail());
        assertEquals("alice", account.getLogin());
        assertEquals(1001L, account.getGithubUserId());
        assertEquals(LATER, account.getUpdatedAt());
        assertFalse(found(id).needsActivation(), "active with a login: not looked up again");
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void anUnusableAccountIsRecordedWithItsReasonCutToTheColumn(TestDatabases.Target target) {
        open(target);
        long id = account(ALICE_TOKEN, account -> { });
        String longReason = "GitHub said no: " + "x".repeat(600);

        store.recordUnusable(found(id), GitHubAccount.Status.NO_COPILOT, longReason, LATER);

        GitHubAccount account = stored(id);
        assertEquals(GitHubAccount.Status.NO_COPILOT, account.getStatus());
        assertEquals(AccountTokenStore.MAX_STATUS_DETAIL, account.getStatusDetail().length());
        assertEquals(longReason.substring(0, AccountTokenStore.MAX_STATUS_DETAIL - 1) + "…", account.getStatusDetail());
        assertEquals(LATER, account.getUpdatedAt());
        assertEquals(new AccountTokenStore.Unusable(GitHubAccount.Status.NO_COPILOT, account.getStatusDetail()), store.loadForExchange(id));
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void whatAnExchangeLearntIsDroppedWhenTheAccountGotANewTokenMeanwhile(TestDatabases.Target target) {
        open(target);
        long id = account(ALICE_TOKEN, account -> { });
        ExchangeAccount exchangedWithOldToken = found(id);
        connector.require().runInTransaction(em -> new AccountRepository(em).findById(id).orElseThrow()
                .replaceToken(cipher.encrypt("ghu_aliceNew"), Hashes.sha256Hex("ghu_aliceNew"), ADDED));

        store.recordUnusable(exchangedWithOldToken, GitHubAccount.Status.NEEDS_LOGIN, "the old token was revoked", LATER);
        store.markActive(exchangedWithOldToken, ALICE, LATER);

        GitHubAccount account = stored(id);
        assertEquals(GitHubAccount.Status.PENDING, account.getStatus(), "the new token is still to be verified");
        assertNull(account.getStatusDetail());
        assertNull(account.getLogin());
        assertEquals("ghu_aliceNew", found(id).githubToken().reveal());
    }
}
