package dev.copilotgateway.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentRequestsTest {

    @Test
    void countsTheLastSixtyMinutesAndReusesBuckets() {
        RecentRequests recent = new RecentRequests();
        Instant start = Instant.parse("2026-12-05T10:00:30Z");
        for (int minute = 0; minute < 90; minute++) {
            recent.record(start.plus(Duration.ofMinutes(minute)));
            recent.record(start.plus(Duration.ofMinutes(minute)));
        }
        Instant last = start.plus(Duration.ofMinutes(89));
        assertEquals(120, recent.lastHour(last));
        assertEquals(60, recent.lastHour(last.plus(Duration.ofMinutes(30))));
        assertEquals(0, recent.lastHour(last.plus(Duration.ofMinutes(60))));
    }
}
