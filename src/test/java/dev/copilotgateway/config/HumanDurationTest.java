package dev.copilotgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void readsWhatOperatorsWrite() {
        assertEquals(Duration.ofHours(1), HumanDuration.parse("1h"));
        assertEquals(Duration.ofMinutes(30), HumanDuration.parse(" 30m "));
        assertEquals(Duration.ofSeconds(45), HumanDuration.parse("45"));
        assertEquals(Duration.ofMillis(250), HumanDuration.parse("250ms"));
        assertEquals(Duration.ofMinutes(2), HumanDuration.parse("PT2M"));
        assertEquals(Duration.ZERO, HumanDuration.parse("0s"));
        for (String bad : new String[] {"soon", "-5s", "PT-1S", "1w", ""}) {
            assertThrows(IllegalArgumentException.class, () -> HumanDuration.parse(bad), bad);
        }
    }

    @Test
    void writesTheShortestExactForm() {
        assertEquals("1h", HumanDuration.format(Duration.ofHours(1)));
        assertEquals(Duration.ofDays(30), HumanDuration.parse("30d"));
        assertEquals("90m", HumanDuration.format(Duration.ofMinutes(90)));
        assertEquals("45s", HumanDuration.format(Duration.ofSeconds(45)));
        assertEquals("250ms", HumanDuration.format(Duration.ofMillis(250)));
        assertEquals("0s", HumanDuration.format(Duration.ZERO));
        assertEquals(Duration.ofMinutes(90), HumanDuration.parse(HumanDuration.format(Duration.ofMinutes(90))));
    }
}
