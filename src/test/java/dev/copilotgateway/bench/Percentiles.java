package dev.copilotgateway.bench;

import java.util.Collection;

/** Nearest-rank percentiles of a set of measurements. */
final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    static Percentiles of(Collection<Long> values) {
        return new Percentiles(values.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    int count() {
        return sorted.length;
    }

    /** The smallest value at or above {@code percent} % of the measurements; -1 if there are none. */
    long at(double percent) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(sorted.length * percent / 100.0);
        return sorted[Math.max(0, rank - 1)];
    }
}
