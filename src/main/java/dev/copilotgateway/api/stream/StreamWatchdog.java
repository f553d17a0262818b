package dev.copilotgateway.api.stream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One thread that looks at every open stream once a second: it ends those whose upstream was idle for longer than
 * their limit, and sends a keep-alive to clients that heard nothing for a while (a model thinking for minutes must
 * not look like a dead connection to a proxy in between: nginx, for one, cuts at 60 s by default).
 * Cheaper than timers per stream, which would be re-armed on every event of thousands of streams.
 */
public final class StreamWatchdog implements AutoCloseable {

    /** A stream the watchdog looks after. */
    interface Watched {
        /** Nanos ({@link System#nanoTime()}) of the last upstream activity. */
        long lastActivityNanos();

        Duration idleLimit();

        void idleTimeout();

        /** Nanos of the last bytes queued for the client. */
        long lastWriteNanos();

        /** Sends the client something its protocol ignores (an SSE comment), to show the connection is alive. */
        void keepAlive();
    }

    /** How long a client may hear nothing before it gets a keep-alive. */
    static final Duration KEEP_ALIVE_AFTER = Duration.ofSeconds(15);

    private final Set<Watched> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;
    private final long keepAliveAfterNanos;

    public StreamWatchdog() {
        this(Duration.ofSeconds(1), KEEP_ALIVE_AFTER);
    }

    StreamWatchdog(Duration tick, Duration keepAliveAfter) {
        keepAliveAfterNanos = keepAliveAfter.toNanos();
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

    /** The streams open now (the metrics' streams in flight). */
    public int size() {
        return streams.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watched stream : streams) {
            if (now - stream.lastActivityNanos() > stream.idleLimit().toNanos()) {
                streams.remove(stream);
                stream.idleTimeout();
            } else if (now - stream.lastWriteNanos() > keepAliveAfterNanos) {
                stream.keepAlive();
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
