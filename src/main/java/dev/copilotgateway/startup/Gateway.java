package dev.copilotgateway.startup;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.InvalidSettingException;
import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.github.DeviceFlowService;
import dev.copilotgateway.github.EditorIdentity;
import dev.copilotgateway.github.GitHubClient;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.GatewayDataSource;
import dev.copilotgateway.security.AdminApiKeys;
import dev.copilotgateway.security.EncryptionKeyCheck;
import dev.copilotgateway.security.EncryptionKeys;
import dev.copilotgateway.security.SecretCipher;
import dev.copilotgateway.upstream.CopilotHeaders;
import dev.copilotgateway.upstream.CopilotTokenService;
import dev.copilotgateway.upstream.RefreshTiming;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root: builds the gateway's services from its configuration, once, at start-up, and
 * closes them at shutdown. Everything the JAX-RS resources use is handed to them from here.
 */
public final class Gateway implements AutoCloseable {

    /** Time allowed to open a TCP (and TLS) connection to GitHub or Copilot, directly or through the proxy. */
    static final Duration UPSTREAM_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final GatewayConfig config;
    private final DatabaseConnector databaseConnector;
    private final ExecutorService upstreamHttpThreads;
    private final HttpClient upstreamHttpClient;
    private final ScheduledExecutorService accountTasks;
    private final CopilotTokenService copilotTokens;
    private final AccountService accounts;
    private final DeviceFlowService deviceFlows;
    private final CopilotHeaders copilotHeaders;
    private volatile AdminApiKeys adminApiKeys;

    private Gateway(GatewayConfig config, Clock clock) {
        this.config = config;
        createDataDir(config);
        SecretCipher cipher = new SecretCipher(EncryptionKeys.load(config));
        BootstrapImport bootstrap = new BootstrapImport(cipher, clock);
        this.databaseConnector = new DatabaseConnector(() -> GatewayDataSource.resolve(config.dataDir()), database -> {
            EncryptionKeyCheck.verify(database, cipher, clock);
            bootstrap.run(config, database);
            adminApiKeys = AdminApiKeys.initialise(config, database, clock);
        });
        // Our own threads for the client's work, so undeploying stops them. (Java 17's HttpClient cannot be closed; its
        // one selector thread ends by itself once the client is garbage-collected.)
        this.upstreamHttpThreads = Executors.newCachedThreadPool(daemonThreads("copilot-gateway-http-"));
        this.upstreamHttpClient = HttpClient.newBuilder()
                .executor(upstreamHttpThreads)
                .proxy(ProxySelector.getDefault()) // the JVM's https.proxyHost, http.proxyHost, http.nonProxyHosts
                .connectTimeout(UPSTREAM_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.accountTasks = Executors.newScheduledThreadPool(2, daemonThreads("copilot-gateway-accounts-"));
        EditorIdentity editor = EditorIdentity.from(config);
        GitHubClient github = new GitHubClient(upstreamHttpClient, editor);
        this.copilotTokens = new CopilotTokenService(config, github, databaseConnector, cipher, accountTasks, clock,
                RefreshTiming.standard(), new Random());
        this.accounts = new AccountService(config, github, databaseConnector, cipher, copilotTokens, accountTasks, clock);
        this.deviceFlows = new DeviceFlowService(config, github, accounts, databaseConnector, accountTasks, clock,
                DeviceFlowService.Timing.standard());
        this.copilotHeaders = new CopilotHeaders(editor);
        databaseConnector.whenReady(copilotTokens::warmUp);
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

    public DatabaseConnector databaseConnector() {
        return databaseConnector;
    }

    /** The one HTTP client for GitHub and Copilot calls (asynchronous use only; the JVM's proxy settings apply). */
    public HttpClient upstreamHttpClient() {
        return upstreamHttpClient;
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

    public DeviceFlowService deviceFlows() {
        return deviceFlows;
    }

    /** Present once the database is open. */
    public Optional<AdminApiKeys> adminApiKeys() {
        return Optional.ofNullable(adminApiKeys);
    }

    @Override
    public void close() {
        deviceFlows.close();
        copilotTokens.close();
        accountTasks.shutdownNow();
        upstreamHttpThreads.shutdownNow();
        databaseConnector.close();
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
