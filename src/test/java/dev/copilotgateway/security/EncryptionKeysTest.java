package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.InvalidSettingException;
import dev.copilotgateway.config.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeysTest {

    @TempDir
    Path dataDir;

    private GatewayConfig config(Map<String, String> environment) {
        return TestConfigs.withDataDir(dataDir, environment);
    }

    @Test
    void generatesAPrivateKeyFileOnceAndReusesIt() throws Exception {
        SecretKey first = EncryptionKeys.load(config(Map.of()));
        Path file = dataDir.resolve("encryption.key");
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, first.getEncoded().length);
        assertArrayEquals(first.getEncoded(), EncryptionKeys.load(config(Map.of())).getEncoded());
        try (var leftovers = Files.list(dataDir)) {
            assertEquals(List.of(file), leftovers.toList(), "no temporary files left behind");
        }
    }

    @Test
    void configuredKeyWinsAndNoFileIsWritten() {
        byte[] key = new byte[16];
        key[0] = 42;
        SecretKey loaded = EncryptionKeys.load(config(Map.of("COPILOT_GATEWAY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key))));
        assertArrayEquals(key, loaded.getEncoded());
        assertTrue(Files.notExists(dataDir.resolve("encryption.key")));
    }

    @Test
    void corruptKeyFileIsReportedAsTheEncryptionKeySetting() throws Exception {
        Files.writeString(dataDir.resolve("encryption.key"), "!!! not a key");
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class, () -> EncryptionKeys.load(config(Map.of())));
        assertEquals("encryption-key", invalid.setting());
    }
}
