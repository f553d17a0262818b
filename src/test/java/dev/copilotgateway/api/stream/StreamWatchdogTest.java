package dev.copilotgateway.api.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamWatchdogTest {

    /** A stream whose upstream and client activity the test sets. */
    private static final class FakeStream implements StreamWatchdog.Watched {
        volatile long lastActivity = System.nanoTime();
        volatile long lastWrite = System.nanoTime();
        final Duration idleLimit;
        final AtomicInteger keepAlives = new AtomicInteger();
        final CountDownLatch timedOut = new CountDownLatch(1);
        final CountDownLatch keptAlive = new CountDownLatch(1);

        FakeStream(Duration idleLimit) {
            this.idleLimit = idleLimit;
        }

        @Override
        public long lastActivityNanos() {
            return lastActivity;
        }

        @Override
        public Duration idleLimit() {
            return idleLimit;
        }

        @Override
        public void idleTimeout() {
            timedOut.countDown();
        }

        @Override
        public long lastWriteNanos() {
            return lastWrite;
        }

        @Override
        public void keepAlive() {
            keepAlives.incrementAndGet();
            lastWrite = System.nanoTime(); // as the response does when it queues the comment
            keptAlive.countDown();
        }
    }

    @Test
    void aQuietClientGetsKeepAlivesWhileTheUpstreamIsWithinItsIdleLimit() throws Exception {
        try (StreamWatchdog watchdog = new StreamWatchdog(Duration.ofMillis(10), Duration.ofMillis(100))) {
            FakeStream stream = new FakeStream(Duration.ofMinutes(5));
            watchdog.watch(stream);
            assertTrue(stream.keptAlive.await(2, TimeUnit.SECONDS), "a keep-alive after 100 ms of silence");
            Thread.sleep(450);
            int sent = stream.keepAlives.get();
            assertTrue(sent >= 2 && sent <= 6, "about one per 100 ms of silence, not one per tick: " + sent);
            assertEquals(1, watchdog.size(), "still watched");
        }
    }

    @Test
    void anUpstreamIdleForLongerThanItsLimitIsEndedAndForgotten() throws Exception {
        try (StreamWatchdog watchdog = new StreamWatchdog(Duration.ofMillis(10), Duration.ofMinutes(1))) {
            FakeStream stream = new FakeStream(Duration.ofMillis(80));
            watchdog.watch(stream);
            assertTrue(stream.timedOut.await(2, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (watchdog.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(0, watchdog.size());
            assertEquals(0, stream.keepAlives.get());
        }
    }
}
