package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatedKeyCacheTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Caller CALLER = new Caller(1L, "cgw_abcd", "alice", null);

    private final AuthenticatedKeyCache cache = new AuthenticatedKeyCache(Duration.ofSeconds(30), 3);

    @Test
    void entriesLiveForTheTtlButNeverPastTheKeysExpiry() {
        cache.put("forever", CALLER, null, NOW, cache.generation());
        cache.put("expiring", CALLER, NOW.plusSeconds(5), NOW, cache.generation());
        assertEquals(Optional.of(CALLER), cache.get("forever", NOW.plusSeconds(29)));
        assertEquals(Optional.of(CALLER), cache.get("expiring", NOW.plusSeconds(4)));
        assertEquals(Optional.empty(), cache.get("expiring", NOW.plusSeconds(5)));
        assertEquals(Optional.empty(), cache.get("forever", NOW.plusSeconds(30)));
        assertEquals(0, cache.size(), "stale entries are dropped when met");
    }

    @Test
    void sizeIsBoundedPreferringToDropStaleEntries() {
        cache.put("old", CALLER, null, NOW, cache.generation());
        cache.put("a", CALLER, null, NOW.plusSeconds(20), cache.generation());
        cache.put("b", CALLER, null, NOW.plusSeconds(20), cache.generation());
        cache.put("c", CALLER, null, NOW.plusSeconds(40), cache.generation());
        assertEquals(3, cache.size());
        assertTrue(cache.get("a", NOW.plusSeconds(40)).isPresent() && cache.get("b", NOW.plusSeconds(40)).isPresent(),
                "the stale entry made room");

        cache.put("d", CALLER, null, NOW.plusSeconds(40), cache.generation());
        cache.put("e", CALLER, null, NOW.plusSeconds(40), cache.generation());
        assertEquals(3, cache.size(), "full of fresh entries: some give way");
        assertTrue(cache.get("e", NOW.plusSeconds(40)).isPresent());
    }

    @Test
    void aLookUpThatStartedBeforeAnInvalidationCannotPutItsResult() {
        long before = cache.generation();
        cache.invalidate("revoked"); // the revocation commits while the look-up still holds the old row
        cache.put("revoked", CALLER, null, NOW, before);
        assertEquals(Optional.empty(), cache.get("revoked", NOW));

        cache.put("revoked", CALLER, null, NOW, cache.generation());
        assertEquals(Optional.of(CALLER), cache.get("revoked", NOW), "a look-up started afterwards is cached");
        cache.invalidate("revoked");
        assertEquals(Optional.empty(), cache.get("revoked", NOW));
    }
}
