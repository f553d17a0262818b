package dev.copilotgateway.routing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Unique tokens for the ids of answers the gateway translates when the upstream gave none (24 hex digits). Unique, not
 * secret: the thread's own generator, not a {@code SecureRandom} whose lock every translated answer would take.
 */
final class GeneratedIds {

    static final Supplier<String> HEX = () -> {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    };

    private GeneratedIds() {
    }
}
