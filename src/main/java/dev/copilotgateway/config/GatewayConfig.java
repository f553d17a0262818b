package dev.copilotgateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The gateway's settings, typed and validated once at start-up (see {@link Settings} for their meaning). */
public final class GatewayConfig {

    private final Path dataDir;
    private final URI githubUrl;
    private final URI githubApiUrl;
    private final Optional<URI> copilotApiUrl;
    private final String vscodeVersion;
    private final String copilotChatVersion;
    private final String copilotApiVersion;
    private final Optional<Secret> githubToken;
    private final List<Secret> apiKeys;
    private final boolean allowAnonymous;
    private final Optional<Secret> adminApiKey;
    private final Optional<Secret> encryptionKey;
    private final Duration connectTimeout;
    private final Duration firstByteTimeout;
    private final Duration streamIdleTimeout;
    private final long maxBodySize;

    private GatewayConfig(SettingResolver resolver) {
        this.dataDir = resolver.resolve(Settings.DATA_DIR);
        this.githubUrl = resolver.resolve(Settings.GITHUB_URL);
        this.githubApiUrl = resolver.resolve(Settings.GITHUB_API_URL);
        this.copilotApiUrl = resolver.resolve(Settings.COPILOT_API_URL);
        this.vscodeVersion = resolver.resolve(Settings.VSCODE_VERSION);
        this.copilotChatVersion = resolver.resolve(Settings.COPILOT_CHAT_VERSION);
        this.copilotApiVersion = resolver.resolve(Settings.COPILOT_API_VERSION);
        this.githubToken = resolver.resolve(Settings.GITHUB_TOKEN);
        this.apiKeys = resolver.resolve(Settings.API_KEYS);
        this.allowAnonymous = resolver.resolve(Settings.ALLOW_ANONYMOUS);
        this.adminApiKey = resolver.resolve(Settings.ADMIN_API_KEY);
        this.encryptionKey = resolver.resolve(Settings.ENCRYPTION_KEY);
        this.connectTimeout = resolver.resolve(Settings.CONNECT_TIMEOUT);
        this.firstByteTimeout = resolver.resolve(Settings.FIRST_BYTE_TIMEOUT);
        this.streamIdleTimeout = resolver.resolve(Settings.STREAM_IDLE_TIMEOUT);
        this.maxBodySize = resolver.resolve(Settings.MAX_BODY_SIZE);
    }

    /** Reads and validates every setting; throws {@link InvalidSettingException} for the first bad one. */
    public static GatewayConfig load(SettingResolver resolver) {
        return new GatewayConfig(resolver);
    }

    public Path dataDir() {
        return dataDir;
    }

    public URI githubUrl() {
        return githubUrl;
    }

    public URI githubApiUrl() {
        return githubApiUrl;
    }

    public Optional<URI> copilotApiUrl() {
        return copilotApiUrl;
    }

    public String vscodeVersion() {
        return vscodeVersion;
    }

    public String copilotChatVersion() {
        return copilotChatVersion;
    }

    public String copilotApiVersion() {
        return copilotApiVersion;
    }

    public Optional<Secret> githubToken() {
        return githubToken;
    }

    public List<Secret> apiKeys() {
        return apiKeys;
    }

    /** Whether the public API serves requests that carry no client API key (unsafe; off by default). */
    public boolean allowAnonymous() {
        return allowAnonymous;
    }

    public Optional<Secret> adminApiKey() {
        return adminApiKey;
    }

    public Optional<Secret> encryptionKey() {
        return encryptionKey;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration firstByteTimeout() {
        return firstByteTimeout;
    }

    public Duration streamIdleTimeout() {
        return streamIdleTimeout;
    }

    public long maxBodySize() {
        return maxBodySize;
    }
}
