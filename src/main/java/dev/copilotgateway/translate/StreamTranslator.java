package dev.copilotgateway.translate;

import dev.copilotgateway.protocol.sse.SseEvent;
import java.util.function.Consumer;

/**
 * The state machine of one translated stream: fed the upstream's events in order, it emits the client protocol's
 * events. One instance per request, called by one thread at a time; pure (no I/O, no clock), so it is unit-tested
 * by feeding events and collecting what comes out.
 *
 * <p>Every stream the client sees ends properly: {@link #onUpstreamEnd} or {@link #onUpstreamFailure} emit the
 * terminal events (or an error event) that the events so far have not, and after one of them the translator emits
 * nothing more.
 */
public interface StreamTranslator {

    /** One upstream event (OpenAI's {@code [DONE]} included); emits zero or more client events to {@code out}. */
    void onEvent(SseEvent upstream, Consumer<SseEvent> out);

    /**
     * The upstream body ended. If it ended without its protocol's normal end (no {@code [DONE]}, no
     * {@code message_stop}, no {@code response.completed}), the translator emits the client protocol's error event.
     */
    void onUpstreamEnd(Consumer<SseEvent> out);

    /**
     * The stream cannot go on (connection lost, idle time-out): emit the client protocol's error event of the
     * gateway-neutral kind {@code type} ({@code api_error}, {@code timeout_error}, {@code overloaded_error}) with
     * {@code message}, unless the stream already ended.
     */
    void onUpstreamFailure(String type, String message, Consumer<SseEvent> out);

    /** Whether the client stream has ended (normally or with an error event). */
    boolean finished();
}
