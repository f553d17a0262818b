package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} name, or null for data-only frames (Chat Completions)
 */
record SseFrame(String event, String data) {

    static SseFrame data(JsonObject json) {
        return new SseFrame(null, json.toString());
    }

    static SseFrame named(String event, JsonObject json) {
        return new SseFrame(event, json.toString());
    }

    /** The Chat Completions terminator. */
    static SseFrame done() {
        return new SseFrame(null, "[DONE]");
    }

    byte[] bytes() {
        String text = (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
