package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** vscode-sessionid: {@code <uuid><epoch-ms>}, renewed after 60 minutes plus 0–20 minutes of jitter. */
class SessionIdTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00.123Z");

    @Test
    void isAUuidFollowedByTheCreationTimeInMilliseconds() {
        SessionId id = SessionId.fresh(START, new Random(1));
        assertTrue(id.value().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + START.toEpochMilli()), id.value());
    }

    @RepeatedTest(20)
    void lastsAnHourPlusAtMostTwentyMinutes() {
        SessionId id = SessionId.fresh(START, new Random());
        Duration lifetime = Duration.between(START, id.rotatesAt());
        assertTrue(lifetime.compareTo(Duration.ofMinutes(60)) >= 0 && lifetime.compareTo(Duration.ofMinutes(80)) <= 0, lifetime.toString());

        assertSame(id, id.at(START.plus(Duration.ofMinutes(59)), new Random()));
        SessionId renewed = id.at(START.plus(Duration.ofMinutes(80)).plusMillis(1), new Random());
        assertNotEquals(id.value(), renewed.value());
        assertTrue(renewed.value().endsWith(Long.toString(START.plus(Duration.ofMinutes(80)).plusMillis(1).toEpochMilli())));
    }

    @Test
    void theJitterComesFromTheRandomSource() {
        Random fixed = new Random(42);
        long expectedJitter = new Random(42).nextLong(Duration.ofMinutes(20).toMillis() + 1);
        assertEquals(START.plus(Duration.ofMinutes(60)).plusMillis(expectedJitter), SessionId.fresh(START, fixed).rotatesAt());
    }
}
