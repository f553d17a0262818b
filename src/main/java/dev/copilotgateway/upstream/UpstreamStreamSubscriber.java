package dev.copilotgateway.upstream;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Receives a streamed Copilot response. A 200 body is handed to the {@link Sink} chunk by chunk, and the next
 * chunk is only requested when the sink asks for it ({@link #requestMore()}): a slow client slows the upstream
 * read instead of filling memory. Any other status is collected whole, for the error response. The transport
 * ({@link UpstreamTransport}) reads the body and reports it through the package's {@code started}, {@code bytes},
 * {@code ended} and {@code failed}.
 */
public final class UpstreamStreamSubscriber {

    /** The consumer of a streamed body. Called on the HTTP client's threads, one call at a time. */
    public interface Sink {
        /** The 200 response headers are in and its body is about to flow. */
        void onStart(UpstreamStreamSubscriber stream);

        /** The next chunk; its buffers are only valid during the call (the transport may reuse them). */
        void onBytes(List<ByteBuffer> chunk);

        /** The body ended normally (whether or not its protocol's terminator came). */
        void onEnd();

        /** The body failed: connection reset, HTTP/2 stream error, cancellation. */
        void onFailure(Throwable failure);
    }

    /** What the response future holds: nothing for a streaming 200 (it went to the sink), the bytes otherwise. */
    public record Body(byte[] collected) {
        static final Body STREAMING = new Body(null);

        public boolean streaming() {
            return collected == null;
        }
    }

    /** The transport's side of a streaming body: one more chunk, or no more at all. */
    interface BodyControl {
        void requestOne();

        void cancel();
    }

    private final Sink sink;
    private final Runnable whenDone;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicReference<BodyControl> control = new AtomicReference<>();
    private volatile boolean cancelled;

    public UpstreamStreamSubscriber(Sink sink) {
        this(sink, () -> { });
    }

    /** {@code whenDone} runs once when a streamed body ends, fails or is cancelled (not for a collected error body). */
    public UpstreamStreamSubscriber(Sink sink, Runnable whenDone) {
        this.sink = sink;
        this.whenDone = whenDone;
    }

    private void done() {
        if (done.compareAndSet(false, true)) {
            whenDone.run();
        }
    }

    /** Asks for the next chunk of the body. */
    public void requestMore() {
        BodyControl current = control.get();
        if (current != null && !cancelled) {
            current.requestOne();
        }
    }

    /** Stops reading the body and closes the upstream request (the client went away, or the stream timed out). */
    public void cancel() {
        cancelled = true;
        BodyControl current = control.get();
        if (current != null) {
            current.cancel();
            done();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    // ---- the transport's side

    /** A 200's body is ready to flow through {@code body}. */
    void started(BodyControl body) {
        control.set(body);
        if (cancelled) {
            body.cancel();
            done();
            return;
        }
        sink.onStart(this);
    }

    void bytes(List<ByteBuffer> chunk) {
        sink.onBytes(chunk);
    }

    void failed(Throwable failure) {
        done();
        sink.onFailure(failure);
    }

    void ended() {
        done();
        sink.onEnd();
    }
}
