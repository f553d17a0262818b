package dev.copilotgateway.limits;

import dev.copilotgateway.security.KeyLimits;
import java.util.Map;
import java.util.NavigableMap;

/**
 * What this node has counted for one key: its requests of the last minute, the tokens of its requests that ended this
 * UTC day, its requests open now, and the limits it last came with. Every method is synchronized on the instance, so
 * an admission checks and counts in one step.
 */
final class KeyCounts {

    private final RequestWindow requests = new RequestWindow();
    private KeyLimits limits = KeyLimits.NONE;
    private long tokensDay = Long.MIN_VALUE;
    private long tokens;
    private long sharedTokens = -1;
    private int open;
    private int sharedOpen;
    private long lastActiveSecond;

    synchronized void limits(KeyLimits current) {
        limits = current;
    }

    synchronized NavigableMap<Long, Long> requestsPerSecond(long epochSecond) {
        return requests.perSecond(epochSecond);
    }

    synchronized long tokens(long epochDay) {
        return tokensDay == epochDay ? tokens : 0;
    }

    synchronized int open() {
        return open;
    }

    /** Counts an admitted request: one more this second, one more open. */
    synchronized void admitted(long epochSecond) {
        requests.add(epochSecond);
        open++;
        lastActiveSecond = epochSecond;
    }

    /** A request ended (its permit released). */
    synchronized void closed() {
        open--;
    }

    synchronized void addTokens(long epochDay, long amount, long epochSecond) {
        if (tokensDay != epochDay) {
            tokensDay = epochDay;
            tokens = 0;
            sharedTokens = -1;
        }
        tokens += amount;
        lastActiveSecond = Math.max(lastActiveSecond, epochSecond);
    }

    /** What the other nodes should be told of this key, under the limits it has (nothing for a limit it lacks). */
    synchronized Unshared unshared(long epochSecond, long epochDay) {
        Map<Long, Long> seconds = limits.requestsPerMinute() == null ? Map.of() : requests.unshared(epochSecond);
        Long dayTokens = limits.tokensPerDay() != null && tokensDay == epochDay && tokens != sharedTokens ? tokens : null;
        // Open requests are re-sent every time while there are any (a fresh row is what tells the others this node lives).
        Integer openNow = limits.concurrentRequests() != null && (open > 0 || sharedOpen > 0) ? open : null;
        return new Unshared(seconds, dayTokens, openNow);
    }

    /** The other nodes were told {@code told}. */
    synchronized void shared(Unshared told, long epochDay) {
        told.requestsPerSecond().forEach(requests::shared);
        if (told.tokens() != null && tokensDay == epochDay) {
            sharedTokens = told.tokens();
        }
        if (told.open() != null) {
            sharedOpen = told.open();
        }
    }

    /** Nothing open, nothing to tell, nothing counted in the last minute or today: the entry may go. */
    synchronized boolean idle(long epochSecond, long epochDay) {
        return open == 0 && sharedOpen == 0 && requests.isEmpty(epochSecond) && tokensDay != epochDay
                && epochSecond - lastActiveSecond > RequestWindow.SECONDS;
    }

    /** What one key's counts still have to be shared: requests per second, the day's tokens, the requests open. */
    record Unshared(Map<Long, Long> requestsPerSecond, Long tokens, Integer open) {
        boolean isEmpty() {
            return requestsPerSecond.isEmpty() && tokens == null && open == null;
        }
    }
}
