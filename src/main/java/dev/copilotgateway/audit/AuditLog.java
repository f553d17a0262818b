package dev.copilotgateway.audit;

import dev.copilotgateway.persistence.AuditEvent;
import dev.copilotgateway.persistence.AuditEventRepository;
import dev.copilotgateway.persistence.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit log of admin actions, in the database (table {@code audit_event}): written by the admin API's audit filter
 * and the console, read by {@code GET /admin/api/audit} and the console's Audit page, purged after
 * {@code audit-retention}. An entry is written before the action's answer goes out; if it cannot be written (the
 * database is down) the action still stands and the failure is logged.
 */
public final class AuditLog {

    /** Most entries one query returns. */
    public static final int MAX_LIMIT = 1000;
    static final Duration PURGE_EVERY = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    private final Supplier<Database> database;
    private final Clock clock;
    private final Duration retention;

    /** @param database the open database (throws while it is not) */
    public AuditLog(Supplier<Database> database, Clock clock, Duration retention) {
        this.database = database;
        this.clock = clock;
        this.retention = retention;
    }

    public void record(AuditEntry entry) {
        Actor actor = entry.actor();
        AuditEvent event = new AuditEvent(clock.instant(), actor.kind(), clip(actor.name(), 200), entry.channel(), clip(entry.action(), 200),
                clip(entry.target(), 200), entry.changes(), entry.status(), clip(entry.remoteAddress(), 64));
        try {
            database.get().runInTransaction(entityManager -> new AuditEventRepository(entityManager).add(event));
        } catch (RuntimeException notWritten) {
            LOG.log(Level.WARNING, "Could not write the audit entry of " + entry.action() + " by " + actor.name() + ": " + notWritten.getMessage());
        }
    }

    /** Entries in [{@code from}, {@code to}), of {@code actor} (null: everyone), newest first, at most {@code limit}. */
    public List<AuditEvent> find(Instant from, Instant to, String actor, int limit) {
        return database.get().inTransaction(entityManager -> new AuditEventRepository(entityManager)
                .find(from, to, actor, Math.max(1, Math.min(limit, MAX_LIMIT))));
    }

    /** Deletes the entries older than the retention; how many went. */
    public int purge() {
        Instant before = clock.instant().minus(retention);
        return database.get().inTransaction(entityManager -> new AuditEventRepository(entityManager).removeBefore(before));
    }

    /** Purges now and then every hour on {@code scheduler}. */
    public void purgeEvery(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int removed = purge();
                if (removed > 0) {
                    LOG.info("Deleted " + removed + " audit entries older than " + retention);
                }
            } catch (RuntimeException failed) {
                LOG.log(Level.FINE, "Audit purge skipped: " + failed.getMessage());
            }
        }, 1, PURGE_EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
