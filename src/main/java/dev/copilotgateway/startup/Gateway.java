package dev.copilotgateway.startup;

import dev.copilotgateway.api.AnthropicProxy;
import dev.copilotgateway.api.GeminiProxy;
import dev.copilotgateway.api.OpenAiProxy;
import dev.copilotgateway.api.PlanRunner;
import dev.copilotgateway.api.stream.StreamWatchdog;
import dev.copilotgateway.approval.ApprovalService;
import dev.copilotgateway.audit.AuditLog;
import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.InvalidSettingException;
import dev.copilotgateway.console.DiagnosticsSources;
import dev.copilotgateway.github.AccountListener;
import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.github.AccountStateCounts;
import dev.copilotgateway.github.AccountTokenStore;
import dev.copilotgateway.github.DeviceFlowService;
import dev.copilotgateway.github.EditorIdentity;
import dev.copilotgateway.github.GitHubClient;
import dev.copilotgateway.limits.KeyLimiter;
import dev.copilotgateway.limits.LimitCountSync;
import dev.copilotgateway.metrics.ConnectionPoolMeters;
import dev.copilotgateway.metrics.GatewayMeters;
import dev.copilotgateway.metrics.GatewayMetrics;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.models.ModelNameResolver;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.GatewayDataSource;
import dev.copilotgateway.pool.AccountPacer;
import dev.copilotgateway.pool.AccountPool;
import dev.copilotgateway.pool.AdmissionLimits;
import dev.copilotgateway.pool.CopilotDispatcher;
import dev.copilotgateway.pool.ManualApproval;
import dev.copilotgateway.pool.PoolSettings;
import dev.copilotgateway.pool.PoolSettingsService;
import dev.copilotgateway.pool.PoolSettingsStore;
import dev.copilotgateway.pool.PoolState;
import dev.copilotgateway.pool.QuotaWatcher;
import dev.copilotgateway.pool.UpstreamPacing;
import dev.copilotgateway.routing.AnthropicRoutes;
import dev.copilotgateway.routing.ChatRoutes;
import dev.copilotgateway.routing.GeminiRoutes;
import dev.copilotgateway.routing.ResponsesRoutes;
import dev.copilotgateway.routing.RoutePlanner;
import dev.copilotgateway.security.AdminApiKeys;
import dev.copilotgateway.security.ApiKeyService;
import dev.copilotgateway.security.ConsoleLogin;
import dev.copilotgateway.security.ConsoleSessionService;
import dev.copilotgateway.security.ConsoleUserService;
import dev.copilotgateway.security.EncryptionKeyCheck;
import dev.copilotgateway.security.EncryptionKeys;
import dev.copilotgateway.security.PasswordHashes;
import dev.copilotgateway.security.SecretCipher;
import dev.copilotgateway.security.SsoIdentities;
import dev.copilotgateway.security.SsoUserProvisioning;
import dev.copilotgateway.tokens.AnthropicTokenCounter;
import dev.copilotgateway.tokens.Tokenizers;
import dev.copilotgateway.translate.anthropic.ClaudeCodeSystemPrompts;
import dev.copilotgateway.translate.anthropic.NativeMessagesFixes;
import dev.copilotgateway.upstream.AccountCalls;
import dev.copilotgateway.upstream.CopilotClient;
import dev.copilotgateway.upstream.CopilotHeaders;
import dev.copilotgateway.upstream.CopilotTokenService;
import dev.copilotgateway.upstream.RefreshTiming;
import dev.copilotgateway.upstream.UpstreamTimeouts;
import dev.copilotgateway.upstream.UpstreamTransport;
import dev.copilotgateway.upstream.UpstreamTransports;
import dev.copilotgateway.usage.OutcomeMeters;
import dev.copilotgateway.usage.RequestMeters;
import dev.copilotgateway.usage.RequestOutcomes;
import dev.copilotgateway.usage.UsagePurge;
import dev.copilotgateway.usage.UsageQueries;
import dev.copilotgateway.usage.UsageRecorder;
import jakarta.ws.rs.client.Client;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The composition root: builds the gateway's services from its configuration, once, at start-up, and
 * closes them at shutdown. Everything the JAX-RS resources use is handed to them from here.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
    /** How often the model list is refreshed in the background (VS Code does every 10 minutes). */
    private static final Duration MODELS_REFRESH = Duration.ofMinutes(10);
    /** A model missing from the cached list makes it refetched, at most this often. */
    private static final Duration MODELS_MIN_REFETCH = Duration.ofSeconds(30);
    /** GitHub calls in flight at once (each holds a thread while GitHub answers), and how many more may wait. */
    private static final int GITHUB_THREADS = 8;
    private static final int GITHUB_QUEUE = 1000;

    private final GatewayConfig config;
    private final Clock clock;
    private final DatabaseConnector databaseConnector;
    private final ExecutorService keyUseWrites;
    private final ApiKeyService apiKeys;
    private final UpstreamTransport upstreamTransport;
    private final ExecutorService githubThreads;
    private final Client githubRestClient;
    private final ScheduledExecutorService accountTasks;
    /** Sends paced requests at their moment (upstream pacing); never blocks. */
    private final ScheduledExecutorService pacingScheduler;
    /** Manual approval's database work and time-outs. */
    private final ScheduledExecutorService approvalTasks;
    private final ApprovalService approvals;
    private final CopilotTokenService copilotTokens;
    private final AccountService accounts;
    private final PoolState poolState;
    private final PoolSettingsService poolSettings;
    private final AccountPool accountPool;
    private final DeviceFlowService deviceFlows;
    private final CopilotHeaders copilotHeaders;
    private final ModelCatalog modelCatalog;
    private final ModelMappingService modelMappings;
    private final ConsoleUserService consoleUsers;
    private final ConsoleSessionService consoleSessions;
    private final ConsoleLogin consoleLogin;
    private final SsoIdentities ssoIdentities;
    private final SsoUserProvisioning ssoUsers;
    private final StreamWatchdog streamWatchdog;
    private final OpenAiProxy openAiProxy;
    private final AnthropicProxy anthropicProxy;
    private final GeminiProxy geminiProxy;
    private final RequestOutcomes requestOutcomes = new RequestOutcomes();
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final RequestMeters requestMeters;
    private final AuditLog audit;
    /** Counts the tokens of the rare answer that told none, off the request threads (usage/RequestMeters). */
    private final ExecutorService usageTokenCounting = boundedThreads(1, 256, "copilot-gateway-usage-tokens-");
    private final UsageRecorder usageRecorder;
    private final UsageQueries usageQueries;
    private final KeyLimiter keyLimiter;
    private final LimitCountSync limitCounts;
    private volatile AdminApiKeys adminApiKeys;

    private Gateway(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        createDataDir(config);
        SecretCipher cipher = new SecretCipher(EncryptionKeys.load(config));
        BootstrapImport bootstrap = new BootstrapImport(cipher, clock);
        this.databaseConnector = new DatabaseConnector(() -> GatewayDataSource.resolve(config.dataDir()), database -> {
            EncryptionKeyCheck.verify(database, cipher, clock);
            bootstrap.run(config, database);
            adminApiKeys = AdminApiKeys.initialise(config, database, clock);
        });
        this.keyUseWrites = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "copilot-gateway-key-last-used");
            thread.setDaemon(true);
            return thread;
        });
        this.apiKeys = new ApiKeyService(databaseConnector::database, clock, keyUseWrites);
        PasswordHashes passwordHashes = new PasswordHashes(PasswordHashes.ITERATIONS);
        this.consoleUsers = new ConsoleUserService(databaseConnector::database, passwordHashes, clock);
        this.consoleSessions = new ConsoleSessionService(databaseConnector::database, clock, config.consoleSessionIdleTimeout(),
                config.consoleSessionMaxAge());
        this.consoleLogin = new ConsoleLogin(databaseConnector::database, passwordHashes, clock);
        this.ssoIdentities = new SsoIdentities(new SsoIdentities.Settings(config.consoleContainerAuth(), config.consoleTrustedProxies(),
                config.consoleSsoUserHeader(), config.consoleSsoGroupsHeader(), config.consoleSsoAdminGroups(),
                config.consoleSsoViewerGroups(), config.consoleSsoDefaultRole()), clock);
        this.ssoUsers = new SsoUserProvisioning(databaseConnector::database, clock);
        this.audit = new AuditLog(databaseConnector::require, clock, config.auditRetention());
        if (config.allowAnonymous()) {
            LOG.warning("allow-anonymous is on: requests without an API key use the public API, and so your Copilot seats");
        }
        this.accountTasks = Executors.newScheduledThreadPool(2, daemonThreads("copilot-gateway-accounts-"));
        EditorIdentity editor = EditorIdentity.from(config);
        // The JAX-RS client for GitHub's REST calls; its connector blocks a thread per call, so a bounded pool of our own.
        this.githubThreads = boundedThreads(GITHUB_THREADS, GITHUB_QUEUE, "copilot-gateway-github-");
        this.githubRestClient = GitHubClient.newRestClient(config.connectTimeout(), githubThreads);
        GitHubClient github = new GitHubClient(githubRestClient, editor);
        this.copilotTokens = new CopilotTokenService(config, github, new AccountTokenStore(config, databaseConnector, cipher),
                accountTasks, clock, RefreshTiming.standard(), new Random(), metrics.meters());
        this.accounts = new AccountService(config, github, databaseConnector, cipher, new PoolAwareListener(), accountTasks, clock);
        PoolSettingsStore poolSettingsStore = new PoolSettingsStore(databaseConnector, clock, configuredPoolDefaults(config));
        this.poolState = PoolState.fromDatabase(accounts, poolSettingsStore);
        this.poolSettings = new PoolSettingsService(poolSettingsStore, poolState);
        this.deviceFlows = new DeviceFlowService(config, github, accounts, databaseConnector, accountTasks, clock,
                DeviceFlowService.Timing.standard());
        this.copilotHeaders = new CopilotHeaders(editor);

        UpstreamTimeouts timeouts = new UpstreamTimeouts(config.firstByteTimeout(), config.streamIdleTimeout());
        // The Copilot API's HTTP client and its threads, stopped by close() (an undeploy too).
        this.upstreamTransport = UpstreamTransports.open(UpstreamTransports.Client.valueOf(config.upstreamHttpClient().toUpperCase(Locale.ROOT)),
                config.upstreamHttpVersion(), config.connectTimeout(), timeouts);
        AccountCalls accountCalls = new AccountCalls(copilotTokens, new CopilotClient(upstreamTransport, copilotHeaders, timeouts));
        this.modelCatalog = new ModelCatalog(ModelCatalog.ListSource.of(accountCalls), poolState, clock, MODELS_REFRESH, MODELS_MIN_REFETCH);
        this.accountPool = new AccountPool(poolState, modelCatalog, clock, new Random(),
                new AdmissionLimits(config.maxConcurrentRequests(), config.maxConcurrentRequestsPerAccount()));
        this.modelMappings = new ModelMappingService(databaseConnector::database, clock, config.sharedStateRefresh());
        this.streamWatchdog = new StreamWatchdog();
        RoutePlanner routePlanner = new RoutePlanner();
        // Usage records: written in batches by one writer thread, which also runs the retention purge.
        UsagePurge usagePurge = new UsagePurge(databaseConnector::database, clock, config.usageRetention());
        this.usageRecorder = new UsageRecorder(databaseConnector::database, UsageRecorder.QUEUE_CAPACITY, UsageRecorder.BATCH_SIZE,
                UsageRecorder.FLUSH_EVERY, usagePurge::runIfDue).start();
        requestOutcomes.add(usageRecorder);
        this.usageQueries = new UsageQueries(databaseConnector::require, usagePurge);
        this.requestMeters = new RequestMeters(clock, requestOutcomes, usageTokenCounting, config.usageDebugBodies());
        this.pacingScheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("copilot-gateway-pacing-"));
        this.approvalTasks = Executors.newSingleThreadScheduledExecutor(daemonThreads("copilot-gateway-approvals-"));
        this.approvals = new ApprovalService(databaseConnector, () -> poolState.current().settings().approval(), clock, approvalTasks);
        approvals.startPolling();
        PlanRunner runner = new PlanRunner(new CopilotDispatcher(accountPool, accountCalls, clock, metrics.meters(),
                new AccountPacer(clock, pacingScheduler)), streamWatchdog, timeouts, requestMeters, approvals);
        this.openAiProxy = new OpenAiProxy(runner, modelCatalog, modelMappings, new ChatRoutes(routePlanner, clock),
                new ResponsesRoutes(routePlanner, clock));
        AnthropicRoutes anthropicRoutes = new AnthropicRoutes(routePlanner, NativeMessagesFixes.fromConfig(config),
                ClaudeCodeSystemPrompts.fromConfig(config));
        ModelNameResolver modelNames = ModelNameResolver.fromConfig(config);
        AnthropicTokenCounter tokenCounter = AnthropicTokenCounter.fromConfig(config);
        this.anthropicProxy = new AnthropicProxy(runner, modelCatalog, modelNames, modelMappings, anthropicRoutes, tokenCounter, config);
        this.geminiProxy = new GeminiProxy(runner, modelCatalog, modelNames, modelMappings, new GeminiRoutes(routePlanner, clock),
                tokenCounter);
        accountTasks.execute(Tokenizers::preload); // the encodings take a moment to load: not on the first count_tokens
        // An account enabled or disabled on another node: this node's token for it, or its reason for having none, is stale.
        poolState.onMembershipChange(copilotTokens::removed);
        databaseConnector.whenReady(database -> poolState.refreshNow());
        databaseConnector.whenReady(database -> copilotTokens.warmUp());
        poolState.refreshEvery(config.sharedStateRefresh(), accountTasks);
        new QuotaWatcher(poolState, accountPool, accounts, clock).watchEvery(QuotaWatcher.INTERVAL, accountTasks);
        databaseConnector.whenReady(database -> modelMappings.reload()); // in force before the first request
        modelMappings.startRefreshing();

        // Per-key limits: counted here, shared with the other nodes through the database on a thread of their own.
        Duration openCountsStaleAfter = max(config.limitsSyncInterval().multipliedBy(5), Duration.ofSeconds(5));
        this.keyLimiter = new KeyLimiter(clock, openCountsStaleAfter);
        requestOutcomes.add(keyLimiter);
        this.limitCounts = new LimitCountSync(keyLimiter, databaseConnector::database, clock, openCountsStaleAfter);
        limitCounts.startEvery(config.limitsSyncInterval());
        registerMeters();
        databaseConnector.whenReady(database -> audit.purgeEvery(accountTasks));
    }

    private static Duration max(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }

    /** The meters read from the gateway's state at each scrape, and the request meters fed by the ended requests. */
    private void registerMeters() {
        GatewayMeters meters = metrics.meters();
        meters.streamsInFlight(streamWatchdog::size);
        meters.upstreamInFlight(accountPool::inFlight);
        AccountStateCounts accountStates = new AccountStateCounts(accounts, clock);
        meters.accountStates(AccountStateCounts.STATES, accountStates::count);
        new ConnectionPoolMeters(() -> databaseConnector.database().map(Database::dataSource)).bindTo(meters.registry());
        requestOutcomes.add(new OutcomeMeters(meters, modelCatalog::knows));
    }

    /** The pool settings until an admin changes them: the configured pacing and manual approval. */
    private static PoolSettings configuredPoolDefaults(GatewayConfig config) {
        PoolSettings defaults = PoolSettings.DEFAULT;
        UpstreamPacing pacing = new UpstreamPacing(config.upstreamMinInterval(),
                UpstreamPacing.Mode.fromWireName(config.upstreamPacing()).orElseThrow(), UpstreamPacing.OFF.maxWait(), UpstreamPacing.OFF.maxQueue());
        return new PoolSettings(defaults.strategy(), defaults.stickinessTtl(), defaults.maxAttempts(), pacing,
                new ManualApproval(config.manualApproval(), config.manualApprovalTimeout()));
    }

    /** Builds the gateway and opens its database (retried in the background while unavailable). */
    public static Gateway start(GatewayConfig config, Clock clock) {
        Gateway gateway = new Gateway(config, clock);
        gateway.databaseConnector.connect();
        return gateway;
    }

    private static void createDataDir(GatewayConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException | SecurityException unusable) {
            throw new InvalidSettingException("data-dir", "folder " + config.dataDir(),
                    "cannot be created (" + unusable.getClass().getSimpleName() + ")");
        }
    }

    public GatewayConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public DatabaseConnector databaseConnector() {
        return databaseConnector;
    }

    public ApiKeyService apiKeys() {
        return apiKeys;
    }

    /**
     * The one HTTP client for Copilot calls (the {@code upstream-http-client} setting; the JVM's proxy settings apply).
     * GitHub's REST calls use {@link #githubRestClient()}.
     */
    public UpstreamTransport upstreamTransport() {
        return upstreamTransport;
    }

    /** The one JAX-RS client for GitHub's REST calls (device flow, {@code /user}, token exchange, usage). */
    public Client githubRestClient() {
        return githubRestClient;
    }

    /** Valid Copilot credentials per account; also what this node knows of each account's token. */
    public CopilotTokenService copilotTokens() {
        return copilotTokens;
    }

    /** The header set of Copilot API calls. */
    public CopilotHeaders copilotHeaders() {
        return copilotHeaders;
    }

    /** The pooled accounts: add, list, remove, and {@link AccountService#usableAccounts()} for routing. */
    public AccountService accounts() {
        return accounts;
    }

    /** This node's copy of the pool's accounts and settings. */
    public PoolState poolState() {
        return poolState;
    }

    /** The pool's settings in the database. */
    public PoolSettingsService poolSettings() {
        return poolSettings;
    }

    /** Account choice and each account's live state on this node. */
    public AccountPool accountPool() {
        return accountPool;
    }

    /** The shared path of the OpenAI-compatible endpoints. */
    public OpenAiProxy openAiProxy() {
        return openAiProxy;
    }

    /** The path of the Anthropic Messages API. */
    public AnthropicProxy anthropicProxy() {
        return anthropicProxy;
    }

    /** The path of the Gemini API. */
    public GeminiProxy geminiProxy() {
        return geminiProxy;
    }

    /** Copilot's model list, cached. */
    public ModelCatalog modelCatalog() {
        return modelCatalog;
    }

    /** The model mappings: this node's snapshot for requests and listings, and their admin. */
    public ModelMappingService modelMappings() {
        return modelMappings;
    }

    public ConsoleUserService consoleUsers() {
        return consoleUsers;
    }

    public ConsoleSessionService consoleSessions() {
        return consoleSessions;
    }

    public SsoIdentities ssoIdentities() {
        return ssoIdentities;
    }

    public SsoUserProvisioning ssoUsers() {
        return ssoUsers;
    }

    /** What the console's Diagnostics page checks; its upstream check runs on the GitHub threads (bounded, ours). */
    public DiagnosticsSources diagnosticsSources() {
        return new DiagnosticsSources(databaseConnector::database, config.copilotApiUrl(), config.connectTimeout(), githubThreads);
    }

    public ConsoleLogin consoleLogin() {
        return consoleLogin;
    }

    public DeviceFlowService deviceFlows() {
        return deviceFlows;
    }

    /** Per-key limits: this node's counts, with the other nodes' as last synchronised. */
    public KeyLimiter keyLimiter() {
        return keyLimiter;
    }

    /** Where ended requests are told: usage records, metrics, limits and the access log listen here. */
    public RequestOutcomes requestOutcomes() {
        return requestOutcomes;
    }

    /** The audit log of admin actions. */
    public AuditLog audit() {
        return audit;
    }

    /** Manual approval: the requests waiting for an admin, on every node. */
    public ApprovalService approvals() {
        return approvals;
    }

    /** The usage records' request log, sums and purge (admin API and console). */
    public UsageQueries usageQueries() {
        return usageQueries;
    }

    /** Where each public API request's meter starts (the access log attaches to it). */
    public RequestMeters requestMeters() {
        return requestMeters;
    }

    /** This node's meters ({@code GET /metrics}); {@link GatewayMetrics#meters()} records into them. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Present once the database is open. */
    public Optional<AdminApiKeys> adminApiKeys() {
        return Optional.ofNullable(adminApiKeys);
    }

    @Override
    public void close() {
        streamWatchdog.close();
        modelCatalog.close();
        modelMappings.close();
        deviceFlows.close();
        copilotTokens.close();
        accountTasks.shutdownNow();
        pacingScheduler.shutdownNow();
        approvals.close();
        approvalTasks.shutdownNow();
        githubRestClient.close();
        githubThreads.shutdownNow();
        upstreamTransport.close();
        usageTokenCounting.shutdownNow();
        usageRecorder.close(); // writes what is queued while the database is still open
        limitCounts.close();
        keyUseWrites.shutdown();
        metrics.close();
        try {
            keyUseWrites.awaitTermination(2, TimeUnit.SECONDS); // let queued last-use writes reach the database
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            databaseConnector.close();
        }
    }

    /**
     * Passes account changes on to the token service, and re-reads the pool at once, so a change through this node
     * applies here without waiting for the next refresh.
     */
    private final class PoolAwareListener implements AccountListener {

        // The pool is re-read first: an account it finds joined or gone has its token state dropped, which must not
        // drop the exchange the token service starts next.

        @Override
        public void credentialsChanged(long accountId) {
            poolState.refreshNow();
            copilotTokens.credentialsChanged(accountId);
        }

        @Override
        public void removed(long accountId) {
            poolState.refreshNow();
            copilotTokens.removed(accountId);
            accountPool.forget(accountId);
        }

        @Override
        public void settingsChanged(long accountId, boolean enabled) {
            poolState.refreshNow();
            copilotTokens.settingsChanged(accountId, enabled);
        }
    }

    /** At most {@code threads} threads (ended when idle) and {@code queue} waiting tasks; more are refused. */
    private static ExecutorService boundedThreads(int threads, int queue, String prefix) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                daemonThreads(prefix));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
