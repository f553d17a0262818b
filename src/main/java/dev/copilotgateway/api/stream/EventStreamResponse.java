package dev.copilotgateway.api.stream;

import dev.copilotgateway.protocol.sse.SseFrameBuffer;
import dev.copilotgateway.upstream.UpstreamStreamSubscriber;
import dev.copilotgateway.usage.RequestMeter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The client side of a streamed request, written without blocking: bytes are queued and written only while the
 * servlet output stream {@link ServletOutputStream#isReady() is ready}; the next upstream chunk is requested only
 * when the queue is empty, so a slow client slows the upstream read. The response is either one whole body
 * ({@link #sendWhole}: an error before the stream started) or the upstream event stream, relayed frame by frame
 * as it arrives (passed through or translated by the {@link StreamRelay}), with an error event of the ingress
 * protocol if the upstream fails or ends early.
 * A client that goes away cancels the upstream request.
 *
 * <p>The request's {@link RequestMeter} sees the upstream's frames (for their usage), the first byte written, what went
 * wrong, and is ended when the response is.
 *
 * <p>The request was suspended by Jersey ({@code @Suspended AsyncResponse}), so Jersey owns the completion of its
 * {@link AsyncContext}: the response ends by resuming that {@link AsyncResponse} once every byte is flushed (the
 * response is committed then, so Jersey adds nothing to it). Calling {@link AsyncContext#complete()} directly would
 * make Jersey's own listener complete it a second time, which Tomcat logs as a warning with a stack trace.
 */
public final class EventStreamResponse implements ClientStream, WriteListener, AsyncListener, StreamWatchdog.Watched {

    private static final Logger LOG = Logger.getLogger(EventStreamResponse.class.getName());
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final AsyncResponse jaxrs;
    private final HttpServletResponse response;
    private final ServletOutputStream out;
    private final StreamRelay relay;
    private final StreamWatchdog watchdog;
    private final Duration idleLimit;
    private final SseFrameBuffer frames = new SseFrameBuffer();
    private final RequestMeter meter;

    // Guarded by this: the write queue and the states the drain loop reads.
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private boolean flushPending;
    private boolean lastBytesQueued;
    private boolean completed;
    private UpstreamStreamSubscriber upstream;
    private boolean chunkRequested;

    private volatile long lastActivityNanos = System.nanoTime();
    private volatile long lastWriteNanos = System.nanoTime();

    /** Takes over the response of a request that Jersey suspended into {@code jaxrs}; call before the upstream call. */
    public EventStreamResponse(AsyncResponse jaxrs, AsyncContext async, StreamRelay relay, StreamWatchdog watchdog,
                               Duration idleLimit, RequestMeter meter) throws IOException {
        this.jaxrs = jaxrs;
        this.meter = meter;
        this.response = (HttpServletResponse) async.getResponse();
        this.relay = relay;
        this.watchdog = watchdog;
        this.idleLimit = idleLimit;
        async.addListener(this);
        this.out = response.getOutputStream();
        out.setWriteListener(this);
    }

    @Override
    public synchronized void sendWhole(int status, String contentType, Map<String, String> headers, byte[] body) {
        if (completed || response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType(contentType);
        headers.forEach(response::setHeader);
        response.setContentLength(body.length);
        queue.add(body);
        flushPending = true; // commits the response before Jersey is resumed
        lastBytesQueued = true;
        drain();
    }

    // ---- upstream side

    @Override
    public synchronized void onStart(UpstreamStreamSubscriber stream) {
        upstream = stream;
        if (completed) {
            stream.cancel();
            return;
        }
        response.setStatus(200);
        response.setContentType(relay.contentType());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // nginx in front must not buffer the stream
        watchdog.watch(this);
        requestChunk();
    }

    @Override
    public synchronized void onBytes(List<ByteBuffer> chunk) {
        lastActivityNanos = System.nanoTime();
        chunkRequested = false;
        byte[] whole = frames.append(chunk);
        if (whole.length > 0) {
            meter.upstreamFrames(whole);
            enqueue(relay.frames(whole));
        }
        if (relay.finished()) { // e.g. the upstream reported an error inside the stream: nothing more is wanted
            watchdog.forget(this);
            lastBytesQueued = true;
            if (upstream != null) {
                upstream.cancel();
            }
        }
        drain();
    }

    private void enqueue(byte[] bytes) {
        if (bytes.length > 0) {
            queue.add(bytes);
            flushPending = true;
            lastWriteNanos = System.nanoTime();
        }
    }

    @Override
    public synchronized void onEnd() {
        watchdog.forget(this);
        byte[] lastFrame = frames.finish();
        meter.upstreamFrames(lastFrame);
        enqueue(relay.end(lastFrame));
        if (relay.endedEarly()) {
            meter.failed(RequestMeter.STREAM_ERROR);
        }
        lastBytesQueued = true;
        drain();
    }

    @Override
    public synchronized void onFailure(Throwable failure) {
        watchdog.forget(this);
        if (upstream != null && upstream.cancelled()) {
            return; // we cancelled it: the client is gone or the stream timed out
        }
        LOG.log(Level.WARNING, "Upstream stream failed: " + failure);
        meter.failed(RequestMeter.STREAM_ERROR);
        enqueue(relay.failure("api_error", "The connection to the Copilot API failed during the stream"));
        lastBytesQueued = true;
        drain();
    }

    @Override
    public void idleTimeout() {
        synchronized (this) {
            if (completed) {
                return;
            }
            meter.failed(RequestMeter.TIMEOUT);
            enqueue(relay.failure("timeout_error", "The Copilot API sent nothing for " + idleLimit.toSeconds() + " s"));
            lastBytesQueued = true;
        }
        cancelUpstream();
        synchronized (this) {
            drain();
        }
    }

    @Override
    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    @Override
    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    /** An SSE comment between whole frames: every client's parser skips it, whatever the protocol. */
    @Override
    public synchronized void keepAlive() {
        if (completed || upstream == null || lastBytesQueued) {
            return; // not streaming (yet, or any more)
        }
        enqueue(KEEP_ALIVE.clone());
        drain();
    }

    @Override
    public Duration idleLimit() {
        return idleLimit;
    }

    // ---- client side

    @Override
    public synchronized void onWritePossible() {
        drain();
    }

    /** Writes what is queued while the client can take it; asks upstream for more when everything is written. */
    private void drain() {
        if (completed) {
            return;
        }
        try {
            while (out.isReady()) {
                byte[] next = queue.poll();
                if (next != null) {
                    meter.firstByte();
                    out.write(next);
                    continue;
                }
                if (flushPending) {
                    flushPending = false;
                    out.flush();
                    continue;
                }
                if (lastBytesQueued) {
                    complete();
                } else {
                    requestChunk();
                }
                return;
            }
        } catch (IOException | IllegalStateException clientGone) {
            clientGone(clientGone);
        }
    }

    /** One chunk at a time: the next is asked for only when the previous one is written. */
    private void requestChunk() {
        if (upstream != null && !chunkRequested) {
            chunkRequested = true;
            upstream.requestMore();
        }
    }

    @Override
    public void onError(Throwable failure) {
        clientGone(failure);
    }

    private void clientGone(Throwable failure) {
        LOG.log(Level.FINE, "Client went away during a stream", failure);
        cancelUpstream();
        synchronized (this) {
            if (!completed) {
                meter.failed(RequestMeter.CLIENT_DISCONNECT);
            }
            complete();
        }
    }

    private void cancelUpstream() {
        UpstreamStreamSubscriber current;
        synchronized (this) {
            current = upstream;
        }
        if (current != null) {
            current.cancel();
        }
    }

    private void complete() {
        if (!completed) {
            completed = true;
            watchdog.forget(this);
            queue.clear();
            jaxrs.resume(Response.noContent().build()); // ignored by a committed response; Jersey completes the request
            meter.ended(response.getStatus());
        }
    }

    /** Whether this response was ended (by its end, an error, or the client going away). */
    public synchronized boolean isCompleted() {
        return completed;
    }

    // ---- async listener: the container ends the request (client abort, container shutdown)

    @Override
    public void onComplete(AsyncEvent event) {
        boolean unexpected;
        synchronized (this) {
            unexpected = !completed;
            completed = true;
        }
        watchdog.forget(this);
        if (unexpected) {
            meter.failed(RequestMeter.CLIENT_DISCONNECT);
            cancelUpstream();
            meter.ended(response.getStatus());
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        clientGone(event.getThrowable());
    }

    @Override
    public void onError(AsyncEvent event) {
        clientGone(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not re-started
    }
}
