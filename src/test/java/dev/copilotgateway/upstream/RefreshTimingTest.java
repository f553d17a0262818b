package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The refresh and retry schedule of UPSTREAM.md §3.1 with the standard values. */
class RefreshTimingTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private final RefreshTiming timing = RefreshTiming.standard();

    @Test
    void refreshesAMinuteBeforeGitHubSuggests() {
        assertEquals(Duration.ofSeconds(1440), timing.refreshDelay(Duration.ofSeconds(1500), NOW.plusSeconds(1800), NOW));
    }

    @Test
    void neverSoonerThanOneSecond() {
        assertEquals(Duration.ofSeconds(1), timing.refreshDelay(Duration.ofSeconds(30), NOW.plusSeconds(1800), NOW));
        assertEquals(Duration.ofSeconds(1), timing.refreshDelay(Duration.ofSeconds(1500), NOW.plusSeconds(20), NOW));
    }

    @Test
    void withoutRefreshInTheDefaultApplies() {
        assertEquals(Duration.ofMinutes(24), timing.refreshDelay(Duration.ZERO, NOW.plusSeconds(3600), NOW));
        assertEquals(Duration.ofMinutes(24), timing.refreshDelay(Duration.ofSeconds(-5), NOW.plusSeconds(3600), NOW));
    }

    @Test
    void neverLaterThanAMinuteBeforeExpiry() {
        assertEquals(Duration.ofSeconds(540), timing.refreshDelay(Duration.ofSeconds(1500), NOW.plusSeconds(600), NOW));
    }

    @Test
    void dueWithinTheLastMinute() {
        assertFalse(timing.dueForRefresh(NOW.plusSeconds(61), NOW));
        assertTrue(timing.dueForRefresh(NOW.plusSeconds(60), NOW));
        assertTrue(timing.dueForRefresh(NOW.minusSeconds(1), NOW));
    }

    @Test
    void retriesDoubleUpToThirtySecondsThenWaitFiveMinutes() {
        List<Long> seconds = IntStream.rangeClosed(1, 9).mapToObj(timing::retryDelay).map(Duration::toSeconds).toList();
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 300L, 300L, 300L), seconds);
    }
}
