package dev.copilotgateway.translate;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.util.function.Consumer;

/**
 * What every translator of one event stream into another does the same way: nothing after the client's stream has
 * ended; OpenAI's {@code [DONE]} and keep-alive pings apart from the data events; each data event read as a JSON object
 * (anything else is an unreadable event); the upstream's end or failure only while the client's stream is still open.
 * A subclass says what each of those means in its pair of protocols, and marks the end with {@link #markFinished()}.
 */
public abstract class EventStreamTranslator implements StreamTranslator {

    /** What the client is told when the upstream sends an event that cannot be read. */
    public static final String UNREADABLE = "The upstream sent an unreadable stream event.";

    private boolean finished;

    @Override
    public final void onEvent(SseEvent upstream, Consumer<SseEvent> out) {
        if (finished) {
            return;
        }
        if (upstream.isDone()) {
            onDone(out);
            return;
        }
        if ("ping".equals(upstream.event())) {
            onPing(out);
            return;
        }
        JsonObject data;
        try {
            if (!(JsonIo.read(upstream.data()) instanceof JsonObject object)) {
                throw new JsonException("not an object");
            }
            data = object;
        } catch (JsonException unreadable) {
            onUnreadable(out);
            return;
        }
        onData(upstream, data, out);
    }

    @Override
    public final void onUpstreamEnd(Consumer<SseEvent> out) {
        if (!finished) {
            onEnd(out);
        }
    }

    @Override
    public final void onUpstreamFailure(String type, String message, Consumer<SseEvent> out) {
        if (!finished) {
            onFailure(type, message, out);
        }
    }

    @Override
    public final boolean finished() {
        return finished;
    }

    /** The client's stream has ended (normally or with an error event): nothing more is emitted. */
    protected final void markFinished() {
        finished = true;
    }

    /** One data event of the upstream, read as an object, while the client's stream is open. */
    protected abstract void onData(SseEvent upstream, JsonObject data, Consumer<SseEvent> out);

    /** An event whose data is not a JSON object: the client's stream ends with its protocol's error. */
    protected abstract void onUnreadable(Consumer<SseEvent> out);

    /** The upstream body ended while the client's stream is open. */
    protected abstract void onEnd(Consumer<SseEvent> out);

    /** The stream cannot go on ({@link StreamTranslator#onUpstreamFailure}) while the client's stream is open. */
    protected abstract void onFailure(String type, String message, Consumer<SseEvent> out);

    /** OpenAI's {@code data: [DONE]}; nothing by default (only Chat Completions streams end with it). */
    protected void onDone(Consumer<SseEvent> out) {
    }

    /** A keep-alive {@code ping} event; nothing by default (the relay keeps an idle client connection alive itself). */
    protected void onPing(Consumer<SseEvent> out) {
    }

    /** The event's type: its data's {@code type}, else the SSE event name, else empty. */
    protected static String eventType(SseEvent upstream, JsonObject data) {
        return data.getString("type", upstream.event() == null ? "" : upstream.event());
    }
}
