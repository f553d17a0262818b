package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.InvalidSettingException;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.GatewayDataSource;
import dev.copilotgateway.persistence.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiKeysTest {

    @TempDir
    Path dataDir;

    private GatewayConfig config(Map<String, String> environment) {
        return TestConfigs.withDataDir(dataDir, environment);
    }

    @Test
    void generatedKeyIsWrittenPrivatelyStoredAsHashAndAcceptedByEveryNode() throws Exception {
        try (Database database = Database.open(GatewayDataSource.embeddedH2(dataDir))) {
            AdminApiKeys keys = AdminApiKeys.initialise(config(Map.of()), database, Clock.systemUTC());
            Path file = dataDir.resolve("admin-api-key");
            String key = Files.readString(file).strip();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(keys.matches(key));
            assertFalse(keys.matches(key + "x"));
            assertFalse(keys.matches(null));
            assertFalse(TestDatabases.allStoredValues(GatewayDataSource.embeddedH2(dataDir).dataSource()).contains(key),
                    "only the hash is stored");

            Files.delete(file); // another node: same database, no key file
            AdminApiKeys again = AdminApiKeys.initialise(config(Map.of()), database, Clock.systemUTC());
            assertTrue(again.matches(key));
            assertTrue(Files.notExists(file), "an existing key is not regenerated");
        }
    }

    @Test
    void configuredKeyIsTheOnlyOneAccepted() {
        try (Database database = Database.open(GatewayDataSource.embeddedH2(dataDir))) {
            AdminApiKeys keys = AdminApiKeys.initialise(config(Map.of("COPILOT_GATEWAY_ADMIN_API_KEY", "configured-admin-key")),
                    database, Clock.systemUTC());
            assertTrue(keys.matches("configured-admin-key"));
            assertFalse(keys.matches("other"));
            assertTrue(Files.notExists(dataDir.resolve("admin-api-key")));
        }
    }

    @Test
    void encryptionKeyCheckCatchesAChangedKey() {
        try (Database database = Database.open(GatewayDataSource.embeddedH2(dataDir))) {
            SecretCipher original = new SecretCipher(new SecretKeySpec(new byte[32], "AES"));
            EncryptionKeyCheck.verify(database, original, Clock.systemUTC());
            EncryptionKeyCheck.verify(database, original, Clock.systemUTC()); // same key: fine every time
            byte[] other = new byte[32];
            other[0] = 1;
            InvalidSettingException changed = assertThrows(InvalidSettingException.class,
                    () -> EncryptionKeyCheck.verify(database, new SecretCipher(new SecretKeySpec(other, "AES")), Clock.systemUTC()));
            assertEquals("encryption-key", changed.setting());
        }
    }
}
