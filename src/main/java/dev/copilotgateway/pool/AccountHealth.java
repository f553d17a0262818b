package dev.copilotgateway.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this node knows of one account's recent behaviour: requests in flight, a cooldown after GitHub throttled it,
 * the last error, requests in the last hour and the premium quota left when known. Per node, never in the database:
 * each node sees its own traffic (the README says so).
 */
final class AccountHealth {

    /** First cooldown when a 429 names no Retry-After; doubled for each further 429 in a row. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final RecentRequests recent = new RecentRequests();

    // Written under this object's lock; the two that every request reads are volatile, so reading takes no lock.
    private volatile Instant cooldownUntil;
    private volatile int throttlesInARow;
    private String lastError;
    private Instant lastErrorAt;
    private PremiumQuota quota;

    /** One more request in flight, unless that would pass {@code limit} (0: none). */
    boolean tryStart(int limit, Instant now) {
        int before = inFlight.getAndUpdate(count -> AdmissionLimits.within(limit, count) ? count + 1 : count);
        if (!AdmissionLimits.within(limit, before)) {
            return false;
        }
        recent.record(now);
        return true;
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    void succeeded() {
        if (throttlesInARow != 0) {
            synchronized (this) {
                throttlesInARow = 0;
            }
        }
    }

    /** GitHub throttled the account: no traffic until {@code retryAfter} (or an exponential back-off) has passed. */
    synchronized Instant throttled(Instant now, Duration retryAfter, String error) {
        throttlesInARow++;
        Duration wait = retryAfter != null ? retryAfter : backoff(throttlesInARow);
        Instant until = now.plus(wait);
        if (cooldownUntil == null || until.isAfter(cooldownUntil)) {
            cooldownUntil = until;
        }
        failed(now, error);
        return cooldownUntil;
    }

    static Duration backoff(int throttlesInARow) {
        int doublings = Math.min(throttlesInARow - 1, 20);
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    synchronized void failed(Instant now, String error) {
        lastError = error;
        lastErrorAt = now;
    }

    /** The end of the current cooldown, or null when the account may be used at {@code now}. */
    Instant coolingUntil(Instant now) {
        Instant until = cooldownUntil;
        return until != null && until.isAfter(now) ? until : null;
    }

    synchronized void quota(PremiumQuota known) {
        quota = known;
    }

    synchronized PremiumQuota quota() {
        return quota;
    }

    synchronized LiveState state(Instant now) {
        return new LiveState(inFlight.get(), coolingUntil(now), lastError, lastErrorAt, recent.lastHour(now), quota);
    }
}
