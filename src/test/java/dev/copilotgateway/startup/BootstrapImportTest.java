package dev.copilotgateway.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.ApiKeyRepository;
import dev.copilotgateway.persistence.ClientApiKey;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.security.Hashes;
import dev.copilotgateway.security.SecretCipher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bootstrap settings, imported at every start, on every database of {@link TestDatabases}. */
class BootstrapImportTest {

    private static final String TARGETS = "dev.copilotgateway.persistence.TestDatabases#targets";
    private static final String TOKEN = "ghu_bootstrapTokenValue0123456789abcdef";

    @TempDir
    Path folder;

    private final SecretCipher cipher = new SecretCipher(new SecretKeySpec(new byte[32], "AES"));
    private final BootstrapImport bootstrap = new BootstrapImport(cipher, Clock.systemUTC());

    private static GatewayConfig config(String githubToken, String apiKeys) {
        Map<String, String> environment = new HashMap<>();
        if (githubToken != null) {
            environment.put("COPILOT_GATEWAY_GITHUB_TOKEN", githubToken);
        }
        if (apiKeys != null) {
            environment.put("COPILOT_GATEWAY_API_KEYS", apiKeys);
        }
        return TestConfigs.fromEnvironment(environment);
    }

    private static List<GitHubAccount> accounts(Database database) {
        return database.inTransaction(em -> new AccountRepository(em).findAll());
    }

    private static List<ClientApiKey> keys(Database database) {
        return database.inTransaction(em -> em.createQuery("select k from ClientApiKey k order by k.id", ClientApiKey.class).getResultList());
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void tokenBecomesOneAccountWhoseRowHoldsOnlyCiphertext(TestDatabases.Target target) throws Exception {
        DataSource raw;
        try (Database database = Database.open(target.empty(folder))) {
            bootstrap.run(config(TOKEN, null), database);
            List<GitHubAccount> accounts = accounts(database);
            assertEquals(1, accounts.size());
            assertEquals(GitHubAccount.Origin.BOOTSTRAP, accounts.get(0).getOrigin());
            assertEquals(GitHubAccount.Status.PENDING, accounts.get(0).getStatus());
        }
        raw = target.reopen(folder).dataSource();
        try (Connection connection = raw.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT github_token_ciphertext, github_token_hash FROM github_account")) {
            assertTrue(row.next());
            String ciphertext = row.getString(1);
            assertFalse(ciphertext.contains(TOKEN));
            assertTrue(ciphertext.startsWith("v1:"));
            assertEquals(TOKEN, cipher.decrypt(ciphertext));
            assertEquals(Hashes.sha256Hex(TOKEN), row.getString(2));
        }
        assertTrue(TestDatabases.allStoredValues(raw).stream().noneMatch(value -> value.contains(TOKEN)),
                "the token appears in no column of any table");
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void everyRestartFindsTheSameAccount(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            bootstrap.run(config(TOKEN, null), database);
        }
        try (Database database = Database.open(target.reopen(folder))) {
            bootstrap.run(config(TOKEN, null), database);
            bootstrap.run(config(TOKEN, null), database);
            assertEquals(1, accounts(database).size());
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void aNewTokenUpdatesTheBootstrapAccountInsteadOfAddingOne(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            bootstrap.run(config(TOKEN, null), database);
            long id = accounts(database).get(0).getId();
            bootstrap.run(config("ghu_rotatedToken", null), database);
            List<GitHubAccount> accounts = accounts(database);
            assertEquals(1, accounts.size());
            assertEquals(id, accounts.get(0).getId());
            assertEquals("ghu_rotatedToken", cipher.decrypt(accounts.get(0).getGithubTokenCiphertext()));
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void tokenAlreadyAddedByTheAdminIsNotAddedAgain(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            database.runInTransaction(em -> new AccountRepository(em).add(new GitHubAccount(GitHubAccount.Origin.ADMIN_API,
                    cipher.encrypt(TOKEN), Hashes.sha256Hex(TOKEN), Clock.systemUTC().instant())));
            bootstrap.run(config(TOKEN, null), database);
            List<GitHubAccount> accounts = accounts(database);
            assertEquals(1, accounts.size());
            assertEquals(GitHubAccount.Origin.ADMIN_API, accounts.get(0).getOrigin());
        }
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void apiKeysAreStoredAsHashesAndFollowTheSetting(TestDatabases.Target target) {
        String first = "client-key-one-0123456789";
        String second = "client-key-two-0123456789";
        try (Database database = Database.open(target.empty(folder))) {
            bootstrap.run(config(null, first + "," + second), database);
            bootstrap.run(config(null, first + "," + second), database); // a restart: nothing new
            List<ClientApiKey> keys = keys(database);
            assertEquals(2, keys.size());
            assertEquals(Hashes.sha256Hex(first), keys.get(0).getKeyHash());
            assertEquals("client-k", keys.get(0).getKeyPrefix());
            assertNull(keys.get(0).getAccount(), "bootstrap keys use the pool");
            assertTrue(database.inTransaction(em -> new ApiKeyRepository(em).findByHash(Hashes.sha256Hex(second))).isPresent());

            // The second key leaves the setting: it stops working, and stays revoked if it comes back.
            bootstrap.run(config(null, first), database);
            assertNull(keys(database).get(0).getRevokedAt());
            assertNotNull(keys(database).get(1).getRevokedAt());
            bootstrap.run(config(null, first + "," + second), database);
            assertEquals(2, keys(database).size());
            assertNotNull(keys(database).get(1).getRevokedAt());
        }
        DataSource raw = target.reopen(folder).dataSource();
        assertTrue(TestDatabases.allStoredValues(raw).stream().noneMatch(value -> value.contains(first) || value.contains(second)),
                "keys appear in no column of any table");
    }
}
