package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Console password hashes: salted, slow, verifiable with the iteration count they were made with. */
class PasswordHashesTest {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    private final PasswordHashes fast = new PasswordHashes(1_000);

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String stored = fast.hash(PASSWORD);

        assertTrue(fast.matches(PASSWORD, stored));
        assertFalse(fast.matches("correct horse battery stapler".toCharArray(), stored));
        assertFalse(fast.matches(new char[0], stored));
    }

    @Test
    void theFormatIsAlgorithmIterationsSaltAndHash() {
        String[] parts = fast.hash(PASSWORD).split(":");

        assertEquals(4, parts.length);
        assertEquals("PBKDF2WithHmacSHA256", parts[0]);
        assertEquals("1000", parts[1]);
        assertEquals(32, Base64.getDecoder().decode(parts[2]).length, "salt");
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length, "hash");
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertNotEquals(fast.hash(PASSWORD), fast.hash(PASSWORD));
    }

    @Test
    void aStoredHashKeepsItsIterationCountWhenTheDefaultRises() {
        String older = fast.hash(PASSWORD);

        assertTrue(new PasswordHashes(2_000).matches(PASSWORD, older));
        assertTrue(PasswordHashes.ITERATIONS >= 600_000, "OWASP's count for PBKDF2-HMAC-SHA256");
    }

    @Test
    void anythingNotInTheFormatMatchesNothing() {
        for (String stored : new String[] {null, "", String.valueOf(PASSWORD), "PBKDF2WithHmacSHA256:x:AA==:AA==",
                "PBKDF2WithHmacSHA256:0:AA==:AA==", "MD5:1000:AA==:AA==", "PBKDF2WithHmacSHA256:1000:not base64!:AA=="}) {
            assertFalse(fast.matches(PASSWORD, stored), String.valueOf(stored));
        }
    }
}
