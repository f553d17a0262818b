package dev.copilotgateway.upstream;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * For {@link JdkTransport}: sends through {@link HttpClient#sendAsync} but completes the caller's future on the gateway's own pooled threads.
 *
 * <p>Why: {@code sendAsync} hands its future's completion to {@code CompletableFuture}'s default executor, and where
 * the common pool has fewer than two threads (every machine with one or two CPUs) that executor starts a new thread
 * per task. Every continuation of every response (resuming the client's request, writing its body) then ran on a
 * brand-new thread with cold thread-local caches: measured at several milliseconds per request on two cores. Here
 * the future completes as soon as the body is complete (or, for a stream, as soon as it is handed over), on
 * {@code executor}; only failures before that come through {@code sendAsync}'s own future.
 */
final class PooledCompletion {

    private PooledCompletion() {
    }

    static <T> CompletableFuture<HttpResponse<T>> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                       Executor executor) {
        CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        HttpResponse.BodyHandler<T> completing = info -> {
            HttpResponse.BodySubscriber<T> body = handler.apply(info);
            body.getBody().whenComplete((value, failure) -> executor.execute(() -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(new ReceivedResponse<>(request.uri(), info.statusCode(), info.headers(), info.version(), value));
                }
            }));
            return body;
        };
        http.sendAsync(request, completing).whenComplete((ignored, failure) -> {
            if (failure != null) {
                executor.execute(() -> result.completeExceptionally(failure));
            }
        });
        return result;
    }
}
