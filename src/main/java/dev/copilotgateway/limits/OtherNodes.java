package dev.copilotgateway.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What the other nodes on the same database had counted when last read: requests per key and second (the last
 * minute), tokens per key (of {@code epochDay}), and requests open per key (as of {@code readAt}). Immutable.
 */
record OtherNodes(Map<Long, NavigableMap<Long, Long>> requests, long epochDay, Map<Long, Long> tokens, Map<Long, Long> open,
                  Instant readAt) {

    static final OtherNodes NONE = new OtherNodes(Map.of(), Long.MIN_VALUE, Map.of(), Map.of(), Instant.MIN);

    NavigableMap<Long, Long> requests(long keyId) {
        return requests.getOrDefault(keyId, new TreeMap<>());
    }

    long tokens(long keyId, long day) {
        return day == epochDay ? tokens.getOrDefault(keyId, 0L) : 0;
    }

    /** Open requests, as long as the reading is recent enough to trust; a stale one counts nothing. */
    long open(long keyId, Instant now, Duration staleAfter) {
        return readAt.plus(staleAfter).isAfter(now) ? open.getOrDefault(keyId, 0L) : 0;
    }
}
