package dev.copilotgateway.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountPoolTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

    private static PoolAccount account(long id, int priority, int weight) {
        return new PoolAccount(id, "user" + id, priority, weight);
    }

    private static final List<PoolAccount> THREE = List.of(account(1, 0, 1), account(2, 0, 1), account(3, 0, 1));

    private AccountPool pool(List<PoolAccount> accounts, PoolSettings settings, ModelAvailability models) {
        return pool(accounts, settings, models, AdmissionLimits.NONE);
    }

    private AccountPool pool(List<PoolAccount> accounts, PoolSettings settings, ModelAvailability models, AdmissionLimits limits) {
        PoolState state = new PoolState(() -> new PoolState.Snapshot(accounts, settings));
        state.refreshNow();
        return new AccountPool(state, models, clock, new Random(42), limits);
    }

    private AccountPool pool(PoolStrategy strategy) {
        return pool(THREE, new PoolSettings(strategy, HOUR, 3), ModelAvailability.ANY);
    }

    private static PoolRequest request(String conversation) {
        return new PoolRequest(null, conversation, "gpt-4.1", 0);
    }

    private static Map<Long, Integer> firstChoices(AccountPool pool, int picks, boolean newConversationEachTime) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            long first = pool.choose(request(newConversationEachTime ? "c" + i : null)).accounts().get(0);
            counts.merge(first, 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobinSpreadsNewConversationsEvenly() {
        assertEquals(Map.of(1L, 10, 2L, 10, 3L, 10), firstChoices(pool(PoolStrategy.ROUND_ROBIN), 30, true));
    }

    @Test
    void roundRobinOrdersTheOthersAsFallbacks() {
        AccountPool pool = pool(PoolStrategy.ROUND_ROBIN);
        assertEquals(List.of(1L, 2L, 3L), pool.choose(request(null)).accounts());
        assertEquals(List.of(2L, 3L, 1L), pool.choose(request(null)).accounts());
        assertEquals(List.of(3L, 1L, 2L), pool.choose(request(null)).accounts());
    }

    @Test
    void priorityPrefersTheLowestNumberAndFallsBackInOrder() {
        List<PoolAccount> byPriority = List.of(account(7, 1, 1), account(3, 5, 1), account(9, 9, 1)); // as the database orders them
        AccountPool pool = pool(byPriority, new PoolSettings(PoolStrategy.PRIORITY, Duration.ZERO, 3), ModelAvailability.ANY);
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(7L, 3L, 9L), pool.choose(request(null)).accounts());
        }
    }

    @Test
    void weightedFollowsTheWeights() {
        List<PoolAccount> weighted = List.of(account(1, 0, 1), account(2, 0, 3), account(3, 0, 6));
        AccountPool pool = pool(weighted, new PoolSettings(PoolStrategy.WEIGHTED, Duration.ZERO, 3), ModelAvailability.ANY);
        Map<Long, Integer> counts = firstChoices(pool, 10_000, false);
        assertEquals(1_000, counts.get(1L), 150);
        assertEquals(3_000, counts.get(2L), 250);
        assertEquals(6_000, counts.get(3L), 250);
        assertEquals(Set.of(1L, 2L, 3L), Set.copyOf(pool.choose(request(null)).accounts()), "every account is a fallback");
    }

    @Test
    void leastInFlightPicksTheQuietestAccount() {
        AccountPool pool = pool(PoolStrategy.LEAST_IN_FLIGHT);
        pool.tryStart(1);
        pool.tryStart(1);
        pool.tryStart(2);
        assertEquals(List.of(3L, 2L, 1L), pool.choose(request(null)).accounts());
        pool.finished(1);
        pool.finished(1);
        pool.tryStart(3);
        pool.tryStart(3);
        assertEquals(1L, pool.choose(request(null)).accounts().get(0));
    }

    @Test
    void coolingAccountsAreSkippedUntilTheirCooldownEnds() {
        AccountPool pool = pool(PoolStrategy.ROUND_ROBIN);
        pool.throttled(2, Duration.ofSeconds(30), "429");
        for (int i = 0; i < 6; i++) {
            assertTrue(!pool.choose(request(null)).accounts().contains(2L));
        }
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Map.of(1L, 1, 2L, 1, 3L, 1), firstChoices(pool, 3, false));
    }

    @Test
    void everyCandidateCoolingIsA429WithTheSoonestEnd() {
        AccountPool pool = pool(PoolStrategy.ROUND_ROBIN);
        pool.throttled(1, Duration.ofSeconds(40), "429");
        pool.throttled(2, Duration.ofSeconds(12), "429");
        pool.throttled(3, Duration.ofSeconds(90), "429");
        PoolThrottledException throttled = assertThrows(PoolThrottledException.class, () -> pool.choose(request(null)));
        assertEquals(Long.valueOf(12), throttled.retryAfterSeconds().orElseThrow());
        assertEquals(Map.of("Retry-After", "12"), throttled.retryAfterHeader());
    }

    @Test
    void aThrottleWithoutRetryAfterBacksOffExponentially() {
        AccountPool pool = pool(PoolStrategy.ROUND_ROBIN);
        Instant start = clock.instant();
        assertEquals(start.plusSeconds(5), pool.throttled(1, null, "429"));
        clock.advance(Duration.ofSeconds(6));
        assertEquals(clock.instant().plusSeconds(10), pool.throttled(1, null, "429"));
        clock.advance(Duration.ofSeconds(11));
        assertEquals(clock.instant().plusSeconds(20), pool.throttled(1, null, "429"));
        pool.answered(1, request(null)); // a success ends the streak
        clock.advance(Duration.ofSeconds(21));
        assertEquals(clock.instant().plusSeconds(5), pool.throttled(1, null, "429"));
        assertEquals(AccountHealth.MAX_BACKOFF, AccountHealth.backoff(30));
    }

    @Test
    void maxAttemptsLimitsTheFallbacks() {
        AccountPool pool = pool(THREE, new PoolSettings(PoolStrategy.ROUND_ROBIN, HOUR, 2), ModelAvailability.ANY);
        assertEquals(2, pool.choose(request(null)).accounts().size());
    }

    @Test
    void onlyAccountsOfferingTheModelAreCandidates() {
        ModelAvailability onlyTwo = (account, model) -> account == 2 || !model.equals("claude-opus-4.6");
        AccountPool pool = pool(THREE, PoolSettings.DEFAULT, onlyTwo);
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of(2L), pool.choose(new PoolRequest(null, null, "claude-opus-4.6", 1)).accounts());
        }
        ModelAvailability none = (account, model) -> false;
        NoAccountException noOne = assertThrows(NoAccountException.class,
                () -> pool(THREE, PoolSettings.DEFAULT, none).choose(new PoolRequest(null, null, "claude-opus-4.6", 1)));
        assertTrue(noOne.getMessage().contains("claude-opus-4.6"), noOne.getMessage());
    }

    @Test
    void quotaAwareSkipsExhaustedAccountsForPremiumModelsOnly() {
        AccountPool pool = pool(PoolStrategy.QUOTA_AWARE);
        pool.quota(1, PremiumQuota.exhausted(clock.instant()));
        pool.quota(2, new PremiumQuota(0.5, false, false, clock.instant()));
        pool.quota(3, new PremiumQuota(120.0, false, false, clock.instant()));
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of(3L), pool.choose(new PoolRequest(null, null, "claude-opus-4.6", 1)).accounts());
        }
        assertEquals(List.of(2L, 3L), pool.choose(new PoolRequest(null, null, "claude-haiku-4.5", 0.33)).accounts().stream().sorted().toList());
        assertEquals(3, pool.choose(new PoolRequest(null, null, "gpt-4.1", 0)).accounts().size(), "a base model costs nothing");
        pool.quota(3, new PremiumQuota(0.0, true, false, clock.instant()));
        assertEquals(List.of(3L), pool.choose(new PoolRequest(null, null, "claude-opus-4.6", 1)).accounts(), "unlimited qualifies");
        pool.quota(3, PremiumQuota.exhausted(clock.instant()));
        assertThrows(PoolThrottledException.class, () -> pool.choose(new PoolRequest(null, null, "claude-opus-4.6", 1)));
    }

    @Test
    void otherStrategiesIgnoreTheQuota() {
        AccountPool pool = pool(PoolStrategy.ROUND_ROBIN);
        pool.quota(1, PremiumQuota.exhausted(clock.instant()));
        assertEquals(3, pool.choose(new PoolRequest(null, null, "claude-opus-4.6", 1)).accounts().size());
    }

    @Test
    void aConversationStaysOnItsAccountWhileOthersSpread() {
        AccountPool pool = pool(PoolStrategy.ROUND_ROBIN);
        long first = pool.choose(request("conversation-a")).accounts().get(0);
        pool.answered(first, request("conversation-a"));
        Map<Long, Integer> others = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            assertEquals(first, pool.choose(request("conversation-a")).accounts().get(0));
            long other = pool.choose(request("other-" + i)).accounts().get(0);
            others.merge(other, 1, Integer::sum);
        }
        assertEquals(Set.of(1L, 2L, 3L), others.keySet(), "new conversations still spread: " + others);
    }

    @Test
    void stickinessEndsAfterItsTimeToLive() {
        AccountPool pool = pool(THREE, new PoolSettings(PoolStrategy.ROUND_ROBIN, Duration.ofMinutes(10), 3), ModelAvailability.ANY);
        long first = pool.choose(request("c")).accounts().get(0);
        pool.answered(first, request("c"));
        clock.advance(Duration.ofMinutes(9));
        assertEquals(first, pool.choose(request("c")).accounts().get(0));
        pool.answered(first, request("c")); // each use extends it
        clock.advance(Duration.ofMinutes(9));
        assertEquals(first, pool.choose(request("c")).accounts().get(0));
        clock.advance(Duration.ofMinutes(11));
        pool.choose(request("x")); // move round-robin on
        assertTrue(pool.choose(request("c")).accounts().get(0) != first, "expired: a new choice");
    }

    @Test
    void aCoolingStickyAccountHandsTheConversationOn() {
        AccountPool pool = pool(PoolStrategy.ROUND_ROBIN);
        long first = pool.choose(request("c")).accounts().get(0);
        pool.answered(first, request("c"));
        pool.throttled(first, Duration.ofMinutes(1), "429");
        long next = pool.choose(request("c")).accounts().get(0);
        assertTrue(next != first);
        pool.answered(next, request("c"));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(next, pool.choose(request("c")).accounts().get(0), "the conversation moved for good");
    }

    @Test
    void noStickinessWhenTurnedOff() {
        AccountPool pool = pool(THREE, new PoolSettings(PoolStrategy.ROUND_ROBIN, Duration.ZERO, 3), ModelAvailability.ANY);
        long first = pool.choose(request("c")).accounts().get(0);
        pool.answered(first, request("c"));
        assertTrue(pool.choose(request("c")).accounts().get(0) != first);
    }

    @Test
    void aBoundKeyOnlyEverGetsItsAccount() {
        AccountPool pool = pool(PoolStrategy.ROUND_ROBIN);
        PoolRequest bound = new PoolRequest(2L, "c", "gpt-4.1", 1);
        for (int i = 0; i < 4; i++) {
            assertEquals(new AccountPool.Attempts(List.of(2L), true), pool.choose(bound));
        }
        pool.throttled(2, Duration.ofSeconds(20), "429");
        PoolThrottledException throttled = assertThrows(PoolThrottledException.class, () -> pool.choose(bound));
        assertEquals(Long.valueOf(20), throttled.retryAfterSeconds().orElseThrow());
        assertThrows(NoAccountException.class, () -> pool.choose(new PoolRequest(99L, null, "gpt-4.1", 0)), "disabled or unknown");
    }

    @Test
    void anEmptyPoolSaysHowToAddAnAccount() {
        NoAccountException none = assertThrows(NoAccountException.class,
                () -> pool(List.of(), PoolSettings.DEFAULT, ModelAvailability.ANY).choose(request(null)));
        assertTrue(none.getMessage().contains("/admin/api/accounts"), none.getMessage());
    }

    @Test
    void liveStateShowsInFlightCooldownErrorAndRecentRequests() {
        AccountPool pool = pool(PoolStrategy.ROUND_ROBIN);
        assertEquals(new LiveState(0, null, null, null, 0, null), pool.liveState(1));
        pool.tryStart(1);
        pool.tryStart(1);
        pool.finished(1);
        Instant until = pool.throttled(1, Duration.ofSeconds(60), "Copilot answered 429");
        LiveState state = pool.liveState(1);
        assertEquals(1, state.inFlight());
        assertEquals(until, state.cooldownUntil());
        assertEquals("Copilot answered 429", state.lastError());
        assertEquals(clock.instant(), state.lastErrorAt());
        assertEquals(2, state.requestsLastHour());
        clock.advance(Duration.ofMinutes(61));
        assertNull(pool.liveState(1).cooldownUntil());
        assertEquals(0, pool.liveState(1).requestsLastHour());
    }

    @Test
    void aFullAccountIsSkippedAndAFullPoolIsRefusedAtOnce() {
        AccountPool pool = pool(THREE, new PoolSettings(PoolStrategy.PRIORITY, Duration.ZERO, 3), ModelAvailability.ANY, new AdmissionLimits(0, 2));
        assertTrue(pool.tryStart(1));
        assertTrue(pool.tryStart(1));
        assertFalse(pool.tryStart(1), "the account's limit");
        assertEquals(List.of(2L, 3L), pool.choose(request(null)).accounts());
        for (long account : List.of(2L, 2L, 3L, 3L)) {
            assertTrue(pool.tryStart(account));
        }
        OverloadedException full = assertThrows(OverloadedException.class, () -> pool.choose(request(null)));
        assertEquals(Map.of("Retry-After", "1"), full.retryAfterHeader());
        assertThrows(OverloadedException.class, () -> pool.choose(new PoolRequest(2L, null, "gpt-4.1", 0)), "a bound key too");
        pool.finished(3);
        assertEquals(List.of(3L), pool.choose(request(null)).accounts());
        assertEquals(5, pool.inFlight());
    }

    @Test
    void theNodesLimitCountsEveryAccount() {
        AccountPool pool = pool(THREE, PoolSettings.DEFAULT, ModelAvailability.ANY, new AdmissionLimits(3, 0));
        assertTrue(pool.tryStart(1));
        assertTrue(pool.tryStart(2));
        assertTrue(pool.tryStart(3));
        assertFalse(pool.tryStart(1));
        assertEquals(3, pool.inFlight(), "a refused start counts nothing");
        OverloadedException full = assertThrows(OverloadedException.class, () -> pool.choose(request(null)));
        assertTrue(full.getMessage().contains("max-concurrent-requests"), full.getMessage());
        pool.finished(2);
        assertEquals(3, pool.choose(request(null)).accounts().size());
        assertTrue(pool.tryStart(2));
    }
}
