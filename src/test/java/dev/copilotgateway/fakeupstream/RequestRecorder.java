package dev.copilotgateway.fakeupstream;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Keeps every request and every streamed response; tests read and await them (the gateway runs concurrently). */
public final class RequestRecorder {

    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<RecordedStream> streams = new ArrayList<>();
    private long sequence;
    private boolean keeping = true;

    /** Whether requests and streams are kept; a long benchmark run turns this off to keep memory flat. */
    public synchronized void setKeeping(boolean keep) {
        keeping = keep;
    }

    synchronized RecordedRequest record(HttpExchange exchange, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        RecordedRequest request = new RecordedRequest(++sequence, exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                headers, body, Instant.now(), exchange.getProtocol());
        if (keeping) {
            requests.add(request);
            notifyAll();
        }
        return request;
    }

    synchronized RecordedStream startStream(RecordedRequest request) {
        RecordedStream stream = new RecordedStream(request);
        if (keeping) {
            streams.add(stream);
            notifyAll();
        }
        return stream;
    }

    /** Marks every running stream as ended by the server, before its connections are torn down. */
    synchronized void stopRunningStreams() {
        streams.forEach(stream -> stream.end(RecordedStream.Outcome.SERVER_STOPPED));
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(String path) {
        return matching(request -> request.path().equals(path));
    }

    public synchronized List<RecordedRequest> matching(Predicate<RecordedRequest> filter) {
        return requests.stream().filter(filter).toList();
    }

    public synchronized List<RecordedStream> streams() {
        return List.copyOf(streams);
    }

    /** Forgets recorded requests and streams (sequence numbers keep counting). */
    public synchronized void clear() {
        requests.clear();
        streams.clear();
    }

    /** Waits for the n-th (1-based) recorded request; fails the test on timeout. */
    public RecordedRequest awaitRequest(int n, Duration timeout) {
        return awaitRequest(request -> true, n, timeout);
    }

    /** Waits for the n-th (1-based) recorded request to {@code path}. */
    public RecordedRequest awaitRequest(String path, int n, Duration timeout) {
        return awaitRequest(request -> request.path().equals(path), n, timeout);
    }

    public synchronized RecordedRequest awaitRequest(Predicate<RecordedRequest> filter, int n, Duration timeout) {
        List<RecordedRequest> found = awaitCount(() -> requests.stream().filter(filter).toList(), n, timeout, "request");
        return found.get(n - 1);
    }

    /** Waits for the n-th (1-based) streamed response to start. */
    public synchronized RecordedStream awaitStream(int n, Duration timeout) {
        return awaitCount(() -> streams, n, timeout, "stream").get(n - 1);
    }

    /** Caller holds the monitor, so {@code wait} releases it for the recording threads. */
    private <T> List<T> awaitCount(Supplier<List<T>> items, int n, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<T> current = items.get();
            while (current.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + current.size() + " " + what + "(s) after " + timeout + ", wanted " + n);
                }
                wait(Math.max(1, left / 1_000_000));
                current = items.get();
            }
            return current;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a " + what, e);
        }
    }
}
