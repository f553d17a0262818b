package dev.copilotgateway.fakeupstream;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** What happened to one SSE response: how many frames went out and how it ended. */
public final class RecordedStream {

    public enum Outcome {
        /** Still emitting frames. */
        RUNNING,
        /** All frames, including the terminator, were written. */
        COMPLETED,
        /** A write failed because the client had closed the connection. */
        CLIENT_DISCONNECTED,
        /** A mid-stream fault ended the stream on purpose. */
        DROPPED,
        /** The fake was closed while the stream was running. */
        SERVER_STOPPED
    }

    private final RecordedRequest request;
    private final Instant startedAt = Instant.now();
    private final AtomicInteger framesWritten = new AtomicInteger();
    private final AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.RUNNING);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Instant endedAt;

    RecordedStream(RecordedRequest request) {
        this.request = request;
    }

    public RecordedRequest request() {
        return request;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** When the outcome was decided; for a disconnect that is the failed write, i.e. within about two chunk delays of the close. */
    public Instant endedAt() {
        return endedAt;
    }

    public int framesWritten() {
        return framesWritten.get();
    }

    public Outcome outcome() {
        return outcome.get();
    }

    public boolean isRunning() {
        return outcome() == Outcome.RUNNING;
    }

    /** Waits until the stream ended and returns the outcome; fails the test on timeout. */
    public Outcome awaitEnd(Duration timeout) {
        try {
            if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("stream for request #" + request.sequence() + " still running after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a stream to end", e);
        }
        return outcome();
    }

    void frameWritten() {
        framesWritten.incrementAndGet();
    }

    /** Sets the outcome once; later calls lose (e.g. a write failing after the server stopped stays SERVER_STOPPED). */
    boolean end(Outcome result) {
        if (!outcome.compareAndSet(Outcome.RUNNING, result)) {
            return false;
        }
        endedAt = Instant.now();
        ended.countDown();
        return true;
    }

    @Override
    public String toString() {
        return "RecordedStream[" + request.method() + " " + request.path() + " #" + request.sequence()
                + ", frames=" + framesWritten() + ", outcome=" + outcome() + "]";
    }
}
