package dev.copilotgateway.upstream;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Receives a streamed Copilot response. A 200 body is handed to the {@link Sink} chunk by chunk, and the next
 * chunk is only requested when the sink asks for it ({@link #requestMore()}): a slow client slows the upstream
 * read instead of filling memory. Any other status is collected whole, for the error response.
 */
public final class UpstreamStreamSubscriber {

    /** The consumer of a streamed body. Called on the HTTP client's threads, one call at a time. */
    public interface Sink {
        /** The 200 response headers are in and its body is about to flow. */
        void onStart(UpstreamStreamSubscriber stream);

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

    private final Sink sink;
    private final Runnable whenDone;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
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

    HttpResponse.BodyHandler<Body> bodyHandler() {
        return info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), Body::new);
            }
            return new Streaming();
        };
    }

    /** Asks for the next chunk of the body. */
    public void requestMore() {
        Flow.Subscription current = subscription.get();
        if (current != null && !cancelled) {
            current.request(1);
        }
    }

    /** Stops reading the body and closes the upstream request (the client went away, or the stream timed out). */
    public void cancel() {
        cancelled = true;
        Flow.Subscription current = subscription.get();
        if (current != null) {
            current.cancel();
            done();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    private final class Streaming implements HttpResponse.BodySubscriber<Body> {

        @Override
        public CompletionStage<Body> getBody() {
            // Completes at once, so the caller learns the status as soon as the headers are in.
            return CompletableFuture.completedFuture(Body.STREAMING);
        }

        @Override
        public void onSubscribe(Flow.Subscription upstream) {
            subscription.set(upstream);
            if (cancelled) {
                upstream.cancel();
                done();
                return;
            }
            sink.onStart(UpstreamStreamSubscriber.this);
        }

        @Override
        public void onNext(List<ByteBuffer> chunk) {
            sink.onBytes(chunk);
        }

        @Override
        public void onError(Throwable failure) {
            done();
            sink.onFailure(failure);
        }

        @Override
        public void onComplete() {
            done();
            sink.onEnd();
        }
    }
}
