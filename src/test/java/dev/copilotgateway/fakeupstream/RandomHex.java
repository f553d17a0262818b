package dev.copilotgateway.fakeupstream;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Random hex strings for device codes and tokens (unpredictable enough for a test fake). */
final class RandomHex {

    private RandomHex() {
    }

    static String of(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
