package dev.copilotgateway.limits;

import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.KeyLimitCount;
import dev.copilotgateway.persistence.KeyLimitCountRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shares the {@link KeyLimiter}'s counts with the other nodes on the same database, every {@code interval}, on one
 * thread of its own (never a request's): it writes this node's counts of keys that have the limit in question (its own
 * rows in {@code key_limit_count}, absolute values, so a retried write cannot count twice) and reads the others' sums,
 * which the limiter adds to its own at admission. While the database is out of reach each node counts alone (logged
 * once); the others' tokens of the day stay as last read, their requests of the minute age out, their open requests are
 * ignored after {@code openCountsStaleAfter}.
 *
 * <p>Tolerance: a node learns of the others' requests at most one interval (plus a database round trip) late, so a key
 * can pass a limit by what the other nodes admit for it in that time.
 */
public final class LimitCountSync implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LimitCountSync.class.getName());
    /** Past windows and dead nodes' rows are deleted this often (by whichever node gets there). */
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final KeyLimiter limiter;
    private final Supplier<Optional<Database>> databases;
    private final Clock clock;
    private final Duration openCountsStaleAfter;
    private final String nodeId = UUID.randomUUID().toString();
    private ScheduledExecutorService thread;
    private Instant purgedAt = Instant.MIN;
    private boolean failing;

    /**
     * @param openCountsStaleAfter rows of open requests not refreshed for this long are a dead node's: ignored, then deleted
     */
    public LimitCountSync(KeyLimiter limiter, Supplier<Optional<Database>> databases, Clock clock, Duration openCountsStaleAfter) {
        this.limiter = limiter;
        this.databases = databases;
        this.clock = clock;
        this.openCountsStaleAfter = openCountsStaleAfter;
    }

    /** Syncs every {@code interval} from now on, on a daemon thread of its own that {@link #close()} stops. */
    public synchronized void startEvery(Duration interval) {
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread sync = new Thread(runnable, "copilot-gateway-limit-counts");
            sync.setDaemon(true);
            return sync;
        });
        // Fixed delay: a slow database delays the next round instead of piling rounds up.
        thread.scheduleWithFixedDelay(this::syncQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A round whose failure is logged once (until a round succeeds again), never thrown: admission goes on regardless. */
    void syncQuietly() {
        try {
            if (sync() && failing) {
                failing = false;
                LOG.info("Limit counts are shared through the database again");
            }
        } catch (RuntimeException failed) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Limit counts cannot be shared through the database; this node counts alone until it can: "
                        + failed, failed);
            }
        }
    }

    /**
     * One round: write this node's new counts, read the other nodes'. Returns false when the database is not open.
     * Package-private for the tests, which call it instead of waiting.
     */
    synchronized boolean sync() {
        Optional<Database> database = databases.get();
        if (database.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        long second = now.getEpochSecond();
        long day = KeyLimiter.epochDay(now);
        Map<Long, KeyCounts.Unshared> writes = new HashMap<>();
        Map<Long, KeyCounts> counted = new HashMap<>();
        limiter.forEachKey((keyId, counts) -> {
            KeyCounts.Unshared unshared = counts.unshared(second, day);
            if (!unshared.isEmpty()) {
                writes.put(keyId, unshared);
                counted.put(keyId, counts);
            }
        });
        boolean purge = now.isAfter(purgedAt.plus(PURGE_EVERY));
        OtherNodes read = database.get().inTransaction(entityManager -> {
            KeyLimitCountRepository rows = new KeyLimitCountRepository(entityManager);
            writes.forEach((keyId, unshared) -> write(rows, keyId, unshared, day, now));
            if (purge) {
                rows.purgeWindowsBefore(KeyLimitCount.Kind.REQUESTS, second - 2L * RequestWindow.SECONDS);
                rows.purgeWindowsBefore(KeyLimitCount.Kind.TOKENS, (day - 1) * 86_400L);
                rows.purgeUpdatedBefore(KeyLimitCount.Kind.CONCURRENT, now.minus(openCountsStaleAfter).minus(PURGE_EVERY));
            }
            return new OtherNodes(requests(rows.othersSince(nodeId, KeyLimitCount.Kind.REQUESTS, second - RequestWindow.SECONDS + 1)),
                    day, sums(rows.othersSince(nodeId, KeyLimitCount.Kind.TOKENS, day * 86_400L)),
                    rows.othersConcurrent(nodeId, now.minus(openCountsStaleAfter)), now);
        });
        // Committed: the others know these counts now.
        writes.forEach((keyId, unshared) -> counted.get(keyId).shared(unshared, day));
        if (purge) {
            purgedAt = now;
        }
        limiter.others(read);
        limiter.forgetIdle(now);
        return true;
    }

    private void write(KeyLimitCountRepository rows, long keyId, KeyCounts.Unshared unshared, long day, Instant now) {
        unshared.requestsPerSecond().forEach((at, count) ->
                rows.put(new KeyLimitCount.Id(nodeId, keyId, KeyLimitCount.Kind.REQUESTS, at), count, now));
        if (unshared.tokens() != null) {
            rows.put(new KeyLimitCount.Id(nodeId, keyId, KeyLimitCount.Kind.TOKENS, day * 86_400L), unshared.tokens(), now);
        }
        if (unshared.open() != null) {
            KeyLimitCount.Id id = new KeyLimitCount.Id(nodeId, keyId, KeyLimitCount.Kind.CONCURRENT, 0);
            if (unshared.open() > 0) {
                rows.put(id, unshared.open(), now);
            } else {
                rows.remove(id);
            }
        }
    }

    private static Map<Long, NavigableMap<Long, Long>> requests(List<KeyLimitCountRepository.Total> totals) {
        Map<Long, NavigableMap<Long, Long>> perKey = new HashMap<>();
        totals.forEach(total -> perKey.computeIfAbsent(total.keyId(), id -> new TreeMap<>()).put(total.windowStart(), total.amount()));
        return perKey;
    }

    private static Map<Long, Long> sums(List<KeyLimitCountRepository.Total> totals) {
        Map<Long, Long> perKey = new HashMap<>();
        totals.forEach(total -> perKey.merge(total.keyId(), total.amount(), Long::sum));
        return perKey;
    }

    /** Stops the thread and, best effort, deletes this node's open-request rows so the others stop counting them at once. */
    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
        try {
            databases.get().ifPresent(database -> database.runInTransaction(entityManager ->
                    new KeyLimitCountRepository(entityManager).removeNode(nodeId, KeyLimitCount.Kind.CONCURRENT)));
        } catch (RuntimeException unreachable) {
            LOG.fine("Could not delete this node's open-request counts at shutdown (they expire): " + unreachable);
        }
    }
}
