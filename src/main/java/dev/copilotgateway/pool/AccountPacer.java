package dev.copilotgateway.pool;

import dev.copilotgateway.config.HumanDuration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The upstream pacing ({@link UpstreamPacing}) on this node: each account's next free moment to send. A request that
 * comes before it is either scheduled for that moment on the gateway's pacing scheduler (no thread waits; at most
 * {@code maxQueue} per account and {@code maxWait} long) or refused with a {@link PoolThrottledException} whose
 * {@code Retry-After} is the time until the account is free. Per node: two nodes each keep their own pace.
 */
public final class AccountPacer {

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();

    public AccountPacer(Clock clock, ScheduledExecutorService scheduler) {
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** One account's pace: when it may send next, and how many requests wait for their moment. Guarded by itself. */
    private static final class Lane {
        private Instant nextFree = Instant.MIN;
        private int waiting;
    }

    /**
     * Sends through {@code send} now or at the account's next free moment.
     *
     * @throws PoolThrottledException when the request may not wait (refuse mode, the queue full, or a wait too long)
     */
    public <T> CompletableFuture<T> paced(long accountId, UpstreamPacing pacing, Supplier<CompletableFuture<T>> send) {
        if (!pacing.on()) {
            return send.get();
        }
        Lane lane = lanes.computeIfAbsent(accountId, id -> new Lane());
        Duration delay;
        synchronized (lane) {
            Instant now = clock.instant();
            Instant slot = lane.nextFree.isAfter(now) ? lane.nextFree : now;
            delay = Duration.between(now, slot);
            if (!delay.isZero()) {
                refuseIfNotWaiting(pacing, lane, delay);
                lane.waiting++;
            }
            lane.nextFree = slot.plus(pacing.minInterval());
        }
        if (delay.isZero()) {
            return send.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> {
                synchronized (lane) {
                    lane.waiting--;
                }
                try {
                    send.get().whenComplete((value, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else {
                            result.complete(value);
                        }
                    });
                } catch (RuntimeException failed) {
                    result.completeExceptionally(failed);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            synchronized (lane) {
                lane.waiting--;
            }
            throw new PoolThrottledException("The gateway is shutting down", delay);
        }
        return result;
    }

    private static void refuseIfNotWaiting(UpstreamPacing pacing, Lane lane, Duration delay) {
        String pace = "one request every " + HumanDuration.format(pacing.minInterval()) + " per account (pool setting pacingInterval)";
        if (pacing.mode() == UpstreamPacing.Mode.REFUSE) {
            throw new PoolThrottledException("The GitHub Copilot account is paced to " + pace + "; try again later", delay);
        }
        if (delay.compareTo(pacing.maxWait()) > 0 || lane.waiting >= pacing.maxQueue()) {
            throw new PoolThrottledException("Too many requests are waiting for the GitHub Copilot account, which is paced to "
                    + pace + "; try again later", delay);
        }
    }

    /** Requests waiting for their moment on this node, for {@code accountId}. */
    public int waiting(long accountId) {
        Lane lane = lanes.get(accountId);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.waiting;
        }
    }

    /** Forgets a removed account's pace. */
    public void forget(long accountId) {
        lanes.remove(accountId);
    }
}
