package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FirstByteTimeoutsTest {

    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("first-byte-test", true);
    private FirstByteTimeouts timeouts;

    @BeforeEach
    void start() throws Exception {
        scheduler.start();
        timeouts = new FirstByteTimeouts(scheduler);
    }

    @AfterEach
    void stop() throws Exception {
        timeouts.destroy();
        scheduler.stop();
    }

    @Test
    void aTimerNotCancelledExpiresAfterItsTimeoutAndNotBefore() throws Exception {
        CountDownLatch expired = new CountDownLatch(1);
        long started = System.nanoTime();
        timeouts.start(Duration.ofMillis(200), expired::countDown);

        assertTrue(expired.await(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(200), "not before its timeout");
    }

    @Test
    void cancelledTimersNeverExpireAndTheOthersEachExpireOnce() throws Exception {
        AtomicInteger cancelledFired = new AtomicInteger();
        AtomicInteger fired = new AtomicInteger();
        CountDownLatch kept = new CountDownLatch(50);
        List<FirstByteTimeouts.Timer> cancelled = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (i % 2 == 0) {
                cancelled.add(timeouts.start(Duration.ofMillis(100 + i), cancelledFired::incrementAndGet));
            } else {
                timeouts.start(Duration.ofMillis(300 - i), () -> {
                    fired.incrementAndGet();
                    kept.countDown();
                });
            }
        }
        cancelled.forEach(FirstByteTimeouts.Timer::cancel);

        assertTrue(kept.await(5, TimeUnit.SECONDS), "every timer left running expires, the shorter ones started later too");
        Thread.sleep(300); // past every cancelled timer's deadline
        assertEquals(0, cancelledFired.get());
        assertEquals(50, fired.get());
    }
}
