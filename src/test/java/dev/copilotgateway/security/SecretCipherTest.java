package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static SecretCipher cipher(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return new SecretCipher(new SecretKeySpec(key, "AES"));
    }

    @Test
    void roundTripsAndNeverContainsThePlaintext() {
        SecretCipher cipher = cipher(1);
        String stored = cipher.encrypt("ghu_secret-token-value");
        assertTrue(stored.startsWith("v1:"));
        assertFalse(stored.contains("ghu_secret"));
        assertEquals("ghu_secret-token-value", cipher.decrypt(stored));
    }

    @Test
    void sameValueEncryptsDifferentlyEachTime() {
        SecretCipher cipher = cipher(1);
        assertNotEquals(cipher.encrypt("same"), cipher.encrypt("same"));
    }

    @Test
    void anotherKeyCannotDecrypt() {
        String stored = cipher(1).encrypt("ghu_x");
        SecretCipher.SecretDecryptionException failure = assertThrows(SecretCipher.SecretDecryptionException.class,
                () -> cipher(2).decrypt(stored));
        assertFalse(failure.getMessage().contains("ghu_x"));
    }

    @Test
    void alteredCiphertextIsDetected() {
        SecretCipher cipher = cipher(1);
        byte[] bytes = Base64.getDecoder().decode(cipher.encrypt("ghu_x").substring(3));
        bytes[bytes.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(bytes);
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> cipher.decrypt(altered));
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> cipher.decrypt("plain text"));
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> cipher.decrypt("v1:AAAA"));
    }
}
