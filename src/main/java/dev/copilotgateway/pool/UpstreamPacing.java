package dev.copilotgateway.pool;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The pool's upstream pacing (the peers' {@code --rate-limit N --wait}): at least {@code minInterval} between two
 * requests sent to one account ({@link Duration#ZERO}: no pacing). A request that comes too early either waits for its
 * account's next free moment ({@link Mode#WAIT}: at most {@code maxWait}, with at most {@code maxQueue} requests waiting
 * per account) or is refused at once ({@link Mode#REFUSE}); either refusal is a 429 with {@code Retry-After}.
 */
public record UpstreamPacing(Duration minInterval, Mode mode, Duration maxWait, int maxQueue) {

    public static final Duration MAX_INTERVAL = Duration.ofHours(1);
    public static final Duration MAX_WAIT = Duration.ofMinutes(10);
    public static final int MAX_QUEUE_LIMIT = 10_000;
    public static final UpstreamPacing OFF = new UpstreamPacing(Duration.ZERO, Mode.WAIT, Duration.ofSeconds(30), 100);

    /** What a request that comes too early does. */
    public enum Mode {
        WAIT, REFUSE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Mode> fromWireName(String name) {
            return Arrays.stream(values()).filter(mode -> mode.wireName().equals(name)).findFirst();
        }
    }

    public UpstreamPacing {
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(maxWait, "maxWait");
        if (minInterval.isNegative() || minInterval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("minInterval out of range: " + minInterval);
        }
        if (maxWait.isNegative() || maxWait.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("maxWait out of range: " + maxWait);
        }
        if (maxQueue < 1 || maxQueue > MAX_QUEUE_LIMIT) {
            throw new IllegalArgumentException("maxQueue out of range: " + maxQueue);
        }
    }

    public boolean on() {
        return !minInterval.isZero();
    }
}
