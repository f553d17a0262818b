package dev.copilotgateway.pool;

import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.github.CopilotUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Asks GitHub for each pooled account's premium quota ({@code copilot_internal/user}) while the pool's strategy is
 * {@code quota-aware}, so that strategy can skip accounts with nothing left. Other strategies do not need it, and the
 * gateway then makes no such calls.
 */
public final class QuotaWatcher {

    public static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(QuotaWatcher.class.getName());

    private final PoolState state;
    private final AccountPool pool;
    private final AccountService accounts;
    private final Clock clock;

    public QuotaWatcher(PoolState state, AccountPool pool, AccountService accounts, Clock clock) {
        this.state = state;
        this.pool = pool;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Checks every {@code interval} (the first check soon after start) on {@code scheduler}. */
    public void watchEvery(Duration interval, ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::checkQuietly, 30, interval.toSeconds(), TimeUnit.SECONDS);
    }

    void check() {
        PoolState.Snapshot snapshot = state.current();
        if (snapshot.settings().strategy() != PoolStrategy.QUOTA_AWARE) {
            return;
        }
        for (PoolAccount account : snapshot.accounts()) {
            accounts.usage(account.id()).ifPresent(usage -> usage.whenComplete((known, failure) -> {
                if (failure != null) {
                    LOG.fine("The quota of account #" + account.id() + " could not be read: " + failure.getMessage());
                } else {
                    premium(known).ifPresent(quota -> pool.quota(account.id(), quota));
                }
            }));
        }
    }

    private Optional<PremiumQuota> premium(CopilotUsage usage) {
        CopilotUsage.QuotaSnapshot premium = usage.quotas() == null ? null : usage.quotas().get("premium_interactions");
        if (premium == null) {
            return Optional.empty();
        }
        return Optional.of(new PremiumQuota(premium.remaining(), Boolean.TRUE.equals(premium.unlimited()),
                Boolean.TRUE.equals(premium.overagePermitted()), clock.instant()));
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException unexpected) {
            LOG.warning("Checking the accounts' premium quotas failed: " + unexpected);
        }
    }
}
