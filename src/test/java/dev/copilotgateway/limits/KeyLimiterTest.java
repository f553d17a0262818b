package dev.copilotgateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.limits.KeyLimitExceededException.Limit;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.security.KeyLimits;
import dev.copilotgateway.testing.MutableClock;
import dev.copilotgateway.usage.RequestOutcome;
import dev.copilotgateway.usage.TokenCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The limit arithmetic of {@link KeyLimiter} on one node, with a clock the tests move. */
class KeyLimiterTest {

    private static final Instant START = Instant.parse("2030-01-01T10:00:00.250Z");
    private static final Duration STALE = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(START);
    private final KeyLimiter limiter = new KeyLimiter(clock, STALE);

    private static Caller key(long id, KeyLimits limits) {
        return new Caller(id, "cgw_test", null, null, limits, null);
    }

    private static RequestOutcome ended(long keyId, long input, long output) {
        return new RequestOutcome(Instant.now(), keyId, 1L, RequestOutcome.INGRESS_CHAT, "/chat/completions", "gpt-4.1", "gpt-4.1",
                false, 200, new TokenCounts(input, output, 0, 0), 0, 10, 5L, null);
    }

    @Test
    void theRequestAfterTheLimitInOneMinuteIsRefusedUntilTheOldestLeavesTheWindow() {
        Caller caller = key(1, new KeyLimits(3, null, null));
        limiter.admit(caller).release();
        clock.advance(Duration.ofSeconds(10));
        limiter.admit(caller).release();
        limiter.admit(caller).release();

        KeyLimitExceededException refused = assertThrows(KeyLimitExceededException.class, () -> limiter.admit(caller));
        assertEquals(Limit.REQUESTS_PER_MINUTE, refused.limit());
        assertEquals(50, refused.retryAfterSeconds(), "the first request (50 s ago less 0.25 s) leaves the window then");
        assertTrue(refused.getMessage().contains("3 requests per minute") && refused.getMessage().contains("50 s"), refused.getMessage());

        clock.advance(Duration.ofSeconds(49));
        assertThrows(KeyLimitExceededException.class, () -> limiter.admit(caller), "refusals do not count, but the window is still full");
        clock.advance(Duration.ofSeconds(1));
        limiter.admit(caller).release(); // the first request's second has left the window
        KeyLimitExceededException again = assertThrows(KeyLimitExceededException.class, () -> limiter.admit(caller));
        assertEquals(10, again.retryAfterSeconds(), "the two requests of second 10 leave together");
    }

    @Test
    void keysAreCountedApartAndAKeyWithoutLimitsOrWithoutAKeyIsNeverRefused() {
        Caller limited = key(1, new KeyLimits(1, null, null));
        limiter.admit(limited);
        assertThrows(KeyLimitExceededException.class, () -> limiter.admit(limited));
        limiter.admit(key(2, new KeyLimits(1, null, null)));
        for (int i = 0; i < 1000; i++) {
            limiter.admit(key(3, KeyLimits.NONE));
            limiter.admit(Caller.anonymous());
        }
    }

    @Test
    void aLowerLimitAppliesToTheRequestsAlreadyCounted() {
        for (int i = 0; i < 5; i++) {
            limiter.admit(key(1, new KeyLimits(100, null, null))).release();
        }
        assertThrows(KeyLimitExceededException.class, () -> limiter.admit(key(1, new KeyLimits(5, null, null))),
                "the key's limit changed: its last minute already holds 5 requests");
    }

    @Test
    void concurrentRequestsFreeTheirPlaceWhenReleasedAndOnlyOnce() {
        Caller caller = key(1, new KeyLimits(null, null, 2));
        KeyLimiter.Permit first = limiter.admit(caller);
        KeyLimiter.Permit second = limiter.admit(caller);
        KeyLimitExceededException refused = assertThrows(KeyLimitExceededException.class, () -> limiter.admit(caller));
        assertEquals(Limit.CONCURRENT_REQUESTS, refused.limit());
        assertEquals(Map.of("Retry-After", "1"), refused.retryAfterHeader());
        assertTrue(refused.getMessage().contains("2 concurrent requests"), refused.getMessage());

        first.release();
        first.release(); // a second release must not free a second place
        KeyLimiter.Permit third = limiter.admit(caller);
        assertThrows(KeyLimitExceededException.class, () -> limiter.admit(caller));
        second.release();
        third.release();
        limiter.admit(caller);
        limiter.admit(caller);
    }

    @Test
    void tokensOfEndedRequestsCountUntilTheUtcDayEnds() {
        Caller caller = key(7, new KeyLimits(null, 1000L, null));
        limiter.admit(caller).release();
        limiter.ended(ended(7, 600, 300));
        limiter.admit(caller).release(); // 900 < 1000: admitted, and it may end over the limit
        limiter.ended(ended(7, 50, 100));
        limiter.ended(ended(8, 5000, 0)); // another key's tokens

        KeyLimitExceededException refused = assertThrows(KeyLimitExceededException.class, () -> limiter.admit(caller));
        assertEquals(Limit.TOKENS_PER_DAY, refused.limit());
        assertEquals(Duration.ofHours(14).minusMillis(250).toSeconds() + 1, refused.retryAfterSeconds(), "until 00:00 UTC");
        assertTrue(refused.getMessage().contains("1000 tokens per day (1050 today"), refused.getMessage());

        clock.advance(Duration.ofHours(14));
        limiter.admit(caller).release(); // a new UTC day
    }

    @Test
    void theOtherNodesCountsAddToThisNodes() {
        Caller caller = key(1, new KeyLimits(4, 100L, 3));
        long second = clock.instant().getEpochSecond();
        TreeMap<Long, Long> perSecond = new TreeMap<>(Map.of(second - 30, 2L, second - 70, 50L)); // 70 s ago: outside the window
        limiter.others(new OtherNodes(Map.of(1L, perSecond), KeyLimiter.epochDay(clock.instant()), Map.of(1L, 40L), Map.of(1L, 2L),
                clock.instant()));
        limiter.admit(caller); // 1 open here + 2 elsewhere = the limit of 3
        KeyLimitExceededException open = assertThrows(KeyLimitExceededException.class, () -> limiter.admit(caller));
        assertEquals(Limit.CONCURRENT_REQUESTS, open.limit());

        clock.advance(STALE);
        limiter.admit(caller); // the others' open requests are too old to believe: 2 here
        KeyLimitExceededException minute = assertThrows(KeyLimitExceededException.class, () -> limiter.admit(caller));
        assertEquals(Limit.REQUESTS_PER_MINUTE, minute.limit(), "2 elsewhere + 2 here");
        assertEquals(25, minute.retryAfterSeconds(), "the others' requests of 30 s ago leave first");

        limiter.ended(ended(1, 60, 0));
        assertEquals(Limit.TOKENS_PER_DAY, assertThrows(KeyLimitExceededException.class, () -> limiter.admit(caller)).limit(),
                "40 elsewhere + 60 here");
    }

    @Test
    void idleKeysAreForgottenButNotWhileARequestIsOpen() {
        KeyLimiter.Permit open = limiter.admit(key(1, new KeyLimits(null, null, 1)));
        limiter.admit(key(2, KeyLimits.NONE)).release();
        clock.advance(Duration.ofDays(1));
        limiter.forgetIdle(clock.instant());
        List<Long> known = new ArrayList<>();
        limiter.forEachKey((id, counts) -> known.add(id));
        assertEquals(List.of(1L), known);
        open.release();
        limiter.forgetIdle(clock.instant());
        known.clear();
        limiter.forEachKey((id, counts) -> known.add(id));
        assertEquals(List.of(), known);
    }

    @Test
    void aKeyWithoutLimitsIsNotCountedAtAll() {
        Caller unlimited = key(3, KeyLimits.NONE);
        for (int i = 0; i < 5; i++) {
            limiter.admit(unlimited); // never released: nothing was held
        }
        limiter.ended(ended(3, 500, 500));
        List<Long> known = new ArrayList<>();
        limiter.forEachKey((id, counts) -> known.add(id));
        assertEquals(List.of(), known, "no entry for the sync to share, no lock for its requests to meet on");

        limiter.admit(key(3, new KeyLimits(null, 1000L, null))).release(); // a limit set later counts from then on
        limiter.ended(ended(3, 600, 400));
        assertEquals(Limit.TOKENS_PER_DAY, assertThrows(KeyLimitExceededException.class,
                () -> limiter.admit(key(3, new KeyLimits(null, 1000L, null)))).limit());
    }

    @Test
    void waitsAreWrittenForPeople() {
        assertEquals("1 s", KeyLimiter.words(Duration.ofMillis(10)));
        assertEquals("59 s", KeyLimiter.words(Duration.ofSeconds(59)));
        assertEquals("3 min 5 s", KeyLimiter.words(Duration.ofSeconds(185)));
        assertEquals("7 h 12 min", KeyLimiter.words(Duration.ofMinutes(432)));
        assertEquals("2 h", KeyLimiter.words(Duration.ofHours(2)));
    }
}
