package dev.copilotgateway.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccountPacerTest {

    private static final UpstreamPacing WAIT_ONE_SECOND = new UpstreamPacing(Duration.ofSeconds(1), UpstreamPacing.Mode.WAIT, Duration.ofSeconds(5), 3);
    private static final UpstreamPacing REFUSE_ONE_SECOND = new UpstreamPacing(Duration.ofSeconds(1), UpstreamPacing.Mode.REFUSE, Duration.ofSeconds(5), 3);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final AccountPacer pacer = new AccountPacer(clock, scheduler);
    private final AtomicInteger sent = new AtomicInteger();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** Holds scheduled tasks with their delays; the test runs them. */
    private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();

        RecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            tasks.add(task);
            delays.add(Duration.ofNanos(unit.toNanos(delay)));
            return null;
        }
    }

    private CompletableFuture<Integer> send(long account, UpstreamPacing pacing) {
        return pacer.paced(account, pacing, () -> CompletableFuture.completedFuture(sent.incrementAndGet()));
    }

    @Test
    void withoutPacingEverythingIsSentAtOnce() {
        for (int i = 0; i < 5; i++) {
            assertTrue(send(1, UpstreamPacing.OFF).isDone());
        }
        assertEquals(5, sent.get());
        assertTrue(scheduler.tasks.isEmpty());
    }

    @Test
    void theFirstRequestGoesAtOnceAndTheNextWaitsForTheInterval() {
        assertEquals(1, send(1, WAIT_ONE_SECOND).join());
        clock.advance(Duration.ofMillis(300));
        CompletableFuture<Integer> second = send(1, WAIT_ONE_SECOND);
        CompletableFuture<Integer> third = send(1, WAIT_ONE_SECOND);

        assertFalse(second.isDone());
        assertEquals(List.of(Duration.ofMillis(700), Duration.ofMillis(1700)), scheduler.delays);
        assertEquals(2, pacer.waiting(1));
        scheduler.tasks.get(0).run();
        assertEquals(2, second.join());
        assertFalse(third.isDone());
        scheduler.tasks.get(1).run();
        assertEquals(3, third.join());
        assertEquals(0, pacer.waiting(1));
    }

    @Test
    void accountsKeepTheirOwnPace() {
        send(1, WAIT_ONE_SECOND);
        assertTrue(send(2, WAIT_ONE_SECOND).isDone());
        assertFalse(send(1, WAIT_ONE_SECOND).isDone());
    }

    @Test
    void afterTheIntervalARequestGoesAtOnceAgain() {
        send(1, WAIT_ONE_SECOND);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(send(1, WAIT_ONE_SECOND).isDone());
        assertTrue(scheduler.tasks.isEmpty());
    }

    @Test
    void refuseModeAnswersAtOnceWithTheTimeUntilTheAccountIsFree() {
        send(1, REFUSE_ONE_SECOND);
        clock.advance(Duration.ofMillis(200));
        PoolThrottledException refused = assertThrows(PoolThrottledException.class, () -> send(1, REFUSE_ONE_SECOND));
        assertEquals(Optional.of(1L), refused.retryAfterSeconds());
        assertTrue(refused.getMessage().contains("pacingInterval"), refused.getMessage());
        // a refusal takes no turn: at the interval's end the account is free
        clock.advance(Duration.ofMillis(800));
        assertTrue(send(1, REFUSE_ONE_SECOND).isDone());
        assertEquals(2, sent.get());
    }

    @Test
    void aFullQueueIsRefused() {
        send(1, WAIT_ONE_SECOND);
        for (int i = 0; i < 3; i++) {
            send(1, WAIT_ONE_SECOND);
        }
        PoolThrottledException refused = assertThrows(PoolThrottledException.class, () -> send(1, WAIT_ONE_SECOND));
        assertEquals(Optional.of(4L), refused.retryAfterSeconds());
        scheduler.tasks.get(0).run(); // one leaves the queue: room for one more
        assertFalse(send(1, WAIT_ONE_SECOND).isDone());
    }

    @Test
    void aWaitLongerThanTheMostAllowedIsRefused() {
        UpstreamPacing slow = new UpstreamPacing(Duration.ofSeconds(10), UpstreamPacing.Mode.WAIT, Duration.ofSeconds(5), 100);
        send(1, slow);
        clock.advance(Duration.ofSeconds(4)); // 6 s to wait
        assertThrows(PoolThrottledException.class, () -> send(1, slow));
        clock.advance(Duration.ofSeconds(1)); // 5 s: allowed
        assertFalse(send(1, slow).isDone());
        assertEquals(List.of(Duration.ofSeconds(5)), scheduler.delays);
    }

    @Test
    void aFailedSendFailsTheWaitingRequest() {
        send(1, WAIT_ONE_SECOND);
        CompletableFuture<Object> failing = pacer.paced(1, WAIT_ONE_SECOND, () -> {
            throw new IllegalStateException("no token");
        });
        scheduler.tasks.get(0).run();
        assertTrue(failing.isCompletedExceptionally());
        assertEquals(0, pacer.waiting(1));
    }
}
