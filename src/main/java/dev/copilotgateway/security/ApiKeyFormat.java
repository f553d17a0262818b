package dev.copilotgateway.security;

import java.security.SecureRandom;
import java.util.Base64;

/** How client API keys look: generated ones are {@code cgw_} + 43 random URL-safe characters (256 bits). */
public final class ApiKeyFormat {

    public static final String GENERATED_PREFIX = "cgw_";

    /** Keys shorter than this are accepted from configuration but logged as weak. */
    public static final int RECOMMENDED_MIN_LENGTH = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return GENERATED_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The part of a key that may be shown to identify it: at most 8 characters, and never more than a third
     * of the key, so a short configured key is not given away by its prefix.
     */
    public static String visiblePrefix(String key) {
        return key.substring(0, Math.min(8, key.length() / 3));
    }
}
