package dev.copilotgateway.upstream;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;

/**
 * A 200's body read from Jetty one chunk per {@link #requestOne()}: nothing is read until the sink asks, so a slow
 * client slows the upstream (HTTP/1.1: TCP back-pressure; HTTP/2: the stream's flow-control window).
 *
 * <p>Reads run one at a time under a work counter: a sink that asks for more from inside {@code onBytes}, or data
 * that arrives while a read runs, makes the running loop go round again instead of nesting a call.
 */
final class JettyStreamBody implements UpstreamStreamSubscriber.BodyControl {

    private final Request request;
    private final Content.Source source;
    private final UpstreamStreamSubscriber subscriber;
    private final AtomicInteger work = new AtomicInteger();
    private volatile boolean wanted;
    private volatile boolean awaitingData;
    private volatile boolean finished;

    JettyStreamBody(Request request, Content.Source source, UpstreamStreamSubscriber subscriber) {
        this.request = request;
        this.source = source;
        this.subscriber = subscriber;
    }

    @Override
    public void requestOne() {
        wanted = true;
        run();
    }

    @Override
    public void cancel() {
        finished = true;
        request.abort(new CancellationException("the gateway no longer wants this stream"));
    }

    private void dataArrived() {
        awaitingData = false;
        run();
    }

    private void run() {
        if (work.getAndIncrement() != 0) {
            return; // the running loop sees this
        }
        int missed = 1;
        do {
            readWhileWanted();
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    private void readWhileWanted() {
        while (wanted && !awaitingData && !finished) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                awaitingData = true;
                source.demand(this::dataArrived);
                return;
            }
            deliver(chunk);
        }
    }

    private void deliver(Content.Chunk chunk) {
        if (Content.Chunk.isFailure(chunk)) {
            finished = true;
            if (!chunk.isLast()) {
                request.abort(chunk.getFailure()); // a transient failure (idle timeout) ends the stream too
            }
            subscriber.failed(chunk.getFailure());
            return;
        }
        try {
            if (chunk.hasRemaining()) {
                wanted = false; // before the sink runs: it may ask again from inside
                subscriber.bytes(List.of(chunk.getByteBuffer()));
            }
        } finally {
            chunk.release();
        }
        if (chunk.isLast()) {
            finished = true;
            subscriber.ended();
        }
    }
}
