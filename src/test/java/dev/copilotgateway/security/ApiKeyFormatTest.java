package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    @Test
    void generatedKeysAreLongRandomAndRecognisable() {
        String key = ApiKeyFormat.generate();
        assertTrue(key.matches("cgw_[A-Za-z0-9_-]{43}"), key);
        assertNotEquals(key, ApiKeyFormat.generate());
        assertEquals(key.substring(0, 8), ApiKeyFormat.visiblePrefix(key));
    }

    @Test
    void prefixNeverShowsMoreThanAThirdOfAShortKey() {
        assertEquals("", ApiKeyFormat.visiblePrefix("ab"));
        assertEquals("ab", ApiKeyFormat.visiblePrefix("abcdef"));
        assertEquals("abcd", ApiKeyFormat.visiblePrefix("abcdefghijkl"));
    }

    @Test
    void hashesAreSha256HexAndComparedWhole() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", Hashes.sha256Hex("hello"));
        assertTrue(Hashes.sameHash(Hashes.sha256Hex("a"), Hashes.sha256Hex("a")));
        assertTrue(!Hashes.sameHash(Hashes.sha256Hex("a"), Hashes.sha256Hex("b")));
    }
}
