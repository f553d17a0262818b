package dev.copilotgateway.api;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.TimeoutHandler;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A suspended JAX-RS response as a test sees it: the one {@link Response} it was resumed with. */
final class RecordingAsyncResponse implements AsyncResponse {

    private final CompletableFuture<Response> resumed = new CompletableFuture<>();

    /** The response, once resumed (the runner's stages run on the test's thread, so it is there when the call returns). */
    Response response() {
        return resumed.getNow(null);
    }

    @Override
    public boolean resume(Object response) {
        return resumed.complete((Response) response);
    }

    @Override
    public boolean resume(Throwable response) {
        throw new AssertionError("the runner answers failures itself, in the API's shape", response);
    }

    @Override
    public boolean cancel() {
        return false;
    }

    @Override
    public boolean cancel(int retryAfter) {
        return false;
    }

    @Override
    public boolean cancel(Date retryAfter) {
        return false;
    }

    @Override
    public boolean isSuspended() {
        return !resumed.isDone();
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean isDone() {
        return resumed.isDone();
    }

    @Override
    public boolean setTimeout(long time, TimeUnit unit) {
        return true;
    }

    @Override
    public void setTimeoutHandler(TimeoutHandler handler) {
    }

    @Override
    public Collection<Class<?>> register(Class<?> callback) {
        return Set.of();
    }

    @Override
    public Map<Class<?>, Collection<Class<?>>> register(Class<?> callback, Class<?>... callbacks) {
        return Map.of();
    }

    @Override
    public Collection<Class<?>> register(Object callback) {
        return Set.of();
    }

    @Override
    public Map<Class<?>, Collection<Class<?>>> register(Object callback, Object... callbacks) {
        return Map.of();
    }
}
