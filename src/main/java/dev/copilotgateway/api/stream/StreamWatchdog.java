package dev.copilotgateway.api.stream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One thread that looks at every open stream once a second and ends those idle for longer than their limit.
 * Cheaper than a timer per stream, which would be re-armed on every event of thousands of streams.
 */
public final class StreamWatchdog implements AutoCloseable {

    /** A stream the watchdog looks after. */
    interface Watched {
        /** Nanos ({@link System#nanoTime()}) of the last upstream activity. */
        long lastActivityNanos();

        Duration idleLimit();

        void idleTimeout();
    }

    private final Set<Watched> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;

    public StreamWatchdog() {
        this(Duration.ofSeconds(1));
    }

    StreamWatchdog(Duration tick) {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "copilot-gateway-stream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::sweep, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    void watch(Watched stream) {
        streams.add(stream);
    }

    void forget(Watched stream) {
        streams.remove(stream);
    }

    int size() {
        return streams.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watched stream : streams) {
            if (now - stream.lastActivityNanos() > stream.idleLimit().toNanos()) {
                streams.remove(stream);
                stream.idleTimeout();
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
