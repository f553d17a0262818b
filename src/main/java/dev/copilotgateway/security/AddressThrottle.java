package dev.copilotgateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per client address on this node: after {@code limit} failures within {@code window}, the address is
 * refused until the window ends. Bounded in memory: past {@code maxAddresses}, windows that have ended are dropped, and
 * if none has, the oldest half go (a flood from many addresses cannot fill the heap).
 */
final class AddressThrottle {

    private record Failures(Instant since, int count) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final int maxAddresses;

    AddressThrottle(Clock clock, int limit, Duration window, int maxAddresses) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
        this.maxAddresses = maxAddresses;
    }

    /** How long {@code address} must still wait; {@link Duration#ZERO} when it may try. */
    Duration wait(String address) {
        Failures recorded = failures.get(key(address));
        Instant now = clock.instant();
        if (recorded == null || recorded.count() < limit || !now.isBefore(recorded.since().plus(window))) {
            return Duration.ZERO;
        }
        return Duration.between(now, recorded.since().plus(window));
    }

    void failed(String address) {
        Instant now = clock.instant();
        failures.merge(key(address), new Failures(now, 1), (old, first) -> now.isBefore(old.since().plus(window))
                ? new Failures(old.since(), old.count() + 1) : first);
        if (failures.size() > maxAddresses) {
            shrink(now);
        }
    }

    void succeeded(String address) {
        failures.remove(key(address));
    }

    int size() {
        return failures.size();
    }

    private void shrink(Instant now) {
        failures.values().removeIf(recorded -> !now.isBefore(recorded.since().plus(window)));
        if (failures.size() > maxAddresses) {
            failures.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue((a, b) -> a.since().compareTo(b.since())))
                    .limit(failures.size() / 2)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(failures::remove);
        }
    }

    private static String key(String address) {
        return address == null ? "" : address;
    }
}
