package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RejectedKeyCacheTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void remembersARefusalForItsTimeToLiveAndForgetsACreatedKey() {
        RejectedKeyCache cache = new RejectedKeyCache(Duration.ofSeconds(30), 10);
        cache.reject("a", NOW);
        cache.reject("b", NOW);
        assertTrue(cache.rejected("a", NOW.plusSeconds(29)));
        assertFalse(cache.rejected("a", NOW.plusSeconds(30)));
        cache.forget("b");
        assertFalse(cache.rejected("b", NOW));
    }

    @Test
    void staysWithinItsBound() {
        RejectedKeyCache cache = new RejectedKeyCache(Duration.ofSeconds(30), 100);
        for (int i = 0; i < 10_000; i++) {
            cache.reject("hash" + i, NOW.plusMillis(i));
            assertTrue(cache.size() <= 100, "size " + cache.size());
        }
        assertTrue(cache.rejected("hash9999", NOW.plusSeconds(10)));
        assertEquals(true, cache.size() > 0);
    }
}
