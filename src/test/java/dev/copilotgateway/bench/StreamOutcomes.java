package dev.copilotgateway.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What became of the streams of one run: how many are open, the peak, the durations of the good ones, why the others
 * failed. Once {@link #close() closed}, streams that still finish are ignored, so the reported counts add up.
 */
final class StreamOutcomes {

    private final int streams;
    private final CountDownLatch finished;
    private final List<Long> goodMillis = new ArrayList<>();
    private final List<Long> refusedMillis = new ArrayList<>();
    private final Map<String, Long> failures = new HashMap<>();
    private int open;
    private int peakOpen;
    private boolean closed;

    StreamOutcomes(int streams) {
        this.streams = streams;
        this.finished = new CountDownLatch(streams);
    }

    synchronized void started() {
        open++;
        peakOpen = Math.max(peakOpen, open);
    }

    synchronized void succeeded(long millis) {
        if (!closed) {
            goodMillis.add(millis);
            finished();
        }
    }

    /** An overload refusal (429/503 in the protocol's shape), {@code millis} after the request was sent. */
    synchronized void refused(long millis) {
        if (!closed) {
            refusedMillis.add(millis);
            finished();
        }
    }

    synchronized void failed(String reason) {
        if (!closed) {
            failures.merge(reason, 1L, Long::sum);
            finished();
        }
    }

    private void finished() {
        open--;
        finished.countDown();
    }

    /** Waits until every stream has finished or {@code millis} have passed. */
    void awaitFinished(long millis) throws InterruptedException {
        finished.await(millis, TimeUnit.MILLISECONDS);
    }

    synchronized void close() {
        closed = true;
    }

    synchronized int peakOpen() {
        return peakOpen;
    }

    /** Durations of the complete and correct streams, send to last byte. */
    synchronized Percentiles goodMillis() {
        return Percentiles.of(goodMillis);
    }

    /** How long the refusals took, send to the whole answer. */
    synchronized Percentiles refusedMillis() {
        return Percentiles.of(refusedMillis);
    }

    synchronized long failedCount() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Streams neither good, refused nor failed (still open when the run was closed). */
    synchronized long unfinishedCount() {
        return streams - goodMillis.size() - refusedMillis.size() - failedCount();
    }

    /** Failure reasons, the most frequent first. */
    synchronized List<Map.Entry<String, Long>> failureReasons() {
        return failures.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .toList();
    }
}
