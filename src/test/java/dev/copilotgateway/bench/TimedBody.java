package dev.copilotgateway.bench;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected whole, with the moment ({@link System#nanoTime()}) its first byte arrived; 0 if the
 * body was empty.
 */
record TimedBody(long firstByteNanos, String text) {

    static HttpResponse.BodyHandler<TimedBody> handler() {
        return info -> new Collector();
    }

    private static final class Collector implements HttpResponse.BodySubscriber<TimedBody> {

        private final HttpResponse.BodySubscriber<String> text = HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        /** Written by onNext only, which the client calls one at a time; read once the body is complete. */
        private long firstByteNanos;

        @Override
        public CompletionStage<TimedBody> getBody() {
            return text.getBody().thenApply(body -> new TimedBody(firstByteNanos, body));
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            text.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (firstByteNanos == 0 && items.stream().anyMatch(ByteBuffer::hasRemaining)) {
                firstByteNanos = System.nanoTime();
            }
            text.onNext(items);
        }

        @Override
        public void onError(Throwable failure) {
            text.onError(failure);
        }

        @Override
        public void onComplete() {
            text.onComplete();
        }
    }
}
