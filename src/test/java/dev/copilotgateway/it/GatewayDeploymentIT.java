package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.Secret;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.security.EncryptionKeys;
import dev.copilotgateway.security.Hashes;
import dev.copilotgateway.security.SecretCipher;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built WAR in a real Tomcat 10.1 configured from tomcat-conf/ (JNDI H2 DataSource, logging, server.xml),
 * with the bootstrap settings given as JVM system properties. The tests run in order: they follow one
 * deployment through its life (deploy, undeploy, redeploy) and then look at what it left on disk.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayDeploymentIT {

    private static final String GATEWAY = "gateway";
    private static final String GATEWAY_PATH = "/copilot-gateway";
    private static final String BAD_CONFIG = "bad-config";

    /** The client key the admin API created, followed to the database and the logs by the later tests. */
    private static String createdClientKey;

    @ArquillianResource
    private Deployer deployer;

    /** GitHub and Copilot for the deployed gateway; the bootstrap token belongs to one of its users. */
    private static FakeCopilotUpstream upstream;

    @BeforeAll
    static void startUpstream() {
        upstream = ItEnvironment.newUpstream().start(ItEnvironment.UPSTREAM_PORT);
        upstream.addGitHubUser(ItEnvironment.GITHUB_TOKEN, ItEnvironment.GITHUB_USER_ID, ItEnvironment.GITHUB_LOGIN);
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @Deployment(name = GATEWAY, managed = false, testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    /** The same WAR with an unusable encryption-key given as a JNDI entry in its own context.xml. */
    @Deployment(name = BAD_CONFIG, managed = false, testable = false)
    static WebArchive badConfig() {
        return ShrinkWrap.create(WebArchive.class, BAD_CONFIG + ".war")
                .merge(gateway())
                .addAsManifestResource(new StringAsset("<Context>\n"
                        + "  <Environment name=\"copilot-gateway/encryption-key\" type=\"java.lang.String\" value=\"this is not base64!\"/>\n"
                        + "</Context>\n"), "context.xml");
    }

    @Test
    @Order(1)
    void deployedWarAnswersHealthAndReadiness() throws Exception {
        deployer.deploy(GATEWAY);

        HttpResponse<String> health = ItEnvironment.get(GATEWAY_PATH, "/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());
        assertTrue(health.headers().firstValue("content-type").orElse("").startsWith("application/json"));

        HttpResponse<String> ready = ItEnvironment.get(GATEWAY_PATH, "/readyz");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("{\"schemaVersion\":\"" + TestDatabases.latestSchemaVersion() + "\",\"status\":\"ok\"}", ready.body());

        // At start the gateway exchanged the bootstrap account's token, found out whose it is, and shows it active.
        String adminKey = ItEnvironment.adminKey();
        HttpResponse<String> accounts = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            accounts = ItEnvironment.get(GATEWAY_PATH, "/admin/api/accounts", adminKey);
            if (accounts.body().contains("\"status\":\"active\"")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(200, accounts.statusCode(), accounts.body());
        assertTrue(accounts.body().contains("\"login\":\"" + ItEnvironment.GITHUB_LOGIN + "\""), accounts.body());
        assertTrue(accounts.body().contains("\"status\":\"active\""), accounts.body());
        assertTrue(accounts.body().contains("\"copilotTokenValidUntil\":"), accounts.body());
        assertFalse(accounts.body().contains(ItEnvironment.GITHUB_TOKEN));
        assertFalse(accounts.body().contains("tid="), "no Copilot token");
        assertTrue(upstream.tokenExchangeCount() >= 1);
        assertEquals(401, ItEnvironment.get(GATEWAY_PATH, "/admin/api/accounts").statusCode());

        HttpResponse<String> unknown = ItEnvironment.get(GATEWAY_PATH, "/v1/no-such-endpoint");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().startsWith("{\"error\":"), unknown.body());
    }

    @Test
    @Order(2)
    void clientKeyCreatedThroughTheAdminApiIsListedWithoutItsSecretAndRevoked() throws Exception {
        String adminKey = "Bearer " + ItEnvironment.adminKey();
        // Other test classes share the database and may have made keys: the list grows by one.
        int before = json(ItEnvironment.send(ItEnvironment.request(GATEWAY_PATH, "/admin/api/keys").header("Authorization", adminKey)).body())
                .getJsonArray("data").size();
        HttpResponse<String> created = ItEnvironment.send(ItEnvironment.request(GATEWAY_PATH, "/admin/api/keys")
                .header("Authorization", adminKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"integration test\",\"expiresInDays\":1}")));
        assertEquals(201, created.statusCode(), created.body());
        JsonObject key = json(created.body());
        createdClientKey = key.getString("key");
        assertEquals("active", key.getString("state"));

        HttpResponse<String> listed = ItEnvironment.send(ItEnvironment.request(GATEWAY_PATH, "/admin/api/keys").header("Authorization", adminKey));
        assertEquals(200, listed.statusCode(), listed.body());
        assertFalse(listed.body().contains(createdClientKey), "no secret in the list");
        assertEquals(before + 1, json(listed.body()).getJsonArray("data").size(), "the keys there were and the new one");
        assertTrue(before >= ItEnvironment.API_KEYS.size(), "the bootstrap keys are listed");

        long id = key.getJsonNumber("id").longValue();
        HttpResponse<String> revoked = ItEnvironment.send(ItEnvironment.request(GATEWAY_PATH, "/admin/api/keys/" + id)
                .header("Authorization", adminKey).DELETE());
        assertEquals(204, revoked.statusCode(), revoked.body());
        HttpResponse<String> withoutAdminKey = ItEnvironment.send(ItEnvironment.request(GATEWAY_PATH, "/admin/api/keys"));
        assertEquals(401, withoutAdminKey.statusCode());
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    @Test
    @Order(3)
    void bootstrapAccountAndKeysArePersistedAsCiphertextAndHashes() throws Exception {
        deployer.undeploy(GATEWAY); // releases the H2 file so the test can read the raw rows
        Stored stored = readDatabase();

        assertEquals(1, stored.accountIds.size(), "one bootstrap account");
        assertFalse(stored.tokenCiphertext.contains(ItEnvironment.GITHUB_TOKEN));
        SecretCipher cipher = EncryptionKeys.cipherFor(new Secret(Files.readString(ItEnvironment.DATA_DIR.resolve("encryption.key")).strip()));
        assertEquals(ItEnvironment.GITHUB_TOKEN, cipher.decrypt(stored.tokenCiphertext), "the stored token decrypts with the generated key");

        assertEquals(ItEnvironment.API_KEYS.stream().map(Hashes::sha256Hex).sorted().toList(), stored.keyHashes);
        // Other test classes share the database and revoke keys of their own: this class's is among the revoked ones.
        assertTrue(stored.revokedAdminKeyHashes.contains(Hashes.sha256Hex(createdClientKey)), "the admin API's key, revoked");
        for (String value : stored.allValues) {
            assertFalse(value.contains(ItEnvironment.GITHUB_TOKEN), "token stored in clear: " + value);
            ItEnvironment.API_KEYS.forEach(key -> assertFalse(value.contains(key), "API key stored in clear"));
            assertFalse(value.contains(createdClientKey), "created API key stored in clear");
        }
    }

    @Test
    @Order(4)
    void redeployKeepsTheSameAccountAndKeysWithoutDuplicates() throws Exception {
        List<Long> accountsBefore = readDatabase().accountIds;

        deployer.deploy(GATEWAY);
        assertEquals(200, ItEnvironment.get(GATEWAY_PATH, "/readyz").statusCode());
        deployer.undeploy(GATEWAY);

        Stored after = readDatabase();
        assertEquals(accountsBefore, after.accountIds);
        assertEquals(ItEnvironment.API_KEYS.size(), after.keyHashes.size());
    }

    @Test
    @Order(5)
    void invalidSettingRefusesTheDeploymentWithOneClearLine() throws Exception {
        assertThrows(Exception.class, () -> deployer.deploy(BAD_CONFIG));
        assertNotEquals(200, ItEnvironment.get("/" + BAD_CONFIG, "/healthz").statusCode());

        String expected = "Invalid setting 'encryption-key' (JNDI entry java:comp/env/copilot-gateway/encryption-key): "
                + "the value is not base64 (expected base64 of a 16, 24 or 32 byte AES key)";
        assertTrue(tomcatLogs().stream().anyMatch(line -> line.contains(expected)), "the log names the setting: " + expected);
        assertTrue(tomcatLogs().stream().noneMatch(line -> line.contains("this is not base64!")), "the secret's value is not logged");
    }

    @Test
    @Order(6)
    void secretsNeverReachTheLogs() throws Exception {
        List<String> secrets = new ArrayList<>(ItEnvironment.API_KEYS);
        secrets.add(createdClientKey);
        secrets.add(ItEnvironment.GITHUB_TOKEN);
        secrets.add(ItEnvironment.adminKey());
        secrets.add(Files.readString(ItEnvironment.DATA_DIR.resolve("encryption.key")).strip());
        List<String> lines = tomcatLogs();
        assertTrue(lines.stream().anyMatch(line -> line.contains("Copilot Gateway started")), "the logs were read");
        for (String secret : secrets) {
            assertTrue(lines.stream().noneMatch(line -> line.contains(secret)), "a secret is in Tomcat's logs");
        }
    }

    /** {@code keyHashes}: of the bootstrap (api-keys setting) keys; {@code revokedAdminKeyHashes}: of revoked admin API keys. */
    private record Stored(List<Long> accountIds, String tokenCiphertext, List<String> keyHashes, List<String> revokedAdminKeyHashes,
                          List<String> allValues) {
    }

    private static Stored readDatabase() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + ItEnvironment.DATA_DIR.resolve("copilot-gateway"));
        h2.setUser("sa");
        List<Long> accountIds = new ArrayList<>();
        String ciphertext = null;
        List<String> keyHashes = new ArrayList<>();
        List<String> revokedAdminKeyHashes = new ArrayList<>();
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT id, github_token_ciphertext FROM github_account ORDER BY id")) {
                while (rows.next()) {
                    accountIds.add(rows.getLong(1));
                    ciphertext = rows.getString(2);
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT key_hash FROM client_api_key WHERE origin = 'BOOTSTRAP' ORDER BY key_hash")) {
                while (rows.next()) {
                    keyHashes.add(rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT key_hash FROM client_api_key WHERE origin = 'ADMIN_API' AND revoked_at IS NOT NULL ORDER BY key_hash")) {
                while (rows.next()) {
                    revokedAdminKeyHashes.add(rows.getString(1));
                }
            }
        }
        return new Stored(accountIds, ciphertext, keyHashes, revokedAdminKeyHashes, TestDatabases.allStoredValues(h2));
    }

    private static List<String> tomcatLogs() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(ItEnvironment.CATALINA_HOME.resolve("logs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
