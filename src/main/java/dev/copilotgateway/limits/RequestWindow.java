package dev.copilotgateway.limits;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Requests counted per second over the last {@value #SECONDS} seconds (a sliding minute), in a ring of one-second
 * slots. Not thread-safe: its {@link KeyCounts} guards it.
 */
final class RequestWindow {

    static final int SECONDS = 60;

    private final long[] secondOf = new long[SECONDS];
    private final long[] counts = new long[SECONDS];
    /** What the other nodes were last told of each slot. */
    private final long[] shared = new long[SECONDS];

    RequestWindow() {
        Arrays.fill(secondOf, Long.MIN_VALUE);
    }

    void add(long epochSecond) {
        int slot = slot(epochSecond);
        if (secondOf[slot] != epochSecond) {
            secondOf[slot] = epochSecond;
            counts[slot] = 0;
            shared[slot] = 0;
        }
        counts[slot]++;
    }

    /** The requests in the minute ending with {@code epochSecond}, per second, oldest first. */
    NavigableMap<Long, Long> perSecond(long epochSecond) {
        NavigableMap<Long, Long> seconds = new TreeMap<>();
        for (int slot = 0; slot < SECONDS; slot++) {
            if (inWindow(secondOf[slot], epochSecond) && counts[slot] > 0) {
                seconds.put(secondOf[slot], counts[slot]);
            }
        }
        return seconds;
    }

    /** The seconds whose count the other nodes have not been told yet, with their counts now. */
    Map<Long, Long> unshared(long epochSecond) {
        Map<Long, Long> changed = new TreeMap<>();
        for (int slot = 0; slot < SECONDS; slot++) {
            if (inWindow(secondOf[slot], epochSecond) && counts[slot] != shared[slot]) {
                changed.put(secondOf[slot], counts[slot]);
            }
        }
        return changed;
    }

    /** The other nodes now know {@code count} for {@code second}. */
    void shared(long second, long count) {
        int slot = slot(second);
        if (secondOf[slot] == second) {
            shared[slot] = count;
        }
    }

    boolean isEmpty(long epochSecond) {
        return perSecond(epochSecond).isEmpty();
    }

    static boolean inWindow(long second, long epochSecond) {
        return second > epochSecond - SECONDS && second <= epochSecond;
    }

    private static int slot(long epochSecond) {
        return (int) Math.floorMod(epochSecond, (long) SECONDS);
    }
}
