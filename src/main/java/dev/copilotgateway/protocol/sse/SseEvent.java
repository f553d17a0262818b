package dev.copilotgateway.protocol.sse;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event: its {@code event:} name ({@code null} when the frame has none) and its {@code data:}
 * lines joined with {@code \n}. Upstream frames are parsed into these for translation; translated frames are
 * written back with {@link #toBytes()}.
 */
public record SseEvent(String event, String data) {

    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    public static SseEvent named(String event, String data) {
        return new SseEvent(event, data);
    }

    /** Whether this is OpenAI's end marker {@code data: [DONE]}. */
    public boolean isDone() {
        return event == null && "[DONE]".equals(data);
    }

    /** The frame as sent on the wire, ending with a blank line; multi-line data becomes several {@code data:} lines. */
    public byte[] toBytes() {
        StringBuilder frame = new StringBuilder(data.length() + 32);
        if (event != null) {
            frame.append("event: ").append(event).append('\n');
        }
        int start = 0;
        for (int newline = data.indexOf('\n'); newline >= 0; newline = data.indexOf('\n', start)) {
            frame.append("data: ").append(data, start, newline).append('\n');
            start = newline + 1;
        }
        frame.append("data: ").append(data, start, data.length()).append("\n\n");
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }
}
