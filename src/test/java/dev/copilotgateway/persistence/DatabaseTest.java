package dev.copilotgateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The migrations and the entity mappings, on every database of {@link TestDatabases}. */
class DatabaseTest {

    private static final String TARGETS = "dev.copilotgateway.persistence.TestDatabases#targets";
    // Databases store microseconds; compare at that precision.
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(TARGETS)
    void migratesAnEmptyDatabaseAndHibernateAcceptsTheSchema(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            assertEquals("4", database.schemaVersion());
            assertTrue(database.isReachable(2));
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void reopeningKeepsDataAndAppliesNothingTwice(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            database.runInTransaction(em -> new GatewaySettingRepository(em).put("probe", "kept", NOW));
        }
        try (Database database = Database.open(target.reopen(folder))) {
            assertEquals("4", database.schemaVersion());
            assertEquals("kept", database.inTransaction(em -> new GatewaySettingRepository(em).find("probe").orElseThrow()));
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void everyEntityIsStoredAndReadBack(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            long accountId = database.inTransaction(em -> {
                GitHubAccount account = new GitHubAccount(GitHubAccount.Origin.DEVICE_FLOW, "v1:cipher", "hash-1", NOW);
                account.setLogin("octocat");
                account.setGithubUserId(583231L);
                account.setAccountType(GitHubAccount.AccountType.ENTERPRISE);
                account.setEnterpriseHost("company.ghe.com");
                account.setPriority(3);
                em.persist(account);

                ClientApiKey key = new ClientApiKey("ci", "cgw_abcd", "key-hash", ClientApiKey.Origin.ADMIN_API, NOW);
                key.setOwner("ops@example.com");
                key.setAccount(account);
                key.setExpiresAt(NOW.plus(30, ChronoUnit.DAYS));
                em.persist(key);

                em.persist(new ModelMapping("gpt-4", "gpt-4.1", NOW));

                ConsoleUser user = new ConsoleUser("admin", ConsoleUser.Role.ADMIN, NOW);
                user.setPasswordHash("pbkdf2$...");
                em.persist(user);
                em.persist(new ConsoleSession("session-hash", user, "csrf", NOW, NOW.plus(8, ChronoUnit.HOURS)));

                UsageRecord usage = new UsageRecord(NOW, "OPENAI_CHAT", 200, true, 1234);
                usage.setApiKeyId(key.getId());
                usage.setAccountId(account.getId());
                usage.setModel("gpt-4.1");
                usage.setUpstreamEndpoint("/chat/completions");
                usage.setInitiator("user");
                usage.setTokens(1200L, 80L, 1000L);
                em.persist(usage);
                return account.getId();
            });

            database.runInTransaction(em -> {
                GitHubAccount account = em.find(GitHubAccount.class, accountId);
                assertEquals("octocat", account.getLogin());
                assertEquals(GitHubAccount.AccountType.ENTERPRISE, account.getAccountType());
                assertEquals("company.ghe.com", account.getEnterpriseHost());
                assertEquals(GitHubAccount.Status.PENDING, account.getStatus());
                assertEquals(NOW, account.getCreatedAt());

                ClientApiKey key = new ApiKeyRepository(em).findByHash("key-hash").orElseThrow();
                assertEquals(accountId, key.getAccount().getId());
                assertEquals(NOW.plus(30, ChronoUnit.DAYS), key.getExpiresAt());
                assertTrue(key.isUsableAt(NOW));

                assertEquals("gpt-4.1", em.createQuery("select m from ModelMapping m", ModelMapping.class).getSingleResult().getTargetModel());
                ConsoleSession session = em.createQuery("select s from ConsoleSession s", ConsoleSession.class).getSingleResult();
                assertEquals("admin", session.getUser().getUsername());
                UsageRecord usage = em.createQuery("select u from UsageRecord u", UsageRecord.class).getSingleResult();
                assertEquals(1000L, usage.getCachedTokens());
                assertEquals(key.getId(), usage.getApiKeyId());
            });
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void aGitHubTokenIsStoredOnce(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            database.runInTransaction(em -> em.persist(new GitHubAccount(GitHubAccount.Origin.ADMIN_API, "v1:a", "same", NOW)));
            assertThrows(PersistenceException.class, () -> database.runInTransaction(
                    em -> em.persist(new GitHubAccount(GitHubAccount.Origin.ADMIN_API, "v1:b", "same", NOW))));
            assertEquals(1, database.inTransaction(em -> new AccountRepository(em).findAll()).size());
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void accountsAreFoundByGitHubUserPerHostAndKeepOneClientIdentity(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            database.runInTransaction(em -> {
                AccountRepository accounts = new AccountRepository(em);
                GitHubAccount dotCom = accounts.add(new GitHubAccount(GitHubAccount.Origin.DEVICE_FLOW, "v1:a", "h1", NOW));
                dotCom.setGithubUserId(7L);
                dotCom.assignClientIdentity("0b6a3a4e-1d2c-4f6e-9a8b-7c6d5e4f3a2b", "ab".repeat(32));
                GitHubAccount enterprise = accounts.add(new GitHubAccount(GitHubAccount.Origin.DEVICE_FLOW, "v1:b", "h2", NOW));
                enterprise.setGithubUserId(7L);
                enterprise.setEnterpriseHost("corp.ghe.com");
            });
            GitHubAccount found = database.inTransaction(em -> new AccountRepository(em).findByGitHubUser(7, null).orElseThrow());
            assertEquals("h1", found.getGithubTokenHash());
            assertEquals("0b6a3a4e-1d2c-4f6e-9a8b-7c6d5e4f3a2b", found.getDeviceId());
            assertEquals("ab".repeat(32), found.getMachineId());
            assertThrows(IllegalStateException.class, () -> found.assignClientIdentity("other", "other"));
            assertEquals("h2", database.inTransaction(em -> new AccountRepository(em).findByGitHubUser(7, "corp.ghe.com")).orElseThrow().getGithubTokenHash());
            assertTrue(database.inTransaction(em -> new AccountRepository(em).findByGitHubUser(8, null)).isEmpty());
            assertTrue(database.inTransaction(em -> new AccountRepository(em).findByGitHubUser(7, "other.ghe.com")).isEmpty());

            database.runInTransaction(em -> new AccountRepository(em).remove(new AccountRepository(em).findById(found.getId()).orElseThrow()));
            assertTrue(database.inTransaction(em -> new AccountRepository(em).findById(found.getId())).isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void keysBoundToAnAccountGoWithIt(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            long accountId = database.inTransaction(em -> {
                GitHubAccount account = new GitHubAccount(GitHubAccount.Origin.ADMIN_API, "v1:a", "h", NOW);
                em.persist(account);
                ClientApiKey bound = new ClientApiKey("bound", "p1", "k1", ClientApiKey.Origin.ADMIN_API, NOW);
                bound.setAccount(account);
                em.persist(bound);
                em.persist(new ClientApiKey("pool", "p2", "k2", ClientApiKey.Origin.ADMIN_API, NOW));
                return account.getId();
            });
            // Deleted the way a DBA or a bulk statement would, so the database's own rule is what is tested.
            database.runInTransaction(em -> em.createNativeQuery("DELETE FROM github_account WHERE id = " + accountId).executeUpdate());
            List<ClientApiKey> left = database.inTransaction(em -> em.createQuery("select k from ClientApiKey k", ClientApiKey.class).getResultList());
            assertEquals(List.of("pool"), left.stream().map(ClientApiKey::getName).toList());
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void failedTransactionLeavesNothingBehind(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            assertThrows(IllegalStateException.class, () -> database.runInTransaction(em -> {
                new GatewaySettingRepository(em).put("half-done", "x", NOW);
                em.flush();
                throw new IllegalStateException("boom");
            }));
            assertTrue(database.inTransaction(em -> new GatewaySettingRepository(em).find("half-done")).isEmpty());
            assertNotNull(database.description());
        }
    }
}
