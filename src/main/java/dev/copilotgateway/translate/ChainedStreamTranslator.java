package dev.copilotgateway.translate;

import dev.copilotgateway.protocol.sse.SseEvent;
import java.util.function.Consumer;

/**
 * Two stream translators in a row, for routes no single translator covers (a Responses client on a Messages-only
 * model goes Messages → Chat → Responses): every event of the first is fed to the second as it is produced. The
 * first's end (its terminal event, or its error event) is what ends the second.
 */
public final class ChainedStreamTranslator implements StreamTranslator {

    private final StreamTranslator first;
    private final StreamTranslator second;

    public ChainedStreamTranslator(StreamTranslator first, StreamTranslator second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void onEvent(SseEvent upstream, Consumer<SseEvent> out) {
        first.onEvent(upstream, middle -> feed(middle, out));
    }

    @Override
    public void onUpstreamEnd(Consumer<SseEvent> out) {
        if (!first.finished()) {
            first.onUpstreamEnd(middle -> feed(middle, out));
        }
        if (!second.finished()) {
            second.onUpstreamEnd(out);
        }
    }

    @Override
    public void onUpstreamFailure(String type, String message, Consumer<SseEvent> out) {
        if (!second.finished()) {
            second.onUpstreamFailure(type, message, out);
        }
    }

    @Override
    public boolean finished() {
        return second.finished();
    }

    private void feed(SseEvent middle, Consumer<SseEvent> out) {
        if (!second.finished()) {
            second.onEvent(middle, out);
        }
    }
}
