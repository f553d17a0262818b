package dev.copilotgateway.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets at rest (GitHub tokens) with AES-GCM: a fresh 96-bit nonce per value and a 128-bit tag,
 * stored as {@code v1:<base64(nonce || ciphertext+tag)>}. The version prefix leaves room for key rotation.
 */
public final class SecretCipher {

    private static final String FORMAT = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecretKey key) {
        this.key = key;
    }

    public String encrypt(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return FORMAT + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException("AES-GCM encryption failed", failed);
        }
    }

    /** Decrypts a value made by {@link #encrypt}; fails if it was made with another key or was altered. */
    public String decrypt(String stored) {
        if (!stored.startsWith(FORMAT)) {
            throw new SecretDecryptionException("unknown ciphertext format");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(FORMAT.length()));
        } catch (IllegalArgumentException notBase64) {
            throw new SecretDecryptionException("ciphertext is not base64");
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new SecretDecryptionException("ciphertext is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException wrongKeyOrAltered) {
            throw new SecretDecryptionException("the encryption key does not match (or the value was altered)");
        }
    }

    /** A stored secret that cannot be decrypted; the message never contains the secret. */
    public static final class SecretDecryptionException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SecretDecryptionException(String message) {
            super(message);
        }
    }
}
