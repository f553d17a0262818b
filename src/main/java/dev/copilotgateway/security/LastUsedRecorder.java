package dev.copilotgateway.security;

import dev.copilotgateway.persistence.ApiKeyRepository;
import dev.copilotgateway.persistence.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Keeps {@code last_used_at} of client API keys roughly current without slowing requests: at most one write
 * per key per {@link #INTERVAL} on this node, run on {@code writes} rather than on the request's thread.
 */
final class LastUsedRecorder {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(LastUsedRecorder.class.getName());

    private final Supplier<Optional<Database>> databases;
    private final Executor writes;
    private final ConcurrentHashMap<Long, Instant> lastWritten = new ConcurrentHashMap<>();

    LastUsedRecorder(Supplier<Optional<Database>> databases, Executor writes) {
        this.databases = databases;
        this.writes = writes;
    }

    void record(long keyId, Instant now) {
        Instant previous = lastWritten.get(keyId);
        if (previous != null && now.isBefore(previous.plus(INTERVAL))) {
            return;
        }
        boolean claimed = previous == null
                ? lastWritten.putIfAbsent(keyId, now) == null
                : lastWritten.replace(keyId, previous, now);
        if (!claimed) {
            return; // a concurrent request with the same key writes it
        }
        try {
            writes.execute(() -> write(keyId, now));
        } catch (RejectedExecutionException stopping) {
            // The gateway is shutting down; a last-use time is not worth delaying that.
        }
    }

    private void write(long keyId, Instant at) {
        Optional<Database> database = databases.get();
        if (database.isEmpty()) {
            return;
        }
        try {
            database.get().runInTransaction(entityManager -> new ApiKeyRepository(entityManager).recordUse(keyId, at));
        } catch (RuntimeException failed) {
            LOG.warning("Could not record the last use of client API key #" + keyId + ": " + failed.getClass().getSimpleName());
        }
    }
}
