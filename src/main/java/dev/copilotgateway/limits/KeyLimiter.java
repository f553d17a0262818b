package dev.copilotgateway.limits;

import dev.copilotgateway.limits.KeyLimitExceededException.Limit;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.security.KeyLimits;
import dev.copilotgateway.usage.RequestOutcome;
import dev.copilotgateway.usage.RequestOutcomeListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Admits the public API's requests under their key's limits, in memory: this node's own counts plus what the other
 * nodes had counted at the last {@link LimitCountSync} (never a database call on the request path).
 * <ul>
 *   <li>requests per minute: the requests admitted in the last 60 seconds (one-second steps);</li>
 *   <li>tokens per day: the tokens of the key's requests that ended this UTC day, told by {@link RequestOutcome}s. A
 *       request admitted under the limit may end over it: the limit refuses the next one;</li>
 *   <li>concurrent requests: admitted and not yet ended; each {@link Permit} is released exactly once.</li>
 * </ul>
 * A request refused by a limit counts against none. Requests without a key (anonymous access) and keys without limits
 * are not counted at all: on the hot path of a key with no limits nothing is shared between its requests (a single busy
 * key would otherwise serialise every request on its entry), and a limit set later counts from then on (its tokens per
 * day from this node's requests after the change, plus the other nodes' counts).
 */
public final class KeyLimiter implements RequestOutcomeListener {

    /** An admitted request's place; {@link #release()} when it has ended, whatever happened (a second call does nothing). */
    public interface Permit {
        void release();
    }

    private static final Permit NOTHING_HELD = () -> { };
    private static final Duration RETRY_OPEN = Duration.ofSeconds(1);

    private final Clock clock;
    private final Duration openCountsStaleAfter;
    private final ConcurrentHashMap<Long, KeyCounts> keys = new ConcurrentHashMap<>();
    private volatile OtherNodes others = OtherNodes.NONE;

    /**
     * @param openCountsStaleAfter how long the other nodes' open requests, as last read, are believed: when the reading is
     *                             older (the database is out of reach), this node counts only its own
     */
    public KeyLimiter(Clock clock, Duration openCountsStaleAfter) {
        this.clock = clock;
        this.openCountsStaleAfter = openCountsStaleAfter;
    }

    /**
     * Counts a request of {@code caller} if its key's limits allow it.
     *
     * @throws KeyLimitExceededException naming the limit reached and when it frees
     */
    public Permit admit(Caller caller) {
        if (caller.apiKeyId() == null || !caller.limits().any()) {
            return NOTHING_HELD;
        }
        long keyId = caller.apiKeyId();
        KeyLimits limits = caller.limits();
        Instant now = clock.instant();
        long second = now.getEpochSecond();
        OtherNodes elsewhere = others;
        // Checked and counted inside compute, so that forgetIdle cannot drop the entry between the two.
        KeyCounts counts = keys.compute(keyId, (id, known) -> {
            KeyCounts current = known == null ? new KeyCounts() : known;
            synchronized (current) {
                current.limits(limits);
                checkTokens(keyId, limits, current, elsewhere, now);
                checkRequests(keyId, limits, current, elsewhere, now);
                checkOpen(keyId, limits, current, elsewhere, now);
                current.admitted(second);
            }
            return current;
        });
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                counts.closed();
            }
        };
    }

    private static void checkTokens(long keyId, KeyLimits limits, KeyCounts counts, OtherNodes elsewhere, Instant now) {
        if (limits.tokensPerDay() == null) {
            return;
        }
        long day = epochDay(now);
        long used = counts.tokens(day) + elsewhere.tokens(keyId, day);
        if (used >= limits.tokensPerDay()) {
            Instant midnight = LocalDate.ofEpochDay(day + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Duration wait = Duration.between(now, midnight);
            throw new KeyLimitExceededException(Limit.TOKENS_PER_DAY, "This API key has used its " + limits.tokensPerDay()
                    + " tokens per day (" + used + " today, UTC); the limit resets at 00:00 UTC, in " + words(wait), wait);
        }
    }

    private static void checkRequests(long keyId, KeyLimits limits, KeyCounts counts, OtherNodes elsewhere, Instant now) {
        if (limits.requestsPerMinute() == null) {
            return;
        }
        long second = now.getEpochSecond();
        NavigableMap<Long, Long> perSecond = new TreeMap<>(counts.requestsPerSecond(second));
        elsewhere.requests(keyId).forEach((at, count) -> {
            if (RequestWindow.inWindow(at, second)) {
                perSecond.merge(at, count, Long::sum);
            }
        });
        long inWindow = perSecond.values().stream().mapToLong(Long::longValue).sum();
        if (inWindow < limits.requestsPerMinute()) {
            return;
        }
        // The window frees a place when enough of its oldest requests have left it.
        long toLeave = inWindow - limits.requestsPerMinute() + 1;
        long left = 0;
        long freedAt = second + RequestWindow.SECONDS;
        for (Map.Entry<Long, Long> at : perSecond.entrySet()) {
            left += at.getValue();
            if (left >= toLeave) {
                freedAt = at.getKey() + RequestWindow.SECONDS;
                break;
            }
        }
        Duration wait = Duration.between(now, Instant.ofEpochSecond(freedAt));
        throw new KeyLimitExceededException(Limit.REQUESTS_PER_MINUTE, "This API key has made its " + limits.requestsPerMinute()
                + " requests per minute; the next one is allowed in " + words(wait), wait);
    }

    private void checkOpen(long keyId, KeyLimits limits, KeyCounts counts, OtherNodes elsewhere, Instant now) {
        if (limits.concurrentRequests() == null) {
            return;
        }
        long open = counts.open() + elsewhere.open(keyId, now, openCountsStaleAfter);
        if (open >= limits.concurrentRequests()) {
            throw new KeyLimitExceededException(Limit.CONCURRENT_REQUESTS, "This API key has " + open + " requests open, its limit of "
                    + limits.concurrentRequests() + " concurrent requests; a place frees when one of them ends", RETRY_OPEN);
        }
    }

    /** Counts the tokens of an ended request against its key's day (the UTC day it ended in), if the key is counted. */
    @Override
    public void ended(RequestOutcome outcome) {
        if (outcome.keyId() == null || outcome.tokens() == null || outcome.tokens().total() <= 0) {
            return;
        }
        Instant now = clock.instant();
        keys.computeIfPresent(outcome.keyId(), (id, current) -> {
            current.addTokens(epochDay(now), outcome.tokens().total(), now.getEpochSecond());
            return current;
        });
    }

    /** What the other nodes had counted, as {@link LimitCountSync} last read it. */
    void others(OtherNodes read) {
        others = read;
    }

    /** Calls {@code action} with each key this node counts (for the sync). */
    void forEachKey(BiConsumer<Long, KeyCounts> action) {
        keys.forEach(action);
    }

    /** Forgets keys with nothing open, nothing recent and nothing counted today. */
    void forgetIdle(Instant now) {
        long second = now.getEpochSecond();
        long day = epochDay(now);
        for (Long keyId : keys.keySet()) {
            keys.computeIfPresent(keyId, (id, counts) -> counts.idle(second, day) ? null : counts);
        }
    }

    static long epochDay(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 86_400L);
    }

    /** {@code 42 s}, {@code 3 min 5 s}, {@code 7 h 12 min}: when a limit frees, for a person. */
    static String words(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }
}
