package dev.copilotgateway.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void readsSecondsAndHttpDates() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Sat, 05 Dec 2026 10:01:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 05 Dec 2026 09:59:00 GMT", NOW), "a date past is now");
    }

    @Test
    void ignoresNonsenseAndCapsHugeWaits() {
        assertEquals(Optional.empty(), RetryAfter.parse("later", NOW));
        assertEquals(Optional.of(RetryAfter.LONGEST), RetryAfter.parse("999999999", NOW));
    }
}
