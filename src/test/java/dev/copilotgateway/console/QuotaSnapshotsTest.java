package dev.copilotgateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.github.CopilotUsage;
import dev.copilotgateway.github.GitHubException;
import dev.copilotgateway.testing.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QuotaSnapshotsTest {

    private static final CopilotUsage USAGE = new CopilotUsage("individual", null, null, "2027-01-01", Map.of());

    private final MutableClock clock = MutableClock.startingNow();
    private final Map<Long, CompletableFuture<CopilotUsage>> answers = new HashMap<>();
    private final Map<Long, AtomicInteger> asked = new HashMap<>();
    private final QuotaSnapshots snapshots = new QuotaSnapshots(id -> {
        asked.computeIfAbsent(id, any -> new AtomicInteger()).incrementAndGet();
        return Optional.ofNullable(answers.get(id));
    }, clock);

    @Test
    void aSlowAccountIsUnavailableAfterTheBoundedWaitAndTheOthersAreShown() {
        answers.put(1L, CompletableFuture.completedFuture(USAGE));
        answers.put(2L, new CompletableFuture<>()); // GitHub never answers
        answers.put(3L, CompletableFuture.failedFuture(new GitHubException(GitHubException.Problem.TOKEN_REJECTED, "401")));
        answers.put(4L, CompletableFuture.failedFuture(new GitHubException(GitHubException.Problem.NO_COPILOT, "404")));

        long started = System.nanoTime();
        Map<Long, QuotaSnapshots.Snapshot> shown = snapshots.of(List.of(1L, 2L, 3L, 4L, 5L), Duration.ofMillis(200));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(tookMillis < 2_000, "bounded: " + tookMillis + " ms");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), List.copyOf(shown.keySet()));
        assertEquals(USAGE, assertInstanceOf(QuotaSnapshots.Known.class, shown.get(1L)).usage());
        assertEquals(new QuotaSnapshots.Unavailable("quota.unavailable.slow"), shown.get(2L));
        assertEquals(new QuotaSnapshots.Unavailable("quota.unavailable.tokenRejected"), shown.get(3L));
        assertEquals(new QuotaSnapshots.Unavailable("quota.unavailable.noCopilot"), shown.get(4L));
        assertEquals(new QuotaSnapshots.Unavailable("quota.unavailable.github"), shown.get(5L), "no such account any more");
    }

    @Test
    void anAnswerIsKeptAMinuteAndAFailureIsAskedAgain() {
        answers.put(1L, CompletableFuture.completedFuture(USAGE));
        answers.put(2L, CompletableFuture.failedFuture(new GitHubException(GitHubException.Problem.UNAVAILABLE, "503")));
        snapshots.of(List.of(1L, 2L), Duration.ofMillis(100));
        clock.advance(Duration.ofSeconds(30));
        snapshots.of(List.of(1L, 2L), Duration.ofMillis(100));
        assertEquals(1, asked.get(1L).get(), "kept");
        assertEquals(2, asked.get(2L).get(), "asked again");

        clock.advance(QuotaSnapshots.FRESH_FOR);
        snapshots.of(List.of(1L), Duration.ofMillis(100));
        assertEquals(2, asked.get(1L).get(), "stale after a minute");
    }

    @Test
    void anAnswerThatCameAfterTheWaitIsShownNextTime() {
        CompletableFuture<CopilotUsage> slow = new CompletableFuture<>();
        answers.put(1L, slow);
        assertInstanceOf(QuotaSnapshots.Unavailable.class, snapshots.of(List.of(1L), Duration.ofMillis(50)).get(1L));
        slow.complete(USAGE);
        assertInstanceOf(QuotaSnapshots.Known.class, snapshots.of(List.of(1L), Duration.ofMillis(50)).get(1L));
        assertEquals(1, asked.get(1L).get());
    }

    @Test
    void anAccountWhoseQuestionCannotBeAskedIsUnavailable() {
        QuotaSnapshots broken = new QuotaSnapshots(id -> {
            throw new IllegalStateException("cannot decrypt");
        }, clock);
        assertEquals(new QuotaSnapshots.Unavailable("quota.unavailable.github"), broken.of(List.of(7L), Duration.ofMillis(50)).get(7L));
    }
}
