package dev.copilotgateway.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What became of the streams of one run: how many are open, the peak, the durations of good ones, why others failed. */
final class StreamOutcomes {

    private final CountDownLatch unfinished;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> goodMillis = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    StreamOutcomes(int streams) {
        this.unfinished = new CountDownLatch(streams);
    }

    void started() {
        peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    }

    void succeeded(long millis) {
        goodMillis.add(millis);
        finished();
    }

    void failed(String reason) {
        failures.computeIfAbsent(reason, key -> new LongAdder()).increment();
        finished();
    }

    private void finished() {
        open.decrementAndGet();
        unfinished.countDown();
    }

    CountDownLatch unfinished() {
        return unfinished;
    }

    int peakOpen() {
        return peakOpen.get();
    }

    /** Durations of the complete and correct streams, send to last byte. */
    Percentiles goodMillis() {
        return Percentiles.of(goodMillis);
    }

    long failedCount() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Failure reasons, the most frequent first. */
    List<Map.Entry<String, Long>> failureReasons() {
        return failures.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue().sum()))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .toList();
    }
}
