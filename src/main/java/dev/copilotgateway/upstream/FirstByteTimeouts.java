package dev.copilotgateway.upstream;

import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.CyclicTimeouts;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The first-byte timers of the Copilot calls in flight, all on one Jetty {@link CyclicTimeouts}: starting and
 * cancelling a timer is an add to and a remove from a concurrent set. A task per call in the scheduler's queue would
 * take that queue's one lock twice per call, which every request of the node contends for.
 */
final class FirstByteTimeouts extends CyclicTimeouts<FirstByteTimeouts.Timer> {

    private final Set<Timer> running = ConcurrentHashMap.newKeySet();

    FirstByteTimeouts(Scheduler scheduler) {
        super(scheduler);
    }

    /** Runs {@code onExpiry} (on the scheduler's thread) after {@code timeout}, unless the timer is cancelled first. */
    Timer start(Duration timeout, Runnable onExpiry) {
        Timer timer = new Timer(System.nanoTime() + timeout.toNanos(), onExpiry);
        running.add(timer);
        schedule(timer);
        return timer;
    }

    @Override
    protected Iterator<Timer> iterator() {
        return running.iterator();
    }

    @Override
    protected boolean onExpired(Timer timer) {
        if (running.remove(timer)) {
            timer.onExpiry.run();
        }
        return false; // already removed
    }

    /** One call's timer. */
    final class Timer implements CyclicTimeouts.Expirable {

        private final long expiresAtNanos;
        private final Runnable onExpiry;

        private Timer(long expiresAtNanos, Runnable onExpiry) {
            this.expiresAtNanos = expiresAtNanos;
            this.onExpiry = onExpiry;
        }

        @Override
        public long getExpireNanoTime() {
            return expiresAtNanos;
        }

        /** Idempotent; the expiry does not run once this returned. */
        void cancel() {
            running.remove(this);
        }
    }
}
