package dev.copilotgateway.fakeupstream;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake GitHub + Copilot upstream on 127.0.0.1 for tests and benchmarks. One base URL serves the three hosts of
 * UPSTREAM.md (github.com device flow, api.github.com, the Copilot API); their paths do not collide.
 *
 * <pre>{@code
 * try (FakeCopilotUpstream upstream = new FakeCopilotUpstream().start()) {
 *     upstream.addGitHubUser("ghu_alice", 1, "alice");
 *     upstream.enqueueReply(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}")));
 *     ... point the gateway at upstream.baseUrl() ...
 * }
 * }</pre>
 */
public final class FakeCopilotUpstream implements AutoCloseable {

    static {
        // sun.net.httpserver reads these once per JVM, when the first HttpServer is created; set only if unset.
        // Without TCP_NODELAY, Nagle + delayed ACKs hold back small SSE frames (~40 ms) and blur chunk timing.
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        // Idle keep-alive connections beyond this limit are closed after their response; the default (200) would
        // make a 10,000-stream benchmark reconnect constantly and race against stale pooled connections.
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "20000");
        // sun.net.httpserver.maxReqTime / maxRspTime must stay unset (unlimited): they would cut long streams and hangs.
    }

    private static final int HANDLER_THREADS = 16;
    private static final int STREAM_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** Pending connections a burst of 10,000 clients may queue; the kernel caps it at net.core.somaxconn. */
    private static final int ACCEPT_BACKLOG = 10_000;

    private final RequestRecorder recorder = new RequestRecorder();
    private final GitHubAccounts accounts = new GitHubAccounts();
    private final DeviceFlow deviceFlow;
    private final FakeCopilotTokens copilotTokens;
    private final FakeModelCatalog models = new FakeModelCatalog();
    private final ReplyScripts replies = new ReplyScripts();
    private final FaultInjector faults = new FaultInjector();
    private volatile StreamSettings streamSettings = StreamSettings.defaults();
    /** CAPI base URL handed out in {@code endpoints.api}; null means this server. */
    private volatile String advertisedApiEndpoint;

    /** {@code -Dfake-upstream.http2=true} runs every fake on its HTTP/2 listener (to try a whole test suite on it). */
    private boolean http2 = Boolean.getBoolean("fake-upstream.http2");
    /** The TLS listener's certificate; null without one. */
    private SelfSignedCertificate tls;
    private String tlsBaseUrl;
    private HttpServer server;
    private H2cListener h2c;
    private ExecutorService handlers;
    private ScheduledExecutorService scheduler;
    private String baseUrl;

    /** On the system clock. */
    public FakeCopilotUpstream() {
        this(Clock.systemUTC());
    }

    /**
     * @param clock when the Copilot tokens and device codes this fake issues expire, so tests can let them age without
     *              waiting; the HTTP {@code Date} header stays the real time
     */
    public FakeCopilotUpstream(Clock clock) {
        this.deviceFlow = new DeviceFlow(clock);
        this.copilotTokens = new FakeCopilotTokens(clock);
    }

    /**
     * Serves HTTP/2 (cleartext, prior knowledge) as well as HTTP/1.1, on Jetty instead of the JDK's HttpServer; call
     * before {@link #start}. {@link RecordedRequest#protocol()} tells which one a request used.
     */
    public synchronized FakeCopilotUpstream withHttp2() {
        http2 = true;
        return this;
    }

    /**
     * Also serves HTTPS on a second ephemeral port ({@link #tlsBaseUrl()}), offering h2 and http/1.1 by ALPN, with
     * {@link SelfSignedCertificate#forLoopback()}; implies {@link #withHttp2()}. {@link #baseUrl()} stays cleartext (and
     * {@code endpoints.api} points there). Call before {@link #start}.
     */
    public synchronized FakeCopilotUpstream withTls() {
        http2 = true;
        tls = SelfSignedCertificate.forLoopback();
        return this;
    }

    /** Starts on an ephemeral port. */
    public FakeCopilotUpstream start() {
        return start(0);
    }

    public synchronized FakeCopilotUpstream start(int port) {
        if (server != null || h2c != null) {
            throw new IllegalStateException("already started");
        }
        handlers = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads("fake-upstream-handler-"));
        scheduler = Executors.newScheduledThreadPool(STREAM_THREADS, daemonThreads("fake-upstream-stream-"));
        GitHubEndpoints github = new GitHubEndpoints(accounts, deviceFlow, copilotTokens, this::baseUrl, this::apiEndpoint);
        CopilotEndpoints copilot = new CopilotEndpoints(copilotTokens, models, replies, this::streamSettings, scheduler, recorder);
        RequestRouter router = new RequestRouter(recorder, faults, scheduler, github, copilot, this::accountOf);
        if (http2) {
            h2c = H2cListener.start(port, ACCEPT_BACKLOG, router, tls);
            baseUrl = "http://127.0.0.1:" + h2c.port();
            tlsBaseUrl = tls == null ? null : "https://127.0.0.1:" + h2c.tlsPort();
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), ACCEPT_BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", router);
        server.setExecutor(handlers);
        server.start();
        return this;
    }

    public String baseUrl() {
        if (baseUrl == null) {
            throw new IllegalStateException("not started");
        }
        return baseUrl;
    }

    /** {@code https://127.0.0.1:<port>} of the {@link #withTls() TLS listener}: the same endpoints as {@link #baseUrl()}. */
    public String tlsBaseUrl() {
        if (tlsBaseUrl == null) {
            throw new IllegalStateException(baseUrl == null ? "not started" : "started without withTls()");
        }
        return tlsBaseUrl;
    }

    /** The certificate of the {@link #withTls() TLS listener} (its trust store is what a client needs). */
    public SelfSignedCertificate tlsCertificate() {
        if (tls == null) {
            throw new IllegalStateException("no withTls()");
        }
        return tls;
    }

    /** Stops at once: running streams end as SERVER_STOPPED, hung requests see their connection closed. */
    @Override
    public synchronized void close() {
        if (server == null && h2c == null) {
            return;
        }
        recorder.stopRunningStreams();
        scheduler.shutdownNow();
        if (server != null) {
            server.stop(0); // closes every connection, including hung exchanges
        } else {
            h2c.close();
        }
        handlers.shutdownNow();
        server = null;
        h2c = null;
    }

    /** Back to the state after construction (no users, default catalogue and replies, no faults, empty recorder). */
    public void reset() {
        recorder.clear();
        accounts.clear();
        deviceFlow.reset();
        copilotTokens.reset();
        models.restoreDefaults();
        replies.reset();
        faults.clear();
        streamSettings = StreamSettings.defaults();
        advertisedApiEndpoint = null;
    }

    // ---- GitHub accounts and device flow ----

    public void addGitHubUser(String githubToken, long id, String login) {
        addGitHubUser(FakeGitHubAccount.of(githubToken, id, login));
    }

    public void addGitHubUser(FakeGitHubAccount account) {
        accounts.add(account);
    }

    /** The token stops working for {@code /user}, the token exchange and the quota endpoint (401). */
    public void revokeGitHubToken(String githubToken) {
        accounts.revoke(githubToken);
    }

    public void setPremiumQuota(String githubToken, FakePremiumQuota quota) {
        accounts.update(githubToken, account -> account.withPremiumQuota(quota));
    }

    /** Scripts the polls of the next device code handed out (FIFO, one script per device code). */
    public void scriptDeviceFlow(DeviceFlowScript script) {
        deviceFlow.enqueue(script);
    }

    /** The {@code interval} and {@code expires_in} of new device codes (default 0 s and 900 s). */
    public void setDeviceFlowTiming(int intervalSeconds, int expiresInSeconds) {
        deviceFlow.setTiming(intervalSeconds, expiresInSeconds);
    }

    // ---- Copilot tokens ----

    /** Lifetime ({@code expires_at}) and {@code refresh_in} of tokens issued from now on (default 30 min, 1500 s). */
    public void setCopilotTokenLifetime(Duration lifetime, Duration refreshIn) {
        copilotTokens.setLifetime(lifetime, refreshIn);
    }

    /** Every Copilot token issued so far now gets 401 {@code unauthorized: token expired}. */
    public void expireCopilotTokens() {
        copilotTokens.expireAll();
    }

    /** The next {@code times} token exchanges fail: 401 (dead GitHub token), 403 (no seat), 500 … */
    public void failTokenExchange(int status, int times) {
        inject(Fault.status(status, ErrorBodies.gitHubDefault(status)).onPath("/copilot_internal/v2/token").times(times));
    }

    /** Successful token exchanges since start or reset. */
    public int tokenExchangeCount() {
        return copilotTokens.exchangeCount();
    }

    /** Overrides {@code endpoints.api} in the token and quota answers (null: this server's base URL). */
    public void setAdvertisedApiEndpoint(String url) {
        advertisedApiEndpoint = url;
    }

    // ---- Models, replies, streaming ----

    public FakeModelCatalog models() {
        return models;
    }

    /** Replies for the next generation requests, in order; afterwards the default reply applies again. */
    public void enqueueReply(Reply... scripted) {
        for (Reply reply : scripted) {
            replies.enqueue(reply);
        }
    }

    /** The reply when none is queued, from the last user text (default: {@code "Echo: <text>"}). */
    public void setDefaultReply(Function<String, Reply> fromLastUserText) {
        replies.setDefault(turn -> fromLastUserText.apply(turn.lastUserText()));
    }

    /** The reply when none is queued, from the whole turn (e.g. {@link AgentDirectives#reply}). */
    public void setDefaultTurnReply(Function<Turn, Reply> fromTurn) {
        replies.setDefault(fromTurn);
    }

    public StreamSettings streamSettings() {
        return streamSettings;
    }

    public void setStreamSettings(StreamSettings settings) {
        streamSettings = settings;
    }

    // ---- Faults and recording ----

    public void inject(Fault fault) {
        faults.add(fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** The GitHub login of the account whose Copilot token {@code request} carried; null when it carried none of ours. */
    public String accountOf(RecordedRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return copilotTokens.loginOf(authorization.substring(7).trim());
    }

    public RequestRecorder recorder() {
        return recorder;
    }

    private String apiEndpoint() {
        String advertised = advertisedApiEndpoint;
        return advertised != null ? advertised : baseUrl();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /**
     * Runs the fake as its own process for benchmarks and prints the base URL on the first line of stdout.
     * Options: {@code --port N} (default 0 = ephemeral), {@code --chunks N} (20), {@code --chunk-delay-ms N} (0),
     * {@code --first-chunk-delay-ms N} (0), {@code --text "reply"} (default: echo), {@code --user token:id:login}
     * (default {@code ghu_benchmark:1:benchmark}; several users separated by commas, e.g. for a pool), {@code --http2 true}
     * (h2c with prior knowledge besides HTTP/1.1, on Jetty).
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        FakeCopilotUpstream upstream = new FakeCopilotUpstream();
        if (Boolean.parseBoolean(options.getOrDefault("--http2", "false"))) {
            upstream.withHttp2();
        }
        upstream.recorder().setKeeping(false); // nobody reads them, and a long run would pile them up
        upstream.setStreamSettings(StreamSettings.defaults()
                .withTextChunks(Integer.parseInt(options.getOrDefault("--chunks", "20")))
                .withChunkDelay(Duration.ofMillis(Long.parseLong(options.getOrDefault("--chunk-delay-ms", "0"))))
                .withFirstChunkDelay(Duration.ofMillis(Long.parseLong(options.getOrDefault("--first-chunk-delay-ms", "0")))));
        if (options.containsKey("--text")) {
            String text = options.get("--text");
            upstream.setDefaultReply(ignored -> Reply.text(text));
        }
        for (String entry : options.getOrDefault("--user", "ghu_benchmark:1:benchmark").split(",")) {
            String[] user = entry.split(":", 3);
            upstream.addGitHubUser(user[0], Long.parseLong(user[1]), user[2]);
        }
        upstream.start(Integer.parseInt(options.getOrDefault("--port", "0")));
        System.out.println(upstream.baseUrl());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(upstream::close));
        new CountDownLatch(1).await(); // serve until the process is killed
    }
}
