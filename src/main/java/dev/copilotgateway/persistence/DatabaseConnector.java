package dev.copilotgateway.persistence;

import dev.copilotgateway.config.InvalidSettingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.api.FlywayException;

/**
 * Opens the database at start-up and keeps trying in the background while it is unavailable (a PostgreSQL
 * server that starts after Tomcat must not leave the gateway dead until someone redeploys it). Configuration
 * mistakes ({@link InvalidSettingException}) are not retried: on the first attempt they stop the start-up.
 */
public final class DatabaseConnector implements AutoCloseable {

    /** What /readyz reports about the database. */
    public record Status(boolean ready, String reason, String schemaVersion) {
    }

    private static final Logger LOG = Logger.getLogger(DatabaseConnector.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(60);
    private static final int REACHABLE_TIMEOUT_SECONDS = 2;

    private final Supplier<GatewayDataSource> dataSources;
    private final Consumer<Database> onOpen;
    private final Duration firstRetry;
    private final ScheduledExecutorService retries;
    /** Guarded by {@code this}. */
    private final List<Consumer<Database>> readyListeners = new ArrayList<>();

    private volatile Database database;
    private volatile String unavailableReason = "the database has not been opened yet";
    private volatile boolean closed;
    private Duration nextRetry;

    /**
     * @param dataSources gives a fresh connection source for each attempt
     * @param onOpen      runs once on the opened database before it is offered (bootstrap import, key check)
     */
    public DatabaseConnector(Supplier<GatewayDataSource> dataSources, Consumer<Database> onOpen) {
        this(dataSources, onOpen, FIRST_RETRY);
    }

    DatabaseConnector(Supplier<GatewayDataSource> dataSources, Consumer<Database> onOpen, Duration firstRetry) {
        this.dataSources = dataSources;
        this.onOpen = onOpen;
        this.firstRetry = firstRetry;
        this.nextRetry = firstRetry;
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "copilot-gateway-database-connect");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Tries now; a transient failure is retried in the background, a configuration mistake is thrown. */
    public void connect() {
        attempt(true);
    }

    private synchronized void attempt(boolean firstAttempt) {
        if (closed || database != null) {
            return;
        }
        Database opened = null;
        try {
            opened = Database.open(dataSources.get());
            onOpen.accept(opened);
            database = opened;
            unavailableReason = null;
            nextRetry = firstRetry;
            LOG.info("Database ready: " + opened.description() + ", schema version " + opened.schemaVersion());
            notifyReady(opened);
        } catch (InvalidSettingException configurationMistake) {
            closeQuietly(opened);
            unavailableReason = configurationMistake.getMessage();
            if (firstAttempt) {
                throw configurationMistake;
            }
            LOG.severe(configurationMistake.getMessage());
        } catch (RuntimeException failed) {
            closeQuietly(opened);
            unavailableReason = failed instanceof FlywayException
                    ? "the database schema migration failed (see the gateway log)"
                    : "the database is unavailable (see the gateway log)";
            LOG.log(Level.WARNING, "Database not available, retrying in " + nextRetry.toMillis() + " ms: " + rootMessage(failed));
            LOG.log(Level.FINE, "Database failure detail", failed);
            retries.schedule(() -> attempt(false), nextRetry.toMillis(), TimeUnit.MILLISECONDS);
            nextRetry = nextRetry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : nextRetry.multipliedBy(2);
        }
    }

    private void notifyReady(Database opened) {
        List<Consumer<Database>> listeners = List.copyOf(readyListeners);
        readyListeners.clear();
        for (Consumer<Database> listener : listeners) {
            try {
                listener.accept(opened);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "A start-up task on the opened database failed", failed);
            }
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void closeQuietly(Database opened) {
        if (opened != null) {
            try {
                opened.close();
            } catch (RuntimeException ignored) {
                // Already failing; the original failure is the one worth reporting.
            }
        }
    }

    public Optional<Database> database() {
        return Optional.ofNullable(database);
    }

    /** The open database, for work that cannot wait for it; otherwise a {@link DatabaseUnavailableException} saying why. */
    public Database require() {
        Database current = database;
        if (current == null) {
            String reason = unavailableReason;
            throw new DatabaseUnavailableException(reason == null ? "the database is not open" : reason);
        }
        return current;
    }

    /**
     * Runs {@code listener} once the database is open and offered: now if it already is, else after the background
     * attempt that opens it. For services that start work on the database (e.g. warming up Copilot tokens).
     */
    public void whenReady(Consumer<Database> listener) {
        Database current;
        synchronized (this) {
            current = database;
            if (current == null) {
                readyListeners.add(listener);
                return;
            }
        }
        listener.accept(current);
    }

    public Status status() {
        Database current = database;
        if (current == null) {
            return new Status(false, unavailableReason, null);
        }
        if (!current.isReachable(REACHABLE_TIMEOUT_SECONDS)) {
            return new Status(false, "the database does not answer", current.schemaVersion());
        }
        return new Status(true, null, current.schemaVersion());
    }

    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        synchronized (this) {
            closeQuietly(database);
            database = null;
        }
    }
}
