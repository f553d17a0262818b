package dev.copilotgateway.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private final String upstreamHttpClient;
    private final HttpClient.Version upstreamHttpVersion;
    private final long maxBodySize;
    private final Map<String, String> modelAliases;
    private final Map<String, List<String>> modelFamilyPreference;
    private final Map<String, String> geminiModelFallbacks;
    private final String smallModel;
    private final boolean compactionUseSmallModel;
    private final double claudeTokenMultiplier;
    private final int claudeToolTokenOverhead;
    private final Map<String, String> extraSystemPrompts;
    private final List<String> anthropicBetaAllowList;
    private final String claudeDefaultEffort;
    private final Duration sharedStateRefresh;
    private final Duration usageRetention;
    private final boolean usageDebugBodies;
    private final Duration limitsSyncInterval;
    private final int maxConcurrentRequests;
    private final int maxConcurrentRequestsPerAccount;
    private final Duration consoleSessionIdleTimeout;
    private final Duration consoleSessionMaxAge;
    private final boolean consoleContainerAuth;
    private final List<CidrBlock> consoleTrustedProxies;
    private final String consoleSsoUserHeader;
    private final String consoleSsoGroupsHeader;
    private final List<String> consoleSsoAdminGroups;
    private final List<String> consoleSsoViewerGroups;
    private final String consoleSsoDefaultRole;
    private final Optional<Secret> metricsToken;
    private final Duration auditRetention;
    private final Duration upstreamMinInterval;
    private final String upstreamPacing;
    private final boolean manualApproval;
    private final Duration manualApprovalTimeout;

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
        this.upstreamHttpClient = resolver.resolve(Settings.UPSTREAM_HTTP_CLIENT);
        this.upstreamHttpVersion = resolver.resolve(Settings.UPSTREAM_HTTP_VERSION);
        this.maxBodySize = resolver.resolve(Settings.MAX_BODY_SIZE);
        this.modelAliases = resolver.resolve(Settings.MODEL_ALIASES);
        this.modelFamilyPreference = resolver.resolve(Settings.MODEL_FAMILY_PREFERENCE);
        this.geminiModelFallbacks = resolver.resolve(Settings.GEMINI_MODEL_FALLBACKS);
        this.smallModel = resolver.resolve(Settings.SMALL_MODEL);
        this.compactionUseSmallModel = resolver.resolve(Settings.COMPACTION_USE_SMALL_MODEL);
        this.claudeTokenMultiplier = resolver.resolve(Settings.CLAUDE_TOKEN_MULTIPLIER);
        this.claudeToolTokenOverhead = resolver.resolve(Settings.CLAUDE_TOOL_TOKEN_OVERHEAD);
        this.extraSystemPrompts = resolver.resolve(Settings.EXTRA_SYSTEM_PROMPTS);
        this.anthropicBetaAllowList = resolver.resolve(Settings.ANTHROPIC_BETA_ALLOW_LIST);
        this.claudeDefaultEffort = resolver.resolve(Settings.CLAUDE_DEFAULT_EFFORT);
        this.sharedStateRefresh = resolver.resolve(Settings.SHARED_STATE_REFRESH);
        this.usageRetention = resolver.resolve(Settings.USAGE_RETENTION);
        this.usageDebugBodies = resolver.resolve(Settings.USAGE_DEBUG_BODIES);
        this.limitsSyncInterval = resolver.resolve(Settings.LIMITS_SYNC_INTERVAL);
        this.maxConcurrentRequests = resolver.resolve(Settings.MAX_CONCURRENT_REQUESTS);
        this.maxConcurrentRequestsPerAccount = resolver.resolve(Settings.MAX_CONCURRENT_REQUESTS_PER_ACCOUNT);
        this.consoleSessionIdleTimeout = resolver.resolve(Settings.CONSOLE_SESSION_IDLE_TIMEOUT);
        this.consoleSessionMaxAge = resolver.resolve(Settings.CONSOLE_SESSION_MAX_AGE);
        this.consoleContainerAuth = resolver.resolve(Settings.CONSOLE_CONTAINER_AUTH);
        this.consoleTrustedProxies = resolver.resolve(Settings.CONSOLE_TRUSTED_PROXIES);
        this.consoleSsoUserHeader = resolver.resolve(Settings.CONSOLE_SSO_USER_HEADER);
        this.consoleSsoGroupsHeader = resolver.resolve(Settings.CONSOLE_SSO_GROUPS_HEADER);
        this.consoleSsoAdminGroups = resolver.resolve(Settings.CONSOLE_SSO_ADMIN_GROUPS);
        this.consoleSsoViewerGroups = resolver.resolve(Settings.CONSOLE_SSO_VIEWER_GROUPS);
        this.consoleSsoDefaultRole = resolver.resolve(Settings.CONSOLE_SSO_DEFAULT_ROLE);
        this.metricsToken = resolver.resolve(Settings.METRICS_TOKEN);
        this.auditRetention = resolver.resolve(Settings.AUDIT_RETENTION);
        this.upstreamMinInterval = resolver.resolve(Settings.UPSTREAM_MIN_INTERVAL);
        this.upstreamPacing = resolver.resolve(Settings.UPSTREAM_PACING);
        this.manualApproval = resolver.resolve(Settings.MANUAL_APPROVAL);
        this.manualApprovalTimeout = resolver.resolve(Settings.MANUAL_APPROVAL_TIMEOUT);
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

    /** {@code jetty} or {@code jdk}: the HTTP client of Copilot calls. */
    public String upstreamHttpClient() {
        return upstreamHttpClient;
    }

    public HttpClient.Version upstreamHttpVersion() {
        return upstreamHttpVersion;
    }

    public long maxBodySize() {
        return maxBodySize;
    }

    /** Client model name → model name, applied before the other name rules (TRANSLATION.md §2.1 rule 8). */
    public Map<String, String> modelAliases() {
        return modelAliases;
    }

    /** Family ({@code opus}) → Copilot ids, best first (TRANSLATION.md §2.1 rule 7). */
    public Map<String, List<String>> modelFamilyPreference() {
        return modelFamilyPreference;
    }

    /** Gemini id → the id used when the first is not available (TRANSLATION.md §2.1 rule 9). */
    public Map<String, String> geminiModelFallbacks() {
        return geminiModelFallbacks;
    }

    /** Where Claude Code's warm-up probes go (TRANSLATION.md §15.1). */
    public String smallModel() {
        return smallModel;
    }

    public boolean compactionUseSmallModel() {
        return compactionUseSmallModel;
    }

    public double claudeTokenMultiplier() {
        return claudeTokenMultiplier;
    }

    public int claudeToolTokenOverhead() {
        return claudeToolTokenOverhead;
    }

    /** Model id (or {@code *}) → text appended to the system prompt of Anthropic requests. */
    public Map<String, String> extraSystemPrompts() {
        return extraSystemPrompts;
    }

    /** The {@code anthropic-beta} values Copilot's /v1/messages accepts (UPSTREAM.md §6.5). */
    public List<String> anthropicBetaAllowList() {
        return anthropicBetaAllowList;
    }

    /** Effort for adaptive-thinking Claude models when the request names none (TRANSLATION.md §6.1 step 6). */
    public String claudeDefaultEffort() {
        return claudeDefaultEffort;
    }

    /** How stale this node's copy of the database-shared state (pool, accounts, mappings) may be. */
    public Duration sharedStateRefresh() {
        return sharedStateRefresh;
    }

    /** How often this node shares its per-key limit counts with the other nodes through the database. */
    public Duration limitsSyncInterval() {
        return limitsSyncInterval;
    }

    /** Most upstream requests open at once on this node; 0 for no limit. */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** Most upstream requests open at once per account on this node; 0 for no limit. */
    public int maxConcurrentRequestsPerAccount() {
        return maxConcurrentRequestsPerAccount;
    }

    /** How long a console session may go unused before it ends. */
    public Duration consoleSessionIdleTimeout() {
        return consoleSessionIdleTimeout;
    }

    /** How long after sign-in a console session ends, however much it is used. */
    public Duration consoleSessionMaxAge() {
        return consoleSessionMaxAge;
    }

    /** Whether the console trusts the principal the servlet container authenticated (AJP REMOTE_USER, a realm). */
    public boolean consoleContainerAuth() {
        return consoleContainerAuth;
    }

    /** The proxies whose SSO headers the console believes; empty: none. */
    public List<CidrBlock> consoleTrustedProxies() {
        return consoleTrustedProxies;
    }

    /** The header naming an SSO user. */
    public String consoleSsoUserHeader() {
        return consoleSsoUserHeader;
    }

    /** The header listing an SSO user's groups. */
    public String consoleSsoGroupsHeader() {
        return consoleSsoGroupsHeader;
    }

    /** Groups whose SSO members are console admins. */
    public List<String> consoleSsoAdminGroups() {
        return consoleSsoAdminGroups;
    }

    /** Groups whose SSO members are console viewers. */
    public List<String> consoleSsoViewerGroups() {
        return consoleSsoViewerGroups;
    }

    /** none, viewer or admin: the role of an SSO user in no mapped group. */
    public String consoleSsoDefaultRole() {
        return consoleSsoDefaultRole;
    }

    /** How long usage records are kept. */
    public Duration usageRetention() {
        return usageRetention;
    }

    /** Debugging only: whether usage records keep the (redacted, cut) bodies. */
    public boolean usageDebugBodies() {
        return usageDebugBodies;
    }

    /** The bearer token that opens /metrics from anywhere; empty: loopback only. */
    public Optional<Secret> metricsToken() {
        return metricsToken;
    }

    /** How long audit entries are kept. */
    public Duration auditRetention() {
        return auditRetention;
    }

    /** Default least time between two requests to one account (0: no pacing); the pool settings may change it. */
    public Duration upstreamMinInterval() {
        return upstreamMinInterval;
    }

    /** Default of what a request too early for its account's pace does: {@code wait} or {@code refuse}. */
    public String upstreamPacing() {
        return upstreamPacing;
    }

    /** Default of whether requests wait for an admin's approval; the pool settings may change it. */
    public boolean manualApproval() {
        return manualApproval;
    }

    /** Default of how long a request waits for an admin's decision. */
    public Duration manualApprovalTimeout() {
        return manualApprovalTimeout;
    }
}
