package dev.copilotgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    private final Map<String, String> environment = new HashMap<>();

    private GatewayConfig load() {
        return TestConfigs.fromEnvironment(environment);
    }

    @Test
    void defaultsNeedNoConfiguration() {
        GatewayConfig config = load();
        assertEquals(Path.of(System.getProperty("user.home"), ".local/share/copilot-gateway"), config.dataDir());
        assertEquals(URI.create("https://github.com"), config.githubUrl());
        assertEquals(URI.create("https://api.github.com"), config.githubApiUrl());
        assertEquals(Optional.empty(), config.copilotApiUrl());
        assertEquals("1.104.3", config.vscodeVersion());
        assertEquals("0.38.0", config.copilotChatVersion());
        assertEquals("2025-05-01", config.copilotApiVersion());
        assertEquals(Optional.empty(), config.githubToken());
        assertEquals(List.of(), config.apiKeys());
        assertFalse(config.allowAnonymous(), "secure by default");
        assertEquals(Optional.empty(), config.adminApiKey());
        assertEquals(Optional.empty(), config.encryptionKey());
    }

    @Test
    void relativeDataDirIsMadeAbsolute() {
        environment.put("COPILOT_GATEWAY_DATA_DIR", "some/../data");
        Path dataDir = load().dataDir();
        assertTrue(dataDir.isAbsolute());
        assertEquals(Path.of("data").toAbsolutePath(), dataDir);
    }

    @Test
    void apiKeysAreSplitTrimmedAndDeduplicated() {
        environment.put("COPILOT_GATEWAY_API_KEYS", " key-one ,key-two,, key-one ");
        assertEquals(List.of(new Secret("key-one"), new Secret("key-two")), load().apiKeys());
    }

    @Test
    void copilotApiUrlIsOptional() {
        environment.put("COPILOT_GATEWAY_COPILOT_API_URL", "http://127.0.0.1:9999/");
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9999")), load().copilotApiUrl());
    }

    @Test
    void editorVersionsAreConfigurable() {
        environment.put("COPILOT_GATEWAY_VSCODE_VERSION", "1.106.0-insider");
        environment.put("COPILOT_GATEWAY_COPILOT_CHAT_VERSION", "0.50.1");
        environment.put("COPILOT_GATEWAY_COPILOT_API_VERSION", "2025-10-01");
        GatewayConfig config = load();
        assertEquals("1.106.0-insider", config.vscodeVersion());
        assertEquals("0.50.1", config.copilotChatVersion());
        assertEquals("2025-10-01", config.copilotApiVersion());
    }

    @Test
    void versionsThatWouldBreakAHeaderAreRefused() {
        environment.put("COPILOT_GATEWAY_VSCODE_VERSION", "1.0\r\nx-evil: 1");
        InvalidSettingException badVersion = assertThrows(InvalidSettingException.class, this::load);
        assertEquals("vscode-version", badVersion.setting());

        environment.remove("COPILOT_GATEWAY_VSCODE_VERSION");
        environment.put("COPILOT_GATEWAY_COPILOT_API_VERSION", "latest");
        InvalidSettingException badDate = assertThrows(InvalidSettingException.class, this::load);
        assertEquals("Invalid setting 'copilot-api-version' (environment variable COPILOT_GATEWAY_COPILOT_API_VERSION): "
                + "'latest' is not a date like 2025-05-01", badDate.getMessage());
    }

    @Test
    void secretsDoNotPrintTheirValue() {
        environment.put("COPILOT_GATEWAY_GITHUB_TOKEN", "ghu_verysecret");
        Secret token = load().githubToken().orElseThrow();
        assertEquals("ghu_verysecret", token.reveal());
        assertFalse(token.toString().contains("verysecret"));
        assertFalse(String.valueOf(load().githubToken()).contains("verysecret"));
    }

    @Test
    void timeoutsAndSizesAcceptTheUsualSpellings() {
        assertEquals(java.time.Duration.ofSeconds(10), load().connectTimeout());
        assertEquals(java.time.Duration.ofSeconds(600), load().firstByteTimeout());
        assertEquals(java.time.Duration.ofSeconds(300), load().streamIdleTimeout());
        assertEquals(32L << 20, load().maxBodySize());

        environment.put("COPILOT_GATEWAY_CONNECT_TIMEOUT", "250ms");
        environment.put("COPILOT_GATEWAY_FIRST_BYTE_TIMEOUT", "PT2M");
        environment.put("COPILOT_GATEWAY_STREAM_IDLE_TIMEOUT", "45");
        environment.put("COPILOT_GATEWAY_MAX_BODY_SIZE", "512KiB");
        GatewayConfig config = load();
        assertEquals(java.time.Duration.ofMillis(250), config.connectTimeout());
        assertEquals(java.time.Duration.ofMinutes(2), config.firstByteTimeout());
        assertEquals(java.time.Duration.ofSeconds(45), config.streamIdleTimeout());
        assertEquals(512L * 1024, config.maxBodySize());
    }

    @Test
    void nonsenseTimeoutsAndSizesAreInvalidSettings() {
        environment.put("COPILOT_GATEWAY_STREAM_IDLE_TIMEOUT", "soon");
        InvalidSettingException duration = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingException.class, this::load);
        assertEquals("Invalid setting 'stream-idle-timeout' (environment variable COPILOT_GATEWAY_STREAM_IDLE_TIMEOUT): "
                + "'soon' is not a duration (e.g. 30s, 5m, 250ms, 30d, PT1M)", duration.getMessage());
        environment.remove("COPILOT_GATEWAY_STREAM_IDLE_TIMEOUT");
        environment.put("COPILOT_GATEWAY_CONNECT_TIMEOUT", "0s");
        org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingException.class, this::load);
        environment.remove("COPILOT_GATEWAY_CONNECT_TIMEOUT");
        environment.put("COPILOT_GATEWAY_MAX_BODY_SIZE", "lots");
        InvalidSettingException size = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingException.class, this::load);
        assertEquals("max-body-size", size.setting());
    }

    @Test
    void allowAnonymousIsTrueOrFalseAndNothingElse() {
        environment.put("COPILOT_GATEWAY_ALLOW_ANONYMOUS", "true");
        assertTrue(load().allowAnonymous());
        environment.put("COPILOT_GATEWAY_ALLOW_ANONYMOUS", "FALSE");
        assertFalse(load().allowAnonymous());
        for (String sloppy : List.of("yes", "1", "on", "tru")) {
            environment.put("COPILOT_GATEWAY_ALLOW_ANONYMOUS", sloppy);
            InvalidSettingException invalid = assertThrows(InvalidSettingException.class, this::load, sloppy);
            assertEquals("allow-anonymous", invalid.setting());
            assertEquals("Invalid setting 'allow-anonymous' (environment variable COPILOT_GATEWAY_ALLOW_ANONYMOUS): '" + sloppy
                    + "' is neither true nor false", invalid.getMessage());
        }
    }
}
