package dev.copilotgateway.fakeupstream;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes one SSE response frame by frame from a shared scheduler, so a waiting stream holds no thread
 * (the JDK server lets a response be written after {@code handle()} returned, until the exchange is closed).
 */
final class SseStream {

    private final HttpExchange exchange;
    private final List<SseFrame> frames;
    private final StreamSettings settings;
    private final ScheduledExecutorService scheduler;
    private final RecordedStream record;
    private final AbortableOutputStream out;
    /** Index of the first frame a stream fault withholds; frames.size() without a fault. */
    private final int cutAt;
    private final boolean abrupt;
    private int next;

    private SseStream(UpstreamCall call, List<SseFrame> frames, StreamSettings settings,
                      ScheduledExecutorService scheduler, RecordedStream record) {
        this.exchange = call.exchange();
        this.frames = frames;
        this.settings = settings;
        this.scheduler = scheduler;
        this.record = record;
        Fault fault = call.streamFault();
        // A fault never lets the terminator (the last frame) through, however large its event count.
        this.cutAt = fault == null ? frames.size() : Math.min(fault.afterEvents(), frames.size() - 1);
        this.abrupt = fault != null && fault.kind() == Fault.Kind.DROP_STREAM;
        OutputStream body = exchange.getResponseBody(); // must exist before setStreams wraps it
        this.out = new AbortableOutputStream(body);
        exchange.setStreams(null, out);
    }

    /** Sends the headers now and the frames from the scheduler. */
    static RecordedStream start(UpstreamCall call, List<SseFrame> frames, StreamSettings settings,
                                ScheduledExecutorService scheduler, RequestRecorder recorder) throws IOException {
        SseStream stream = new SseStream(call, frames, settings, scheduler, recorder.startStream(call.request()));
        stream.sendHeaders();
        stream.scheduleNext(settings.firstChunkDelay());
        return stream.record;
    }

    private void sendHeaders() throws IOException {
        exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        out.flush(); // headers leave now, not with the first frame
    }

    private void scheduleNext(Duration delay) {
        try {
            scheduler.schedule(this::emit, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            finish(RecordedStream.Outcome.SERVER_STOPPED);
        }
    }

    /** Writes frames until one needs a delay, the stream is complete, or a fault cuts it. */
    private void emit() {
        try {
            while (record.isRunning()) {
                if (next == cutAt) {
                    if (abrupt) {
                        out.abortOnClose();
                    }
                    finish(RecordedStream.Outcome.DROPPED);
                    return;
                }
                out.write(frames.get(next++).bytes());
                out.flush();
                record.frameWritten();
                if (next == frames.size()) {
                    finish(RecordedStream.Outcome.COMPLETED);
                    return;
                }
                if (!settings.chunkDelay().isZero()) {
                    scheduleNext(settings.chunkDelay());
                    return;
                }
            }
        } catch (IOException e) {
            // A write only fails once the client has gone: that is how disconnects are detected.
            finish(RecordedStream.Outcome.CLIENT_DISCONNECTED);
        }
    }

    private void finish(RecordedStream.Outcome outcome) {
        exchange.close();
        record.end(outcome);
    }
}
