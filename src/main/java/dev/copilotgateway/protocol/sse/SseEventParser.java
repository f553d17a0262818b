package dev.copilotgateway.protocol.sse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses whole SSE frames (as cut by {@code SseFrameBuffer}) into events, per the WHATWG event-stream rules the
 * upstreams use: {@code event:} and {@code data:} fields, one optional space after the colon, comment lines
 * ({@code :ping}) and other fields ignored, {@code \n} or {@code \r\n} line ends. A frame without data is dropped.
 */
public final class SseEventParser {

    private SseEventParser() {
    }

    /** The events of {@code frames}, which must end at a frame boundary. */
    public static List<SseEvent> parse(byte[] frames) {
        List<SseEvent> events = new ArrayList<>(4);
        String text = new String(frames, StandardCharsets.UTF_8);
        String event = null;
        StringBuilder data = null;
        int start = 0;
        while (start <= text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new SseEvent(event, data.toString()));
                }
                event = null;
                data = null;
            } else if (line.charAt(0) != ':') {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1 < line.length() && line.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1);
                if (field.equals("event")) {
                    event = value;
                } else if (field.equals("data")) {
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        if (data != null) {
            events.add(new SseEvent(event, data.toString()));
        }
        return events;
    }
}
