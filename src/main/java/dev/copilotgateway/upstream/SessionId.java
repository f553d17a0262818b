package dev.copilotgateway.upstream;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * An account's {@code vscode-sessionid} (UPSTREAM.md §6.2): {@code <uuid><epoch-ms>}, replaced after 60 minutes
 * plus a random 0–20 minutes, as a VS Code window's session would be. Kept in memory only.
 */
record SessionId(String value, Instant rotatesAt) {

    static final Duration LIFETIME = Duration.ofMinutes(60);
    static final Duration MAX_JITTER = Duration.ofMinutes(20);

    static SessionId fresh(Instant now, RandomGenerator random) {
        Duration jitter = Duration.ofMillis(random.nextLong(MAX_JITTER.toMillis() + 1));
        return new SessionId(UUID.randomUUID().toString() + now.toEpochMilli(), now.plus(LIFETIME).plus(jitter));
    }

    /** This id while it lasts, else a new one. */
    SessionId at(Instant now, RandomGenerator random) {
        return now.isBefore(rotatesAt) ? this : fresh(now, random);
    }
}
