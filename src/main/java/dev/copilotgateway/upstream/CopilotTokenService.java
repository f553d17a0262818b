package dev.copilotgateway.upstream;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.Secret;
import dev.copilotgateway.github.AccountListener;
import dev.copilotgateway.github.AccountTokenStore;
import dev.copilotgateway.github.AccountTokenStore.ExchangeAccount;
import dev.copilotgateway.github.CopilotTokenGrant;
import dev.copilotgateway.github.GitHubClient;
import dev.copilotgateway.github.GitHubException;
import dev.copilotgateway.github.GitHubUser;
import dev.copilotgateway.metrics.GatewayMeters;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.persistence.GitHubAccount;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * The Copilot token lifecycle of every account (UPSTREAM.md §3): exchanges the GitHub token, refreshes ahead of
 * {@code refresh_in} and before expiry, keeps one exchange in flight per account however many requests wait, backs
 * off when GitHub fails, and records what it learns on the account ({@code ACTIVE}, {@code NEEDS_LOGIN},
 * {@code NO_COPILOT}, through {@link AccountTokenStore}). Tokens live in memory only, per node.
 */
public final class CopilotTokenService implements CopilotTokens, AccountListener, AutoCloseable {

    /** What this node knows of an account's Copilot token, for the admin API. */
    public record TokenStatus(Instant validUntil, String problem, Instant nextAttemptAt) {
    }

    private static final Logger LOG = Logger.getLogger(CopilotTokenService.class.getName());

    private final GatewayConfig config;
    private final GitHubClient github;
    private final AccountTokenStore accounts;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final RefreshTiming timing;
    private final RandomGenerator random;
    private final GatewayMeters meters;
    private final ConcurrentMap<Long, AccountState> states = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param scheduler runs refresh timers and the database work around exchanges (owned by the caller)
     */
    public CopilotTokenService(GatewayConfig config, GitHubClient github, AccountTokenStore accounts,
                               ScheduledExecutorService scheduler, Clock clock, RefreshTiming timing, RandomGenerator random,
                               GatewayMeters meters) {
        this.config = config;
        this.github = github;
        this.accounts = accounts;
        this.scheduler = scheduler;
        this.clock = clock;
        this.timing = timing;
        this.random = random;
        this.meters = meters;
    }

    @Override
    public CompletableFuture<CopilotCredentials> credentials(long accountId) {
        // Every request asks: while the last credentials hold (token not due, session id not rotating), no lock is taken.
        AccountState known = states.get(accountId);
        Ready ready = known == null ? null : known.ready;
        if (ready != null && clock.instant().isBefore(ready.until())) {
            return CompletableFuture.completedFuture(ready.credentials());
        }
        while (!closed) {
            AccountState state = states.computeIfAbsent(accountId, AccountState::new);
            synchronized (state) {
                if (state.retired) {
                    continue; // replaced a moment ago: take the new state
                }
                Instant now = clock.instant();
                if (state.unusable != null) {
                    return CompletableFuture.failedFuture(new AccountUnavailableException(accountId, state.unusable));
                }
                if (state.current != null && !timing.dueForRefresh(state.current.expiresAt(), now)) {
                    return CompletableFuture.completedFuture(state.credentials(now, random, timing));
                }
                if (state.inFlight != null) {
                    return state.inFlight.copy();
                }
                if (state.retryAt != null && now.isBefore(state.retryAt)) {
                    return state.stillValid(now)
                            ? CompletableFuture.completedFuture(state.credentials(now, random, timing))
                            : CompletableFuture.failedFuture(state.backingOff());
                }
                return startExchange(state).copy();
            }
        }
        return CompletableFuture.failedFuture(new AccountUnavailableException(accountId, "the gateway is stopping"));
    }

    @Override
    public CompletableFuture<CopilotCredentials> refreshAfterUnauthorized(CopilotCredentials rejected) {
        long accountId = rejected.accountId();
        while (!closed) {
            AccountState state = states.computeIfAbsent(accountId, AccountState::new);
            synchronized (state) {
                if (state.retired) {
                    continue;
                }
                Instant now = clock.instant();
                if (state.unusable != null) {
                    return CompletableFuture.failedFuture(new AccountUnavailableException(accountId, state.unusable));
                }
                if (state.current != null && !state.current.token().reveal().equals(rejected.token())) {
                    return credentials(accountId); // another request already replaced the rejected token
                }
                state.current = null; // Copilot said it is dead, whatever its expiry claims
                state.ready = null;
                if (state.inFlight != null) {
                    return state.inFlight.copy();
                }
                if (state.retryAt != null && now.isBefore(state.retryAt)) {
                    return CompletableFuture.failedFuture(state.backingOff());
                }
                return startExchange(state).copy();
            }
        }
        return CompletableFuture.failedFuture(new AccountUnavailableException(accountId, "the gateway is stopping"));
    }

    /** What this node knows about the account's Copilot token; empty when it has not tried to get one. */
    public Optional<TokenStatus> tokenStatus(long accountId) {
        AccountState state = states.get(accountId);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            String problem = state.unusable != null ? state.unusable : state.problem;
            return Optional.of(new TokenStatus(state.current == null ? null : state.current.expiresAt(), problem, state.retryAt));
        }
    }

    /** Gets tokens for every enabled account that may work, so their status is known before the first request. */
    public void warmUp() {
        accounts.accountsThatMayWork().forEach(this::credentials);
    }

    @Override
    public void credentialsChanged(long accountId) {
        retire(accountId);
        credentials(accountId);
    }

    @Override
    public void removed(long accountId) {
        retire(accountId);
    }

    /** A disabled account gets no token refreshes; an enabled one gets its token when first asked. */
    @Override
    public void settingsChanged(long accountId, boolean enabled) {
        if (!enabled) {
            retire(accountId);
        }
    }

    @Override
    public void close() {
        closed = true;
        List.copyOf(states.keySet()).forEach(this::retire);
    }

    private void retire(long accountId) {
        AccountState state = states.remove(accountId);
        if (state != null) {
            synchronized (state) {
                state.retired = true;
                state.ready = null;
                state.cancelTimer();
            }
        }
    }

    // ---- one exchange ----

    /** Starts the exchange whose result every waiting caller shares. Caller holds the state's lock. */
    private CompletableFuture<CopilotCredentials> startExchange(AccountState state) {
        CompletableFuture<CopilotCredentials> result = new CompletableFuture<>();
        state.inFlight = result;
        try {
            CompletableFuture.supplyAsync(() -> load(state.id), scheduler).whenComplete((account, loadFailure) -> {
                if (loadFailure != null) {
                    failed(state, null, loadFailure, result);
                    return;
                }
                github.exchangeCopilotToken(account.hosts(), account.githubToken())
                        .thenCompose(grant -> activate(account).thenApply(ignored -> grant))
                        .whenComplete((grant, failure) -> {
                            meters.tokenExchange(failure == null);
                            if (failure == null) {
                                succeeded(state, account, grant, result);
                            } else {
                                failed(state, account, failure, result);
                            }
                        });
            });
        } catch (RejectedExecutionException stopping) {
            state.inFlight = null;
            result.completeExceptionally(new AccountUnavailableException(state.id, "the gateway is stopping"));
        }
        return result;
    }

    /** The account as an exchange needs it, or the failure that says why it gets no exchange. */
    private ExchangeAccount load(long accountId) {
        AccountTokenStore.Lookup lookup = accounts.loadForExchange(accountId);
        if (lookup instanceof AccountTokenStore.Found found) {
            return found.account();
        }
        if (lookup instanceof AccountTokenStore.Unusable unusable) {
            throw new AccountUnavailableException(accountId, unusableReason(accountId, unusable.status(), unusable.detail()));
        }
        if (lookup instanceof AccountTokenStore.Disabled) {
            throw new AccountUnavailableException(accountId, "account " + accountId + " is disabled");
        }
        throw new NoSuchAccount(accountId);
    }

    /**
     * A first successful exchange proves the account works: fill in who it is ({@code /user}) and mark it ACTIVE.
     * Never fails the exchange: if GitHub or the database does not answer, the next exchange tries again.
     */
    private CompletableFuture<Void> activate(ExchangeAccount account) {
        if (!account.needsActivation()) {
            return CompletableFuture.completedFuture(null);
        }
        return github.user(account.hosts(), account.githubToken())
                .thenAcceptAsync(user -> markActive(account, user), scheduler)
                .exceptionally(failure -> {
                    Throwable cause = unwrap(failure);
                    LOG.warning("Account #" + account.id() + ": Copilot works, but who the account is could not be recorded yet: "
                            + (cause instanceof GitHubException gitHub ? gitHub.getMessage() : describe(cause)));
                    return null;
                });
    }

    private void markActive(ExchangeAccount account, GitHubUser user) {
        accounts.markActive(account, user, clock.instant());
        LOG.info("Account #" + account.id() + " (" + user.login() + ") is active");
    }

    private void succeeded(AccountState state, ExchangeAccount account, CopilotTokenGrant grant, CompletableFuture<CopilotCredentials> result) {
        CopilotCredentials credentials;
        boolean recovered;
        synchronized (state) {
            state.inFlight = null;
            if (state.retired) {
                result.completeExceptionally(new AccountUnavailableException(state.id, "the account changed while its token was exchanged; try again"));
                return;
            }
            Instant now = clock.instant();
            recovered = state.failures > 0;
            state.failures = 0;
            state.retryAt = null;
            state.problem = null;
            state.deviceId = account.deviceId();
            state.machineId = account.machineId();
            URI baseUrl = CopilotBaseUrls.resolve(config.copilotApiUrl(), account.enterpriseHost(), grant.apiEndpoint(), account.type());
            Instant expiresAt = grant.expiresAtLocally(now);
            state.current = new IssuedToken(grant.token(), expiresAt, baseUrl);
            schedule(state, timing.refreshDelay(grant.refreshIn(), expiresAt, now));
            credentials = state.credentials(now, random, timing);
        }
        if (recovered) {
            LOG.info("Account #" + state.id + ": Copilot token exchange works again");
        } else {
            LOG.fine(() -> "Account #" + state.id + ": new Copilot token, valid until " + credentials.expiresAt());
        }
        result.complete(credentials);
    }

    /** @param account null when the account could not even be loaded */
    private void failed(AccountState state, ExchangeAccount account, Throwable failure, CompletableFuture<CopilotCredentials> result) {
        Throwable cause = unwrap(failure);
        CopilotCredentials fallback = null;
        AccountUnavailableException unavailable;
        synchronized (state) {
            state.inFlight = null;
            Instant now = clock.instant();
            if (cause instanceof NoSuchAccount || cause instanceof AccountUnavailableException) {
                unavailable = cause instanceof AccountUnavailableException known ? known
                        : new AccountUnavailableException(state.id, "account " + state.id + " does not exist");
                state.makeUnusable(unavailable.getMessage());
                if (cause instanceof NoSuchAccount) {
                    states.remove(state.id, state);
                    state.retired = true;
                }
            } else if (cause instanceof GitHubException gitHub && isPermanent(gitHub)) {
                GitHubAccount.Status status = gitHub.problem() == GitHubException.Problem.TOKEN_REJECTED
                        ? GitHubAccount.Status.NEEDS_LOGIN : GitHubAccount.Status.NO_COPILOT;
                unavailable = new AccountUnavailableException(state.id, unusableReason(state.id, status, gitHub.getMessage()));
                state.makeUnusable(unavailable.getMessage());
                LOG.warning("Copilot token exchange: " + unavailable.getMessage());
                recordUnusable(account, status, gitHub.getMessage());
            } else {
                String problem = cause instanceof GitHubException gitHub ? gitHub.getMessage() : describe(cause);
                state.failures++;
                Duration delay = timing.retryDelay(state.failures);
                state.retryAt = now.plus(delay);
                state.problem = "Copilot token exchange failed: " + problem;
                if (!state.retired) {
                    schedule(state, delay);
                }
                unavailable = state.backingOff();
                if (state.stillValid(now)) {
                    fallback = state.credentials(now, random, timing);
                }
                LOG.warning("Account #" + state.id + ": " + state.problem + "; next attempt in " + delay.toMillis() + " ms"
                        + (fallback != null ? " (the current token stays in use until " + state.current.expiresAt() + ")" : ""));
                LOG.log(Level.FINE, "Token exchange failure detail", cause);
            }
        }
        if (fallback != null) {
            result.complete(fallback);
        } else {
            result.completeExceptionally(unavailable);
        }
    }

    private static boolean isPermanent(GitHubException failure) {
        return failure.problem() == GitHubException.Problem.TOKEN_REJECTED || failure.problem() == GitHubException.Problem.NO_COPILOT;
    }

    /** Persists NEEDS_LOGIN / NO_COPILOT, unless the account got another token meanwhile. */
    private void recordUnusable(ExchangeAccount account, GitHubAccount.Status status, String detail) {
        Instant now = clock.instant();
        try {
            scheduler.execute(() -> {
                try {
                    accounts.recordUnusable(account, status, detail, now);
                } catch (RuntimeException notRecorded) {
                    LOG.warning("Account #" + account.id() + ": its status " + status + " could not be stored: " + describe(notRecorded));
                }
            });
        } catch (RejectedExecutionException stopping) {
            // The gateway is stopping; the next start finds out again.
        }
    }

    private void schedule(AccountState state, Duration delay) {
        state.cancelTimer();
        if (closed) {
            return;
        }
        try {
            state.timer = scheduler.schedule(() -> backgroundExchange(state), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            state.timer = null;
        }
    }

    /** A refresh or retry that no request is waiting for. */
    private void backgroundExchange(AccountState state) {
        synchronized (state) {
            state.timer = null;
            if (!closed && !state.retired && state.unusable == null && state.inFlight == null) {
                startExchange(state);
            }
        }
    }

    private static String unusableReason(long accountId, GitHubAccount.Status status, String detail) {
        String what = status == GitHubAccount.Status.NEEDS_LOGIN
                ? "account " + accountId + " needs a new GitHub login (device flow, or add a new token)"
                : "account " + accountId + " has no Copilot access";
        return detail == null ? what : what + ": " + detail;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A failure in words without secrets: its type, and for the database its reason. */
    private static String describe(Throwable failure) {
        return failure instanceof DatabaseUnavailableException
                ? "database unavailable (" + failure.getMessage() + ")"
                : failure.getClass().getSimpleName();
    }

    // ---- state ----

    /** A Copilot token and where to use it. */
    private record IssuedToken(Secret token, Instant expiresAt, URI apiBaseUrl) {
    }

    /** Thrown by {@link #load} for an account id that is not (or no longer) in the database. */
    private static final class NoSuchAccount extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NoSuchAccount(long accountId) {
            super("account " + accountId + " does not exist", null, false, false);
        }
    }

    /** One account's token and exchange state; every field is guarded by the object's lock. */
    /** Credentials that may be handed out unchanged before {@code until}. */
    private record Ready(CopilotCredentials credentials, Instant until) {
    }

    private static final class AccountState {

        final long id;
        IssuedToken current;
        CompletableFuture<CopilotCredentials> inFlight;
        int failures;
        Instant retryAt;
        String problem;
        /** Why the account cannot be used until its token changes (needs login, no Copilot, disabled). */
        String unusable;
        ScheduledFuture<?> timer;
        String deviceId;
        String machineId;
        SessionId session;
        /** Dropped from the map (account changed or removed): finish what is running, start nothing. */
        boolean retired;
        /** The credentials last handed out and until when they may be handed out again as they are; read without the lock. */
        volatile Ready ready;

        AccountState(long id) {
            this.id = id;
        }

        CopilotCredentials credentials(Instant now, RandomGenerator random, RefreshTiming timing) {
            session = session == null ? SessionId.fresh(now, random) : session.at(now, random);
            CopilotCredentials credentials = new CopilotCredentials(id, current.token().reveal(), current.expiresAt(),
                    current.apiBaseUrl(), new CopilotCredentials.ClientIdentity(deviceId, machineId, session.value()));
            Instant refreshDue = timing.refreshDueAt(current.expiresAt());
            ready = new Ready(credentials, refreshDue.isBefore(session.rotatesAt()) ? refreshDue : session.rotatesAt());
            return credentials;
        }

        boolean stillValid(Instant now) {
            return current != null && current.expiresAt().isAfter(now);
        }

        AccountUnavailableException backingOff() {
            return new AccountUnavailableException(id, problem + "; next attempt at " + retryAt);
        }

        void makeUnusable(String reason) {
            unusable = reason;
            current = null;
            ready = null;
            retryAt = null;
            cancelTimer();
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
