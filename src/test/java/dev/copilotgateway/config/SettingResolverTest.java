package dev.copilotgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingResolverTest {

    private static final String PROPERTY = "copilot-gateway.github-api-url";

    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, Object> jndi = new HashMap<>();

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty(PROPERTY);
        System.clearProperty("copilot-gateway.github-token");
        System.clearProperty("copilot-gateway.github-token-file");
    }

    private SettingResolver resolver() {
        return new SettingResolver(List.of(new SystemPropertySource(), new EnvironmentSource(environment),
                JndiSource.of(InMemoryJndiContext.of(jndi))));
    }

    @Test
    void builtInDefaultWhenNoSourceHasTheSetting() {
        assertEquals(URI.create("https://api.github.com"), resolver().resolve(Settings.GITHUB_API_URL));
    }

    @Test
    void jndiBeatsDefault() {
        jndi.put("java:comp/env/copilot-gateway/github-api-url", "https://jndi.example");
        assertEquals(URI.create("https://jndi.example"), resolver().resolve(Settings.GITHUB_API_URL));
    }

    @Test
    void environmentBeatsJndi() {
        jndi.put("java:comp/env/copilot-gateway/github-api-url", "https://jndi.example");
        environment.put("COPILOT_GATEWAY_GITHUB_API_URL", "https://env.example");
        assertEquals(URI.create("https://env.example"), resolver().resolve(Settings.GITHUB_API_URL));
    }

    @Test
    void systemPropertyBeatsEverything() {
        jndi.put("java:comp/env/copilot-gateway/github-api-url", "https://jndi.example");
        environment.put("COPILOT_GATEWAY_GITHUB_API_URL", "https://env.example");
        System.setProperty(PROPERTY, "https://property.example");
        assertEquals(URI.create("https://property.example"), resolver().resolve(Settings.GITHUB_API_URL));
    }

    @Test
    void blankValueFallsThroughToTheNextSource() {
        environment.put("COPILOT_GATEWAY_GITHUB_API_URL", "  ");
        jndi.put("java:comp/env/copilot-gateway/github-api-url", "https://jndi.example");
        assertEquals(URI.create("https://jndi.example"), resolver().resolve(Settings.GITHUB_API_URL));
    }

    @Test
    void trailingSlashesAreRemovedFromUrls() {
        environment.put("COPILOT_GATEWAY_GITHUB_API_URL", "https://ghe.example.com/api/v3///");
        assertEquals(URI.create("https://ghe.example.com/api/v3"), resolver().resolve(Settings.GITHUB_API_URL));
    }

    @Test
    void invalidUrlNamesTheSettingItsSourceAndTheValue() {
        environment.put("COPILOT_GATEWAY_GITHUB_API_URL", "ftp://files.example");
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class, () -> resolver().resolve(Settings.GITHUB_API_URL));
        assertEquals("Invalid setting 'github-api-url' (environment variable COPILOT_GATEWAY_GITHUB_API_URL): "
                + "'ftp://files.example' is not an absolute http(s) URL", invalid.getMessage());
        assertEquals(0, invalid.getStackTrace().length, "one line in the container's log, no stack");
    }

    @Test
    void relativeUrlIsRejected() {
        jndi.put("java:comp/env/copilot-gateway/github-url", "github.com");
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class, () -> resolver().resolve(Settings.GITHUB_URL));
        assertTrue(invalid.getMessage().startsWith("Invalid setting 'github-url' (JNDI entry java:comp/env/copilot-gateway/github-url)"),
                invalid.getMessage());
    }

    @Test
    void invalidSecretNeverShowsItsValue() {
        environment.put("COPILOT_GATEWAY_ENCRYPTION_KEY", "not-base64-at-all!!");
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class, () -> resolver().resolve(Settings.ENCRYPTION_KEY));
        assertTrue(invalid.getMessage().contains("'encryption-key'"), invalid.getMessage());
        assertFalse(invalid.getMessage().contains("not-base64-at-all"), invalid.getMessage());
    }

    @Test
    void aesKeyOfWrongLengthIsRejected() {
        environment.put("COPILOT_GATEWAY_ENCRYPTION_KEY", "AAAAAAAAAAAAAAAAAAAAAA=="); // 16 bytes: fine
        assertTrue(resolver().resolve(Settings.ENCRYPTION_KEY).isPresent());
        environment.put("COPILOT_GATEWAY_ENCRYPTION_KEY", "AAAAAAAA"); // 6 bytes
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class, () -> resolver().resolve(Settings.ENCRYPTION_KEY));
        assertTrue(invalid.getMessage().endsWith("the value decodes to 6 bytes; an AES key has 16, 24 or 32"), invalid.getMessage());
    }

    @Test
    void secretFromAFileNamedInTheFileVariant(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("token");
        Files.writeString(file, "ghu_fromfile\n");
        environment.put("COPILOT_GATEWAY_GITHUB_TOKEN_FILE", file.toString());
        assertEquals(Optional.of(new Secret("ghu_fromfile")), resolver().resolve(Settings.GITHUB_TOKEN));
    }

    @Test
    void directValueBeatsFileInTheSameSourceAndHigherSourceFileBeatsLowerValue(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("token");
        Files.writeString(file, "ghu_fromfile");
        environment.put("COPILOT_GATEWAY_GITHUB_TOKEN_FILE", file.toString());
        environment.put("COPILOT_GATEWAY_GITHUB_TOKEN", "ghu_direct");
        assertEquals(Optional.of(new Secret("ghu_direct")), resolver().resolve(Settings.GITHUB_TOKEN));

        environment.remove("COPILOT_GATEWAY_GITHUB_TOKEN");
        jndi.put("java:comp/env/copilot-gateway/github-token", "ghu_jndi");
        System.setProperty("copilot-gateway.github-token-file", file.toString());
        assertEquals(Optional.of(new Secret("ghu_fromfile")), resolver().resolve(Settings.GITHUB_TOKEN));
    }

    @Test
    void unreadableSecretFileIsAnInvalidSetting(@TempDir Path folder) {
        environment.put("COPILOT_GATEWAY_GITHUB_TOKEN_FILE", folder.resolve("missing").toString());
        InvalidSettingException invalid = assertThrows(InvalidSettingException.class, () -> resolver().resolve(Settings.GITHUB_TOKEN));
        assertTrue(invalid.getMessage().contains("COPILOT_GATEWAY_GITHUB_TOKEN_FILE"), invalid.getMessage());
    }

    @Test
    void plainSettingsHaveNoFileVariant(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("url");
        Files.writeString(file, "https://from-file.example");
        environment.put("COPILOT_GATEWAY_GITHUB_API_URL_FILE", file.toString());
        assertEquals(URI.create("https://api.github.com"), resolver().resolve(Settings.GITHUB_API_URL));
    }

    @Test
    void jndiSourceWithoutAContainerIsEmpty() {
        assertEquals(Optional.empty(), JndiSource.ofContainer().lookup("github-url"));
    }
}
