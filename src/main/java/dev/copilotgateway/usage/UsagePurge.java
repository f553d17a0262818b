package dev.copilotgateway.usage;

import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.UsageRecordRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Deletes usage records older than the retention ({@code usage-retention}), in batches of {@link #BATCH} rows, each its
 * own transaction, so a large purge never holds long locks. Run every {@link #INTERVAL} by the usage writer thread on
 * each node (several nodes purging at once delete disjoint or already-deleted rows: harmless), and on demand through
 * {@code POST /admin/api/usage/purge}.
 */
public final class UsagePurge {

    public static final int BATCH = 1000;
    public static final Duration INTERVAL = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(UsagePurge.class.getName());

    private final Supplier<Optional<Database>> databases;
    private final Clock clock;
    private final Duration retention;
    private volatile Instant nextRun;

    public UsagePurge(Supplier<Optional<Database>> databases, Clock clock, Duration retention) {
        this.databases = databases;
        this.clock = clock;
        this.retention = retention;
        this.nextRun = clock.instant().plus(Duration.ofMinutes(1)); // not in the middle of start-up
    }

    public Duration retention() {
        return retention;
    }

    /** Purges when {@link #INTERVAL} has passed since the last run; for the writer thread between batches. */
    public void runIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextRun)) {
            return;
        }
        nextRun = now.plus(INTERVAL);
        try {
            int deleted = deleteBefore(now.minus(retention));
            if (deleted > 0) {
                LOG.info("Usage retention: deleted " + deleted + " record(s) older than " + retention.toDays() + " day(s)");
            }
        } catch (RuntimeException failed) {
            LOG.warning("The usage retention purge failed; it runs again in an hour: " + failed.getClass().getSimpleName());
        }
    }

    /** Deletes every record created before {@code cutoff}, batch by batch; how many. Nothing when no database is open. */
    public int deleteBefore(Instant cutoff) {
        Optional<Database> database = databases.get();
        if (database.isEmpty()) {
            return 0;
        }
        int total = 0;
        int deleted;
        do {
            deleted = database.get().inTransaction(entityManager -> new UsageRecordRepository(entityManager).deleteOlderThan(cutoff, BATCH));
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
