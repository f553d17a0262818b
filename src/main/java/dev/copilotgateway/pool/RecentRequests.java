package dev.copilotgateway.pool;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts events over the last hour in one-minute buckets: constant memory, no lock, and a count that is exact to
 * the minute. A bucket is reused when its minute comes round again.
 */
final class RecentRequests {

    private static final int MINUTES = 60;

    private final AtomicLongArray minuteOfBucket = new AtomicLongArray(MINUTES);
    private final AtomicLongArray countOfBucket = new AtomicLongArray(MINUTES);

    void record(Instant now) {
        long minute = now.getEpochSecond() / 60;
        int bucket = (int) (minute % MINUTES);
        long seen = minuteOfBucket.get(bucket);
        if (seen != minute && minuteOfBucket.compareAndSet(bucket, seen, minute)) {
            countOfBucket.set(bucket, 0); // a racing increment of the old minute may be lost: a count, not a ledger
        }
        countOfBucket.incrementAndGet(bucket);
    }

    /** Events in the current minute and the 59 before it. */
    long lastHour(Instant now) {
        long minute = now.getEpochSecond() / 60;
        long total = 0;
        for (int bucket = 0; bucket < MINUTES; bucket++) {
            if (minute - minuteOfBucket.get(bucket) < MINUTES) {
                total += countOfBucket.get(bucket);
            }
        }
        return total;
    }
}
