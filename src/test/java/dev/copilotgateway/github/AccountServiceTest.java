package dev.copilotgateway.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.Secret;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.ClientApiKey;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.security.Hashes;
import dev.copilotgateway.security.SecretCipher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Adding, replacing, listing and removing accounts, on every database of {@link TestDatabases}. */
class AccountServiceTest {

    private static final String TARGETS = "dev.copilotgateway.persistence.TestDatabases#targets";
    private static final String ALICE_TOKEN = "ghu_aliceAccountServiceToken01";
    private static final GitHubUser ALICE = new GitHubUser(1001, "alice", "Alice");

    @TempDir
    Path folder;

    private final SecretCipher cipher = new SecretCipher(new SecretKeySpec(new byte[32], "AES"));
    private final List<String> told = new ArrayList<>();
    private final AccountListener listener = new AccountListener() {
        @Override
        public void credentialsChanged(long accountId) {
            told.add("changed " + accountId);
        }

        @Override
        public void removed(long accountId) {
            told.add("removed " + accountId);
        }
    };
    private FakeCopilotUpstream upstream;
    private DatabaseConnector connector;
    private AccountService accounts;

    @BeforeEach
    void startUpstream() {
        upstream = new FakeCopilotUpstream().start();
        upstream.addGitHubUser(ALICE_TOKEN, ALICE.id(), ALICE.login());
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        upstream.close();
    }

    private void open(TestDatabases.Target target) {
        connector = new DatabaseConnector(() -> target.empty(folder), database -> { });
        connector.connect();
        accounts = service(connector);
    }

    private AccountService service(DatabaseConnector databases) {
        GatewayConfig config = TestConfigs.fromEnvironment(Map.of(
                "COPILOT_GATEWAY_GITHUB_URL", upstream.baseUrl(), "COPILOT_GATEWAY_GITHUB_API_URL", upstream.baseUrl()));
        GitHubClient github = GitHubTestClients.create(EditorIdentity.from(config));
        return new AccountService(config, github, databases, cipher, listener, Runnable::run, Clock.systemUTC());
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void aLoginBecomesAnAccountHoldingOnlyCiphertext(TestDatabases.Target target) {
        open(target);

        AccountService.Registration registration = accounts.register(GitHubAccount.Origin.DEVICE_FLOW, new Secret(ALICE_TOKEN), ALICE,
                AccountOptions.parse("business", null, 3));

        assertTrue(registration.created());
        GitHubAccount stored = accounts.find(registration.account().getId()).orElseThrow();
        assertEquals("alice", stored.getLogin());
        assertEquals(1001L, stored.getGithubUserId());
        assertEquals(GitHubAccount.Origin.DEVICE_FLOW, stored.getOrigin());
        assertEquals(GitHubAccount.AccountType.BUSINESS, stored.getAccountType());
        assertEquals(3, stored.getPriority());
        assertEquals(GitHubAccount.Status.PENDING, stored.getStatus());
        assertEquals(ALICE_TOKEN, cipher.decrypt(stored.getGithubTokenCiphertext()));
        assertEquals(List.of("changed " + stored.getId()), told);
        assertTrue(TestDatabases.allStoredValues(target.reopen(folder).dataSource()).stream().noneMatch(value -> value.contains(ALICE_TOKEN)));
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void aNewLoginOfTheSameUserReplacesTheTokenInsteadOfAddingAnAccount(TestDatabases.Target target) {
        open(target);
        long id = accounts.register(GitHubAccount.Origin.DEVICE_FLOW, new Secret(ALICE_TOKEN), ALICE, AccountOptions.parse(null, null, 5))
                .account().getId();
        connector.require().runInTransaction(em -> new AccountRepository(em).findById(id).orElseThrow()
                .setStatus(GitHubAccount.Status.NEEDS_LOGIN, "GitHub rejected the token", Clock.systemUTC().instant()));

        AccountService.Registration again = accounts.register(GitHubAccount.Origin.ADMIN_API, new Secret("ghu_aliceRotated"),
                new GitHubUser(1001, "alice-renamed", null), AccountOptions.NONE);

        assertFalse(again.created());
        assertEquals(id, again.account().getId());
        List<GitHubAccount> all = accounts.list();
        assertEquals(1, all.size());
        GitHubAccount account = all.get(0);
        assertEquals("ghu_aliceRotated", cipher.decrypt(account.getGithubTokenCiphertext()));
        assertEquals(Hashes.sha256Hex("ghu_aliceRotated"), account.getGithubTokenHash());
        assertEquals("alice-renamed", account.getLogin());
        assertEquals(GitHubAccount.Status.PENDING, account.getStatus(), "a new token is verified again");
        assertNull(account.getStatusDetail());
        assertEquals(5, account.getPriority(), "options not given keep their value");
        assertEquals(GitHubAccount.Origin.DEVICE_FLOW, account.getOrigin());
        assertEquals(List.of("changed " + id, "changed " + id), told);
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void theSameUserOnAnEnterpriseHostIsAnotherAccount(TestDatabases.Target target) {
        open(target);
        accounts.register(GitHubAccount.Origin.DEVICE_FLOW, new Secret(ALICE_TOKEN), ALICE, AccountOptions.NONE);

        AccountService.Registration enterprise = accounts.register(GitHubAccount.Origin.DEVICE_FLOW, new Secret("ghu_corp"), ALICE,
                AccountOptions.parse("enterprise", "corp.ghe.com", null));

        assertTrue(enterprise.created());
        assertEquals("corp.ghe.com", enterprise.account().getEnterpriseHost());
        assertEquals(2, accounts.list().size());
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void anUnverifiedAccountWithTheSameTokenIsAdopted(TestDatabases.Target target) {
        open(target);
        long bootstrapped = connector.require().inTransaction(em -> new AccountRepository(em).add(new GitHubAccount(
                GitHubAccount.Origin.BOOTSTRAP, cipher.encrypt(ALICE_TOKEN), Hashes.sha256Hex(ALICE_TOKEN), Clock.systemUTC().instant())).getId());

        AccountService.Registration registration = accounts.register(GitHubAccount.Origin.ADMIN_API, new Secret(ALICE_TOKEN), ALICE, AccountOptions.NONE);

        assertFalse(registration.created());
        assertEquals(bootstrapped, registration.account().getId());
        assertEquals(1001L, accounts.list().get(0).getGithubUserId());
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void removingAnAccountTakesItsBoundKeysAndTellsTheListener(TestDatabases.Target target) {
        open(target);
        long id = accounts.register(GitHubAccount.Origin.DEVICE_FLOW, new Secret(ALICE_TOKEN), ALICE, AccountOptions.NONE).account().getId();
        connector.require().runInTransaction(em -> {
            ClientApiKey key = new ClientApiKey("bound", "cgw_abcd", "hash", ClientApiKey.Origin.ADMIN_API, Clock.systemUTC().instant());
            key.setAccount(new AccountRepository(em).findById(id).orElseThrow());
            em.persist(key);
        });

        assertTrue(accounts.delete(id));

        assertFalse(accounts.delete(id), "already gone");
        assertTrue(accounts.list().isEmpty());
        long keysLeft = connector.require().inTransaction(em -> em.createQuery("select count(k) from ClientApiKey k", Long.class).getSingleResult());
        assertEquals(0, keysLeft);
        assertEquals(List.of("changed " + id, "removed " + id), told);
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void usableAccountsAreEnabledAndNotKnownDeadByPriority(TestDatabases.Target target) {
        open(target);
        long low = accounts.register(GitHubAccount.Origin.DEVICE_FLOW, new Secret("ghu_1"), new GitHubUser(1, "one", null), AccountOptions.parse(null, null, 9)).account().getId();
        long high = accounts.register(GitHubAccount.Origin.DEVICE_FLOW, new Secret("ghu_2"), new GitHubUser(2, "two", null), AccountOptions.parse(null, null, 1)).account().getId();
        long dead = accounts.register(GitHubAccount.Origin.DEVICE_FLOW, new Secret("ghu_3"), new GitHubUser(3, "three", null), AccountOptions.NONE).account().getId();
        long disabled = accounts.register(GitHubAccount.Origin.DEVICE_FLOW, new Secret("ghu_4"), new GitHubUser(4, "four", null), AccountOptions.NONE).account().getId();
        connector.require().runInTransaction(em -> {
            AccountRepository repository = new AccountRepository(em);
            repository.findById(dead).orElseThrow().setStatus(GitHubAccount.Status.NO_COPILOT, "no seat", Clock.systemUTC().instant());
            repository.findById(disabled).orElseThrow().setEnabled(false);
            repository.findById(low).orElseThrow().setStatus(GitHubAccount.Status.ACTIVE, null, Clock.systemUTC().instant());
        });

        assertEquals(List.of(new AccountService.UsableAccount(high, "two", 1, 1), new AccountService.UsableAccount(low, "one", 9, 1)),
                accounts.usableAccounts());
    }

    @Test
    void addingByTokenAsksGitHubWhoseTokenItIs() throws Exception {
        open(TestDatabases.targets().findFirst().orElseThrow().getPayload());

        AccountService.Registration added = accounts.addByToken(new Secret(ALICE_TOKEN), AccountOptions.NONE).get();

        assertTrue(added.created());
        assertEquals("alice", added.account().getLogin());
        assertEquals(GitHubAccount.Origin.ADMIN_API, added.account().getOrigin());
        GitHubException rejected = GitHubClientTest.failure(accounts.addByToken(new Secret("ghu_nobody"), AccountOptions.NONE));
        assertEquals(GitHubException.Problem.TOKEN_REJECTED, rejected.problem());
        assertEquals(1, accounts.list().size());
    }

    @Test
    void usageAsksGitHubWithTheStoredToken() throws Exception {
        open(TestDatabases.targets().findFirst().orElseThrow().getPayload());
        long id = accounts.register(GitHubAccount.Origin.DEVICE_FLOW, new Secret(ALICE_TOKEN), ALICE, AccountOptions.NONE).account().getId();

        CopilotUsage usage = accounts.usage(id).orElseThrow().get();

        assertEquals("individual", usage.plan());
        assertEquals("token " + ALICE_TOKEN, upstream.recorder().requests("/copilot_internal/user").get(0).header("authorization"));
        assertEquals(Optional.empty(), accounts.usage(id + 1));
    }

    @Test
    void withoutADatabaseEveryCallSaysSo() {
        try (DatabaseConnector down = new DatabaseConnector(() -> {
            throw new IllegalStateException("Connection refused");
        }, database -> { })) {
            down.connect();
            AccountService unavailable = service(down);

            assertThrows(DatabaseUnavailableException.class, unavailable::list);
            assertThrows(DatabaseUnavailableException.class, () -> unavailable.addByToken(new Secret(ALICE_TOKEN), AccountOptions.NONE));
            assertThrows(DatabaseUnavailableException.class, () -> unavailable.delete(1));
            assertTrue(upstream.recorder().requests().isEmpty(), "GitHub is not asked when the answer cannot be stored");
        }
    }
}
