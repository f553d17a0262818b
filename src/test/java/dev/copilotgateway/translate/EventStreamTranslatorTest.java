package dev.copilotgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What every stream translator gets from its base: the finished guard, events read as objects, the end hooks. */
class EventStreamTranslatorTest {

    /** Echoes each event's type, ends on "stop" or by its hooks, and records which hook ran. */
    private static final class Echo extends EventStreamTranslator {
        final List<String> hooks = new ArrayList<>();

        @Override
        protected void onData(SseEvent upstream, JsonObject data, Consumer<SseEvent> out) {
            String type = eventType(upstream, data);
            out.accept(SseEvent.data(type));
            if (type.equals("stop")) {
                markFinished();
            }
        }

        @Override
        protected void onUnreadable(Consumer<SseEvent> out) {
            hooks.add("unreadable");
            markFinished();
        }

        @Override
        protected void onEnd(Consumer<SseEvent> out) {
            hooks.add("end");
            markFinished();
        }

        @Override
        protected void onFailure(String type, String message, Consumer<SseEvent> out) {
            hooks.add("failure " + type + ": " + message);
            markFinished();
        }
    }

    private final Echo echo = new Echo();
    private final List<String> out = new ArrayList<>();

    private void feed(SseEvent event) {
        echo.onEvent(event, emitted -> out.add(emitted.data()));
    }

    @Test
    void eventsAreReadAsObjectsTypedByTheirDataOrTheirName() {
        feed(SseEvent.data("{\"type\":\"delta\"}"));
        feed(new SseEvent("message_start", "{\"no\":\"type\"}"));
        feed(SseEvent.data("{}"));

        assertEquals(List.of("delta", "message_start", ""), out);
        assertFalse(echo.finished());
    }

    @Test
    void doneAndPingsAreNotDataEvents() {
        feed(SseEvent.data("[DONE]"));
        feed(new SseEvent("ping", "{\"type\":\"ping\"}"));

        assertEquals(List.of(), out, "ignored by default");
        assertFalse(echo.finished());
    }

    @Test
    void anEventThatIsNoObjectIsUnreadable() {
        feed(SseEvent.data("[1,2]"));

        assertEquals(List.of("unreadable"), echo.hooks);
        assertTrue(echo.finished());
    }

    @Test
    void nothingHappensOnceTheStreamHasEnded() {
        feed(SseEvent.data("{\"type\":\"stop\"}"));
        feed(SseEvent.data("{\"type\":\"late\"}"));
        feed(SseEvent.data("not json"));
        echo.onUpstreamEnd(emitted -> out.add(emitted.data()));
        echo.onUpstreamFailure("api_error", "cut", emitted -> out.add(emitted.data()));

        assertEquals(List.of("stop"), out);
        assertEquals(List.of(), echo.hooks);
    }

    @Test
    void theEndAndFailureHooksRunWhileTheStreamIsOpenOnly() {
        echo.onUpstreamFailure("timeout_error", "idle", emitted -> { });
        echo.onUpstreamEnd(emitted -> { });

        assertEquals(List.of("failure timeout_error: idle"), echo.hooks);
    }
}
