package dev.copilotgateway.upstream;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copilot calls on the JDK's {@code java.net.http.HttpClient} ({@code upstream-http-client=jdk}). Kept to compare
 * against {@link JettyTransport}: {@code sendAsync} always adds a hop on {@code CompletableFuture}'s default
 * executor, which on a machine with one or two CPUs starts a new thread per request (docs/PERFORMANCE.md). For an
 * http:// base URL, its HTTP/2 is an upgrade attempt only (no prior knowledge).
 */
final class JdkTransport implements UpstreamTransport {

    private final ExecutorService threads;
    private final HttpClient http;

    private JdkTransport(ExecutorService threads, HttpClient http) {
        this.threads = threads;
        this.http = http;
    }

    static JdkTransport open(HttpClient.Version version, Duration connectTimeout) {
        // Our own threads for the client's work, so undeploying stops them. (Java 17's HttpClient cannot be closed; its
        // one selector thread ends by itself once the client is garbage-collected.)
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "copilot-gateway-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder()
                .executor(threads)
                .version(version)
                .proxy(ProxySelector.getDefault()) // the JVM's https.proxyHost, http.proxyHost, http.nonProxyHosts
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new JdkTransport(threads, http);
    }

    /** The client itself (tests check how it is built). */
    HttpClient client() {
        return http;
    }

    @Override
    public CompletableFuture<HttpResponse<byte[]>> call(UpstreamRequest request) {
        return PooledCompletion.send(http, jdkRequest(request), HttpResponse.BodyHandlers.ofByteArray(), threads);
    }

    @Override
    public CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> stream(UpstreamRequest request,
                                                                                  UpstreamStreamSubscriber subscriber) {
        HttpResponse.BodyHandler<UpstreamStreamSubscriber.Body> handler = info -> info.statusCode() != 200
                ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), UpstreamStreamSubscriber.Body::new)
                : new Streaming(subscriber);
        return PooledCompletion.send(http, jdkRequest(request), handler, threads);
    }

    private static HttpRequest jdkRequest(UpstreamRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(request.firstByteTimeout());
        request.headers().applyTo(builder);
        if (request.body() == null) {
            builder.GET();
        } else {
            builder.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        }
        return builder.build();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** A 200's body, passed on one requested chunk at a time. */
    private static final class Streaming implements HttpResponse.BodySubscriber<UpstreamStreamSubscriber.Body> {

        private final UpstreamStreamSubscriber subscriber;

        Streaming(UpstreamStreamSubscriber subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public CompletionStage<UpstreamStreamSubscriber.Body> getBody() {
            // Completes at once, so the caller learns the status as soon as the headers are in.
            return CompletableFuture.completedFuture(UpstreamStreamSubscriber.Body.STREAMING);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscriber.started(new UpstreamStreamSubscriber.BodyControl() {
                @Override
                public void requestOne() {
                    subscription.request(1);
                }

                @Override
                public void cancel() {
                    subscription.cancel();
                }
            });
        }

        @Override
        public void onNext(List<ByteBuffer> chunk) {
            subscriber.bytes(chunk);
        }

        @Override
        public void onError(Throwable failure) {
            subscriber.failed(failure);
        }

        @Override
        public void onComplete() {
            subscriber.ended();
        }
    }
}
