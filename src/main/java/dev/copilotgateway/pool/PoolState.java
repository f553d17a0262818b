package dev.copilotgateway.pool;

import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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
    private volatile LongConsumer membershipChanged = accountId -> { };
    private volatile Snapshot current = Snapshot.EMPTY;
    private boolean read; // guarded by this

    /** {@code reader} reads the shared state (from the database); it may throw while the database is down. */
    public PoolState(Supplier<Snapshot> reader) {
        this.reader = reader;
    }

    /**
     * Told of each account that joined or left the usable accounts since the previous read (enabled or disabled,
     * perhaps on another node), so what this node derived from it (a token, or the reason it had none) is re-derived.
     * Not told of the first read.
     */
    public void onMembershipChange(LongConsumer listener) {
        this.membershipChanged = listener;
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
        Snapshot previous = current;
        current = reader.get();
        if (read) {
            Set<Long> before = ids(previous);
            Set<Long> after = ids(current);
            after.stream().filter(id -> !before.contains(id)).forEach(membershipChanged::accept);
            before.stream().filter(id -> !after.contains(id)).forEach(membershipChanged::accept);
        }
        read = true;
    }

    private static Set<Long> ids(Snapshot snapshot) {
        return snapshot.accounts().stream().map(PoolAccount::id).collect(Collectors.toSet());
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
