package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A parsed server-sent event, as a test client saw it.
 *
 * @param event        the {@code event:} name, or null
 * @param arrivalNanos {@link System#nanoTime()} when its first line was read
 */
record ReceivedSseEvent(String event, String data, long arrivalNanos) {

    JsonObject json() {
        return Jsons.parseObject(data);
    }

    /** Reads blank-line-delimited events until the lines run out. */
    static List<ReceivedSseEvent> readAll(Iterator<String> lines) {
        List<ReceivedSseEvent> events = new ArrayList<>();
        String event = null;
        StringBuilder data = null;
        long arrival = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new ReceivedSseEvent(event, data.toString(), arrival));
                }
                event = null;
                data = null;
                continue;
            }
            if (event == null && data == null) {
                arrival = System.nanoTime();
            }
            if (line.startsWith("event: ")) {
                event = line.substring("event: ".length());
            } else if (line.startsWith("data: ")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring("data: ".length()));
            }
        }
        return events;
    }
}
