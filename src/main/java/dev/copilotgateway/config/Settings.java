package dev.copilotgateway.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the gateway, declared once. The README's settings table lists exactly these
 * (SettingsDocumentationTest keeps the two in step).
 */
public final class Settings {

    public static final Setting<Path> DATA_DIR = Setting.plain("data-dir", "~/.local/share/copilot-gateway",
            "Folder for the embedded H2 database and the generated keys; made absolute.",
            Parsers::directory);

    public static final Setting<URI> GITHUB_URL = Setting.plain("github-url", "https://github.com",
            "GitHub web host for the device-flow login (GitHub Enterprise: https://<domain>).",
            Parsers::httpUrl);

    public static final Setting<URI> GITHUB_API_URL = Setting.plain("github-api-url", "https://api.github.com",
            "GitHub REST API host: /user and the Copilot token exchange.",
            Parsers::httpUrl);

    public static final Setting<Optional<URI>> COPILOT_API_URL = Setting.plain("copilot-api-url", "",
            "Copilot API base URL for every account; empty means derived per account (token endpoints, account type, Enterprise host).",
            Parsers::optionalHttpUrl);

    public static final Setting<String> VSCODE_VERSION = Setting.plain("vscode-version", "1.104.3",
            "VS Code version the gateway presents to Copilot (editor-version: vscode/<v>); never looked up on the network.",
            Parsers::versionLabel);

    public static final Setting<String> COPILOT_CHAT_VERSION = Setting.plain("copilot-chat-version", "0.38.0",
            "Copilot Chat extension version the gateway presents (editor-plugin-version: copilot-chat/<v>, user-agent: GitHubCopilotChat/<v>).",
            Parsers::versionLabel);

    public static final Setting<String> COPILOT_API_VERSION = Setting.plain("copilot-api-version", "2025-05-01",
            "x-github-api-version sent on Copilot API calls (a date, YYYY-MM-DD).",
            Parsers::apiVersionDate);

    public static final Setting<Optional<Secret>> GITHUB_TOKEN = Setting.secret("github-token",
            "GitHub token of a bootstrap account, created or updated at start-up (never duplicated).",
            Parsers::optionalSecret);

    public static final Setting<List<Secret>> API_KEYS = Setting.secret("api-keys",
            "Comma-separated client API keys created at start-up (stored as hashes).",
            Parsers::secretList);

    public static final Setting<Boolean> ALLOW_ANONYMOUS = Setting.plain("allow-anonymous", "false",
            "true lets requests without a client API key use the public API. Unsafe: anyone who can reach the gateway uses your Copilot seats. A wrong key is still rejected.",
            Parsers::strictBoolean);

    public static final Setting<Optional<Secret>> ADMIN_API_KEY = Setting.secret("admin-api-key",
            "Key of the admin JSON API; unset means generated once, stored as a hash, and written to <data-dir>/admin-api-key.",
            Parsers::optionalSecret);

    public static final Setting<Optional<Secret>> ENCRYPTION_KEY = Setting.secret("encryption-key",
            "Base64 AES key (16, 24 or 32 bytes) that encrypts GitHub tokens at rest; unset means generated into <data-dir>/encryption.key. Give every node of a cluster the same key.",
            Parsers::optionalAesKey);

    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.plain("connect-timeout", "10s",
            "Time allowed to open a connection to GitHub or the Copilot API.",
            Parsers::duration);

    public static final Setting<Duration> FIRST_BYTE_TIMEOUT = Setting.plain("first-byte-timeout", "600s",
            "Time allowed for the Copilot API's response headers (a non-streamed answer of a thinking model can take minutes).",
            Parsers::duration);

    public static final Setting<Duration> STREAM_IDLE_TIMEOUT = Setting.plain("stream-idle-timeout", "300s",
            "Longest silence between two events of a stream before it is ended with an error event (thinking pauses are long).",
            Parsers::duration);

    public static final Setting<String> UPSTREAM_HTTP_CLIENT = Setting.plain("upstream-http-client", "jetty",
            "HTTP client for Copilot API calls: jetty (non-blocking, on a bounded pool of the gateway's own threads) or jdk (java.net.http; on a machine with 1-2 CPUs it starts a thread per request).",
            Parsers::upstreamHttpClient);

    public static final Setting<HttpClient.Version> UPSTREAM_HTTP_VERSION = Setting.plain("upstream-http-version", "2",
            "HTTP version of Copilot API calls: 2 (negotiated by ALPN over TLS, falling back to 1.1; cleartext h2c with prior knowledge for an http:// URL) or 1.1.",
            Parsers::httpVersion);

    public static final Setting<Long> MAX_BODY_SIZE = Setting.plain("max-body-size", "32MiB",
            "Largest request body the public API accepts; larger ones get 413.",
            Parsers::byteSize);

    public static final Setting<Map<String, String>> MODEL_ALIASES = Setting.plain("model-aliases", "",
            "Comma-separated name=model pairs applied after the admin API's model mappings and before any other model-name rule (e.g. gpt-4=gpt-4.1,claude-3-opus=opus); a key matches the name as sent or its normalised form.",
            Parsers::keyValuePairs);

    public static final Setting<Map<String, List<String>>> MODEL_FAMILY_PREFERENCE = Setting.plain("model-family-preference",
            "opus=claude-opus-4.6>claude-opus-4.5>claude-opus-41,sonnet=claude-sonnet-4.6>claude-sonnet-4.5>claude-sonnet-4,haiku=claude-haiku-4.5",
            "Which model the short names opus, sonnet, haiku (and an unlisted version of a Claude family) mean: the first listed of family=id>id>...; none listed means the family's highest listed version.",
            Parsers::preferenceTable);

    public static final Setting<Map<String, String>> GEMINI_MODEL_FALLBACKS = Setting.plain("gemini-model-fallbacks",
            "gemini-2.5-flash=gemini-3-flash-preview,gemini-2.5-flash-lite=gemini-3-flash-preview",
            "Gemini API only: name=model pairs used when the named Gemini model is not available.",
            Parsers::keyValuePairs);

    public static final Setting<String> SMALL_MODEL = Setting.plain("small-model", "gpt-5-mini",
            "Model that Claude Code's warm-up probes (and, if enabled, compaction requests) are sent to instead of the one asked for; pick a model that costs no premium requests.",
            Parsers::modelName);

    public static final Setting<Boolean> COMPACTION_USE_SMALL_MODEL = Setting.plain("compaction-use-small-model", "false",
            "true sends Claude Code's conversation-compaction requests to small-model. Off by default: a compaction prompt is as long as the conversation and can exceed the small model's prompt limit.",
            Parsers::strictBoolean);

    public static final Setting<Double> CLAUDE_TOKEN_MULTIPLIER = Setting.plain("claude-token-multiplier", "1.15",
            "Factor applied to count_tokens estimates for Claude models (the GPT tokenizer undercounts Claude's; too low a count makes Claude Code compact too late).",
            Parsers::tokenMultiplier);

    public static final Setting<Integer> CLAUDE_TOOL_TOKEN_OVERHEAD = Setting.plain("claude-tool-token-overhead", "346",
            "Tokens added to count_tokens estimates for Claude models when the request has tools (Anthropic's tool-use system prompt).",
            Parsers::tokenCount);

    public static final Setting<Map<String, String>> EXTRA_SYSTEM_PROMPTS = Setting.plain("extra-system-prompts", "",
            "JSON object of model id (as sent upstream, or * for every model) to text appended to the system prompt of Anthropic requests, e.g. {\"claude-sonnet-4.6\":\"Answer briefly.\"}.",
            Parsers::jsonStringMap);

    public static final Setting<List<String>> ANTHROPIC_BETA_ALLOW_LIST = Setting.plain("anthropic-beta-allow-list",
            "interleaved-thinking-2025-05-14,context-management-2025-06-27,advanced-tool-use-2025-11-20",
            "Comma-separated anthropic-beta values passed on to Copilot's /v1/messages (it rejects others); extended-cache-ttl-2025-04-11 may be added to keep cache_control.ttl.",
            Parsers::tokenList);

    public static final Setting<String> CLAUDE_DEFAULT_EFFORT = Setting.plain("claude-default-effort", "high",
            "Reasoning effort for Claude models with adaptive thinking when the request names none (low, medium, high, xhigh, max; clamped to what the model lists).",
            Parsers::effort);

    public static final Setting<Duration> SHARED_STATE_REFRESH = Setting.plain("shared-state-refresh", "5s",
            "How often each node re-reads the state that nodes share through the database (accounts' enabled, priority and weight, the pool strategy, model mappings): the longest a change made on another node takes to apply here.",
            Parsers::duration);

    public static final Setting<Integer> MAX_CONCURRENT_REQUESTS = Setting.plain("max-concurrent-requests", "4000",
            "Most upstream requests (streams included, until they end) this node has open at once; past it a request is refused at once with 503 and Retry-After in its API's shape. 0: no limit. Size the heap for it (README, Performance).",
            Parsers::concurrencyLimit);

    public static final Setting<Integer> MAX_CONCURRENT_REQUESTS_PER_ACCOUNT = Setting.plain("max-concurrent-requests-per-account", "1000",
            "Most upstream requests one account has open at once on this node; a pool request then goes to another account, and is refused with 503 when none has room. 0: no limit.",
            Parsers::concurrencyLimit);

    public static final Setting<Duration> CONSOLE_SESSION_IDLE_TIMEOUT = Setting.plain("console-session-idle-timeout", "30m",
            "A console session not used for this long ends (the user signs in again).",
            Parsers::duration);

    public static final Setting<Duration> CONSOLE_SESSION_MAX_AGE = Setting.plain("console-session-max-age", "12h",
            "A console session ends this long after sign-in, however much it is used.",
            Parsers::duration);

    public static final Setting<Boolean> CONSOLE_CONTAINER_AUTH = Setting.plain("console-container-auth", "false",
            "true signs in to the console whoever the servlet container already authenticated (an AJP connector with tomcatAuthentication=\"false\" passing the proxy's REMOTE_USER, or a Tomcat realm); their role comes from the groups header when it is from a trusted proxy, else console-sso-default-role.",
            Parsers::strictBoolean);

    public static final Setting<List<CidrBlock>> CONSOLE_TRUSTED_PROXIES = Setting.plain("console-trusted-proxies", "",
            "Comma-separated addresses or CIDR blocks (IPv4 or IPv6, e.g. 10.0.0.5/32,fd00::/64) of the reverse proxies whose SSO headers the console believes. Empty: SSO headers are ignored from everywhere. A trusted header is a password for anyone who can reach the port directly: see README, Console behind SSO.",
            Parsers::cidrList);

    public static final Setting<String> CONSOLE_SSO_USER_HEADER = Setting.plain("console-sso-user-header", "X-Forwarded-User",
            "The request header in which a trusted proxy names the signed-in console user.",
            Parsers::headerName);

    public static final Setting<String> CONSOLE_SSO_GROUPS_HEADER = Setting.plain("console-sso-groups-header", "X-Forwarded-Groups",
            "The request header in which a trusted proxy lists the user's groups, separated by commas or semicolons.",
            Parsers::headerName);

    public static final Setting<List<String>> CONSOLE_SSO_ADMIN_GROUPS = Setting.plain("console-sso-admin-groups", "",
            "Groups (comma- or semicolon-separated, exact, case-sensitive) whose members are console admins when they sign in through SSO; admin wins over viewer.",
            Parsers::groupList);

    public static final Setting<List<String>> CONSOLE_SSO_VIEWER_GROUPS = Setting.plain("console-sso-viewer-groups", "",
            "Groups (comma- or semicolon-separated, exact, case-sensitive) whose members are console viewers when they sign in through SSO.",
            Parsers::groupList);

    public static final Setting<String> CONSOLE_SSO_DEFAULT_ROLE = Setting.plain("console-sso-default-role", "none",
            "The console role of an SSO user in no admin or viewer group: none (refused with a page saying so), viewer or admin.",
            Parsers::ssoDefaultRole);

    public static final Setting<Duration> USAGE_RETENTION = Setting.plain("usage-retention", "30d",
            "How long usage records (the request log and its sums) are kept; older ones are deleted by a purge every hour on each node.",
            Parsers::duration);

    public static final Setting<Boolean> USAGE_DEBUG_BODIES = Setting.plain("usage-debug-bodies", "false",
            "For debugging only: true also stores each request's body as sent to Copilot and its whole answer with its usage record, secrets redacted and each cut to 8,000 characters. Bodies hold your users' prompts: leave it off in production.",
            Parsers::strictBoolean);

    public static final Setting<Duration> LIMITS_SYNC_INTERVAL = Setting.plain("limits-sync-interval", "1s",
            "How often each node shares its counts against per-key limits (requests per minute, tokens per day, concurrent requests) with the other nodes on the same database, and reads theirs: across N nodes a key may pass a limit by what the other nodes admit for it in one interval. Open-request counts of a node not heard from for 5 intervals (at least 5 s) are ignored.",
            Parsers::duration);

    public static final Setting<Optional<Secret>> METRICS_TOKEN = Setting.secret("metrics-token",
            "Bearer token that opens GET /metrics from anywhere (Authorization: Bearer <token>); unset means /metrics answers only callers on this machine (loopback, no forwarding headers).",
            Parsers::optionalSecret);

    public static final Setting<Duration> AUDIT_RETENTION = Setting.plain("audit-retention", "8760h",
            "How long audit entries (admin actions through the admin API and the console) are kept; older ones are deleted every hour. Default 365 days.",
            Parsers::duration);

    public static final Setting<Duration> UPSTREAM_MIN_INTERVAL = Setting.plain("upstream-min-interval", "0s",
            "Upstream pacing: the least time between two requests one node sends to one Copilot account (the peers' --rate-limit); 0s: none. The default of the pool setting pacingInterval, which the admin API and console change for every node.",
            Parsers::durationUpToAnHour);

    public static final Setting<String> UPSTREAM_PACING = Setting.plain("upstream-pacing", "wait",
            "What a request that comes too early for its account's pace does: wait (queued, bounded by the pool settings pacingMaxWait and pacingMaxQueue; the peers' --wait) or refuse (429 with Retry-After). The default of the pool setting pacingMode.",
            Parsers::pacingMode);

    public static final Setting<Boolean> MANUAL_APPROVAL = Setting.plain("manual-approval", "false",
            "Whether each public API request waits until an admin approves it (the peers' --manual; console Approvals page, /admin/api/approvals). The default of the pool setting manualApproval.",
            Parsers::strictBoolean);

    public static final Setting<Duration> MANUAL_APPROVAL_TIMEOUT = Setting.plain("manual-approval-timeout", "60s",
            "How long a request waits for an admin's decision before it is denied (1s to 1h). The default of the pool setting approvalTimeout.",
            Parsers::approvalTimeout);

    public static final List<Setting<?>> ALL = List.of(DATA_DIR, GITHUB_URL, GITHUB_API_URL, COPILOT_API_URL,
            VSCODE_VERSION, COPILOT_CHAT_VERSION, COPILOT_API_VERSION, GITHUB_TOKEN, API_KEYS, ALLOW_ANONYMOUS, ADMIN_API_KEY,
            ENCRYPTION_KEY, CONNECT_TIMEOUT, FIRST_BYTE_TIMEOUT, STREAM_IDLE_TIMEOUT, UPSTREAM_HTTP_CLIENT,
            UPSTREAM_HTTP_VERSION, MAX_BODY_SIZE, MODEL_ALIASES,
            MODEL_FAMILY_PREFERENCE, GEMINI_MODEL_FALLBACKS, SMALL_MODEL, COMPACTION_USE_SMALL_MODEL, CLAUDE_TOKEN_MULTIPLIER,
            CLAUDE_TOOL_TOKEN_OVERHEAD, EXTRA_SYSTEM_PROMPTS, ANTHROPIC_BETA_ALLOW_LIST, CLAUDE_DEFAULT_EFFORT,
            SHARED_STATE_REFRESH, MAX_CONCURRENT_REQUESTS, MAX_CONCURRENT_REQUESTS_PER_ACCOUNT, CONSOLE_SESSION_IDLE_TIMEOUT,
            CONSOLE_SESSION_MAX_AGE, CONSOLE_CONTAINER_AUTH, CONSOLE_TRUSTED_PROXIES, CONSOLE_SSO_USER_HEADER,
            CONSOLE_SSO_GROUPS_HEADER, CONSOLE_SSO_ADMIN_GROUPS, CONSOLE_SSO_VIEWER_GROUPS, CONSOLE_SSO_DEFAULT_ROLE,
            USAGE_RETENTION, USAGE_DEBUG_BODIES, LIMITS_SYNC_INTERVAL, METRICS_TOKEN, AUDIT_RETENTION, UPSTREAM_MIN_INTERVAL,
            UPSTREAM_PACING, MANUAL_APPROVAL, MANUAL_APPROVAL_TIMEOUT);

    private Settings() {
    }
}
