package dev.copilotgateway.pool;

import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * This node's copy of what the nodes share through the database: the usable accounts (enabled, not known dead, with
 * priority and weight) and the pool settings. Re-read in the background every {@code refresh} (the
 * {@code shared-state-refresh} setting), so choosing an account never waits for the database; a change made on this
 * node is applied at once ({@link #refreshNow()}). While the database is down the last copy stays in use.
 */
public final class PoolState {

    /** The accounts, preferred order by priority then id, and the settings, as read at one moment. */
    public record Snapshot(List<PoolAccount> accounts, PoolSettings settings) {
        static final Snapshot EMPTY = new Snapshot(List.of(), PoolSettings.DEFAULT);
    }

    private static final Logger LOG = Logger.getLogger(PoolState.class.getName());

    private final Supplier<Snapshot> reader;
    private volatile Snapshot current = Snapshot.EMPTY;

    /** {@code reader} reads the shared state (from the database); it may throw while the database is down. */
    public PoolState(Supplier<Snapshot> reader) {
        this.reader = reader;
    }

    /** Reads the usable accounts from {@code accounts} and the settings from {@code settings}. */
    public static PoolState fromDatabase(AccountService accounts, PoolSettingsStore settings) {
        return new PoolState(() -> new Snapshot(accounts.usableAccounts().stream()
                .map(account -> new PoolAccount(account.id(), account.login(), account.priority(), account.weight()))
                .toList(), settings.read()));
    }

    /** Starts the background re-reads on {@code scheduler}. */
    public void refreshEvery(Duration refresh, ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Snapshot current() {
        return current;
    }

    /** Reads the database now (after a change through this node's admin API). */
    public synchronized void refreshNow() {
        current = reader.get();
    }

    private void refreshQuietly() {
        try {
            refreshNow();
        } catch (DatabaseUnavailableException down) {
            // keep the last copy: the accounts did not stop working because the database did
        } catch (RuntimeException unexpected) {
            LOG.warning("Reading the pool's accounts and settings failed; keeping the last copy: " + unexpected);
        }
    }
}
