package dev.copilotgateway.pool;

/**
 * The pool's settings as the admin API and the console change them: stored for every node (read again within
 * {@code shared-state-refresh}) and in force on this node at once.
 */
public final class PoolSettingsService {

    private final PoolSettingsStore store;
    private final PoolState state;

    public PoolSettingsService(PoolSettingsStore store, PoolState state) {
        this.store = store;
        this.state = state;
    }

    public PoolSettings current() {
        return store.read();
    }

    /** Applies {@code change} to the stored settings and returns them. */
    public PoolSettings change(PoolSettingsChange change) {
        PoolSettings changed = change.applyTo(store.read());
        store.write(changed);
        state.refreshNow();
        return changed;
    }
}
