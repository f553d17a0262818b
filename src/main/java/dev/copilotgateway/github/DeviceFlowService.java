package dev.copilotgateway.github;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.Secret;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.persistence.GitHubAccount;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * GitHub's device flow (UPSTREAM.md §2) run for the operator: {@link #start} gets a code to enter on GitHub, then
 * the gateway polls in the background, honouring {@code interval} and {@code slow_down}, until GitHub grants a
 * token (the account is then stored, see {@link AccountService#register}), the user cancels, or the code expires.
 * Flows live in the memory of the node that started them and are forgotten a while after they end.
 */
public final class DeviceFlowService implements AutoCloseable {

    /** What the operator needs to log in: the flow's id (for {@link #status}), the code and where to enter it. */
    public record Started(String id, String userCode, URI verificationUri, Instant expiresAt, Duration interval) {
    }

    /** Where a flow stands. */
    public sealed interface Status {

        /** Waiting for the user to enter the code. */
        record Pending() implements Status {
        }

        /** Logged in: the account was stored (new, or given the new token). */
        record Granted(long accountId) implements Status {
        }

        record Expired() implements Status {
        }

        record Denied() implements Status {
        }

        record Failed(String reason) implements Status {
        }
    }

    /**
     * Timing of the background work; tests shorten it.
     *
     * @param slowDownStep   added to the interval on a {@code slow_down} that does not say the new interval
     * @param transientRetry least wait before polling again after a failed poll, and between attempts to store a login
     */
    public record Timing(Duration slowDownStep, Duration transientRetry, Duration forgetAfter, int storeAttempts) {

        /** GitHub's +5 s on slow_down, retries after 5 s at least, ended flows forgotten after an hour, 3 attempts to store. */
        public static Timing standard() {
            return new Timing(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofHours(1), 3);
        }
    }

    private static final Logger LOG = Logger.getLogger(DeviceFlowService.class.getName());

    private final GatewayConfig config;
    private final GitHubClient github;
    private final AccountService accounts;
    private final DatabaseConnector databases;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Timing timing;
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param scheduler runs the polls and stores the account (owned by the caller)
     */
    public DeviceFlowService(GatewayConfig config, GitHubClient github, AccountService accounts, DatabaseConnector databases,
                             ScheduledExecutorService scheduler, Clock clock, Timing timing) {
        this.config = config;
        this.github = github;
        this.accounts = accounts;
        this.databases = databases;
        this.scheduler = scheduler;
        this.clock = clock;
        this.timing = timing;
    }

    /** Asks GitHub for a device code and starts polling. Needs the database (the login is stored there). */
    public CompletableFuture<Started> start(AccountOptions options) {
        databases.require();
        forgetOldFlows();
        GitHubHosts hosts = GitHubHosts.of(config, options.enterpriseHost().orElse(null));
        return github.requestDeviceCode(hosts).thenApply(code -> {
            Instant now = clock.instant();
            Flow flow = new Flow(UUID.randomUUID().toString(), hosts, options, code.deviceCode(), now.plus(code.expiresIn()), code.interval());
            flow.started = new Started(flow.id, code.userCode(), code.verificationUri(), flow.expiresAt, code.interval());
            flows.put(flow.id, flow);
            schedulePoll(flow, flow.interval);
            LOG.info("Device flow " + flow.id + " started; waiting for the code to be entered at " + code.verificationUri());
            return flow.started;
        });
    }

    /** The flow's status; empty when this node does not know the id (never started here, or forgotten). */
    public Optional<Status> status(String id) {
        forgetOldFlows();
        return Optional.ofNullable(flows.get(id)).map(flow -> flow.status);
    }

    /** The code and link the flow showed at its start; empty when this node does not know the id. */
    public Optional<Started> started(String id) {
        return Optional.ofNullable(flows.get(id)).map(flow -> flow.started);
    }

    @Override
    public void close() {
        closed = true;
        flows.values().forEach(Flow::cancel);
    }

    private void forgetOldFlows() {
        Instant now = clock.instant();
        flows.values().removeIf(flow -> flow.endedAt != null && !flow.endedAt.plus(timing.forgetAfter()).isAfter(now));
    }

    private void poll(Flow flow) {
        if (!clock.instant().isBefore(flow.expiresAt)) {
            end(flow, new Status.Expired());
            return;
        }
        github.pollAccessToken(flow.hosts, flow.deviceCode).whenComplete((answer, failure) -> {
            if (failure != null) {
                // Network trouble or a 5xx: GitHub may be back by the next poll.
                LOG.fine(() -> "Device flow " + flow.id + ": poll failed, retrying: " + GitHubException.from(failure).getMessage());
                schedulePoll(flow, longer(flow.interval, timing.transientRetry()));
                return;
            }
            if (answer instanceof AccessTokenPoll.Granted granted) {
                store(flow, granted.githubToken(), 1);
            } else if (answer instanceof AccessTokenPoll.SlowDown slowDown) {
                flow.interval = slowDown.newInterval().orElse(flow.interval.plus(timing.slowDownStep()));
                schedulePoll(flow, flow.interval);
            } else if (answer instanceof AccessTokenPoll.Expired) {
                end(flow, new Status.Expired());
            } else if (answer instanceof AccessTokenPoll.Denied) {
                end(flow, new Status.Denied());
            } else if (answer instanceof AccessTokenPoll.Failed failed) {
                end(flow, new Status.Failed(failed.reason()));
            } else {
                schedulePoll(flow, flow.interval); // authorization_pending
            }
        });
    }

    /** Finds out whose the new token is and stores the account; retried a few times if GitHub or the database fails. */
    private void store(Flow flow, Secret githubToken, int attempt) {
        github.user(flow.hosts, githubToken)
                .thenApplyAsync(user -> accounts.register(GitHubAccount.Origin.DEVICE_FLOW, githubToken, user, flow.options), scheduler)
                .whenComplete((registration, failure) -> {
                    if (failure == null) {
                        end(flow, new Status.Granted(registration.account().getId()));
                        return;
                    }
                    Throwable cause = unwrapped(failure);
                    boolean tokenRejected = cause instanceof GitHubException gitHub && gitHub.problem() == GitHubException.Problem.TOKEN_REJECTED;
                    String reason = cause instanceof GitHubException gitHub ? gitHub.getMessage()
                            : cause instanceof DatabaseUnavailableException ? "the database is unavailable (" + cause.getMessage() + ")"
                            : "storing the account failed (" + cause.getClass().getSimpleName() + ")";
                    if (tokenRejected || attempt >= timing.storeAttempts()) {
                        end(flow, new Status.Failed("GitHub granted a token, but " + reason));
                    } else {
                        schedule(flow, timing.transientRetry(), () -> store(flow, githubToken, attempt + 1));
                    }
                });
    }

    private void schedulePoll(Flow flow, Duration delay) {
        schedule(flow, delay, () -> poll(flow));
    }

    private void schedule(Flow flow, Duration delay, Runnable work) {
        synchronized (flow) {
            if (closed || flow.endedAt != null) {
                return;
            }
            try {
                flow.next = scheduler.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                flow.next = null;
            }
        }
    }

    private void end(Flow flow, Status status) {
        synchronized (flow) {
            flow.status = status;
            flow.endedAt = clock.instant();
            flow.cancel();
        }
        LOG.info("Device flow " + flow.id + " ended: " + describe(status));
    }

    private static String describe(Status status) {
        if (status instanceof Status.Granted granted) {
            return "logged in, account #" + granted.accountId();
        }
        if (status instanceof Status.Failed failed) {
            return failed.reason();
        }
        return status instanceof Status.Denied ? "the user cancelled" : "the code expired";
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** One running or ended flow. The device code never leaves this object. */
    private static final class Flow {

        final String id;
        final GitHubHosts hosts;
        final AccountOptions options;
        final Secret deviceCode;
        final Instant expiresAt;
        /** What the user is shown (the code and where to enter it), for as long as the flow is remembered. */
        volatile Started started;
        volatile Duration interval;
        volatile Status status = new Status.Pending();
        volatile Instant endedAt;
        ScheduledFuture<?> next;

        Flow(String id, GitHubHosts hosts, AccountOptions options, Secret deviceCode, Instant expiresAt, Duration interval) {
            this.id = id;
            this.hosts = hosts;
            this.options = options;
            this.deviceCode = deviceCode;
            this.expiresAt = expiresAt;
            this.interval = interval;
        }

        synchronized void cancel() {
            if (next != null) {
                next.cancel(false);
                next = null;
            }
        }
    }
}
