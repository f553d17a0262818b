package dev.copilotgateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of high-entropy secrets (API keys, GitHub tokens, session tokens). A plain fast hash is right for
 * these: they are random and long, and the hash must be computable on every request to look a key up.
 */
public final class Hashes {

    /** One digest per thread: {@code MessageDigest.getInstance} searches the security providers on every call. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    });

    private Hashes() {
    }

    public static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8))); // digest() resets it
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
