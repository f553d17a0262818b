package dev.copilotgateway.routing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/** Unique tokens for the ids of answers the gateway translates when the upstream gave none (24 hex digits). */
final class GeneratedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    static final Supplier<String> HEX = () -> {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    };

    private GeneratedIds() {
    }
}
