package dev.copilotgateway.usage;

import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.NewUsageRecord;
import dev.copilotgateway.persistence.UsageRecordRepository;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Writes a usage record for every {@link RequestOutcome}, off the request path: an outcome is put in a bounded queue
 * (never waiting: when the queue is full the record is dropped, counted, and a warning logged at most once a minute),
 * and one writer thread of the gateway ({@value #THREAD_NAME}) inserts them in batches, every {@code flushEvery} or
 * {@code batchSize} records, whichever comes first. Queueing takes no lock and wakes the writer only once a batch is
 * full: every request of the node ends here. A batch the database refuses (or none is open) is dropped and
 * counted alike. The same thread runs the retention {@link UsagePurge} when it is due.
 */
public final class UsageRecorder implements RequestOutcomeListener, AutoCloseable {

    public static final String THREAD_NAME = "copilot-gateway-usage-writer";
    /** Records waiting to be written, at most; a burst larger than this in one second loses records. */
    public static final int QUEUE_CAPACITY = 50_000;
    public static final int BATCH_SIZE = 500;
    public static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class.getName());

    private final Supplier<Optional<Database>> databases;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** The queue's length (a linked queue's own size() walks it); at most {@code capacity}. */
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final int batchSize;
    private final Duration flushEvery;
    private final Runnable betweenBatches;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong droppedSinceWarning = new AtomicLong();
    private volatile long lastWarningNanos = System.nanoTime() - WARN_EVERY_NANOS;
    private final Thread writer;
    private volatile boolean running = true;

    /** {@code betweenBatches} runs on the writer thread after each wait (the purge, when due). */
    public UsageRecorder(Supplier<Optional<Database>> databases, int capacity, int batchSize, Duration flushEvery, Runnable betweenBatches) {
        this.databases = databases;
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.flushEvery = flushEvery;
        this.betweenBatches = betweenBatches;
        this.writer = new Thread(this::run, THREAD_NAME);
        writer.setDaemon(true);
    }

    public UsageRecorder start() {
        writer.start();
        return this;
    }

    /** O(1) and never blocks: the record is queued or, when the queue is full, dropped and counted. */
    @Override
    public void ended(RequestOutcome outcome) {
        int length = queued.incrementAndGet();
        if (length > capacity) {
            queued.decrementAndGet();
            drop(1, "the queue is full");
            return;
        }
        queue.add(new Pending(outcome, DebugBodies.current()));
        if (length == batchSize) {
            LockSupport.unpark(writer);
        }
    }

    /** Records dropped since start (queue full, or the database refused the batch). */
    public long dropped() {
        return dropped.get();
    }

    /** Batches (inserts of up to {@code batchSize} records in one transaction) written since start. */
    public long batches() {
        return batches.get();
    }

    /** Records written since start. */
    public long written() {
        return written.get();
    }

    /** An outcome waiting to be written, with its debug bodies (null unless {@code usage-debug-bodies}). */
    private record Pending(RequestOutcome outcome, DebugBodies bodies) {

        /** The row; made on the writer thread, where the bodies are redacted too. Databases keep microseconds. */
        NewUsageRecord record() {
            TokenCounts tokens = outcome.tokens() == null ? TokenCounts.NONE : outcome.tokens();
            return new NewUsageRecord(outcome.time().truncatedTo(ChronoUnit.MICROS), outcome.keyId(), outcome.accountId(),
                    outcome.ingress(), outcome.endpoint(), outcome.model(), outcome.upstreamModel(), outcome.stream(), outcome.status(),
                    tokens.input(), tokens.output(), tokens.cached(), tokens.reasoning(), outcome.premiumRequests(), outcome.latencyMs(),
                    outcome.ttfbMs(), outcome.errorType(), bodies == null ? null : DebugBodies.redacted(bodies.request()),
                    bodies == null ? null : DebugBodies.redacted(bodies.response()));
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || queued.get() > 0) {
            try {
                Pending next;
                while ((next = queue.poll()) != null) {
                    queued.decrementAndGet();
                    batch.add(next);
                    if (batch.size() == batchSize) {
                        write(batch);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    write(batch);
                    batch.clear();
                }
                betweenBatches.run();
            } catch (RuntimeException unexpected) {
                LOG.warning("The usage writer met an error and goes on: " + unexpected);
                batch.clear();
            }
            if (running && queued.get() < batchSize) {
                LockSupport.parkNanos(this, flushEvery.toNanos()); // until flushEvery passed, a batch is full, or close()
            }
            if (Thread.interrupted()) {
                return;
            }
        }
    }

    private void write(List<Pending> batch) {
        Optional<Database> database = databases.get();
        if (database.isEmpty()) {
            drop(batch.size(), "the database is not open");
            return;
        }
        List<NewUsageRecord> records = batch.stream().map(Pending::record).toList();
        try {
            database.get().runInTransaction(entityManager -> new UsageRecordRepository(entityManager).insertAll(records));
            written.addAndGet(batch.size());
            batches.incrementAndGet();
        } catch (RuntimeException refused) {
            drop(batch.size(), "the database refused them (" + refused.getClass().getSimpleName() + ")");
        }
    }

    private void drop(int count, String why) {
        dropped.addAndGet(count);
        long since = droppedSinceWarning.addAndGet(count);
        long now = System.nanoTime();
        if (now - lastWarningNanos >= WARN_EVERY_NANOS) {
            lastWarningNanos = now;
            droppedSinceWarning.addAndGet(-since);
            LOG.warning(since + " usage record(s) dropped: " + why + " (" + dropped.get() + " since start)");
        }
    }

    /** Stops taking records and writes what is queued (waiting at most a few seconds). */
    @Override
    public void close() {
        running = false; // the writer writes what is queued, then ends
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
