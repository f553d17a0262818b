package dev.copilotgateway.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Logs refused API keys at most once per key prefix per minute, with the number refused since the last line, so a
 * flood of wrong keys cannot fill the log. Bounded: past {@code maxPrefixes} distinct prefixes in one minute, the
 * rest are counted under one shared line.
 */
final class RefusedKeyLog {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final String OTHER_PREFIXES = "(other prefixes)";

    /** Refusals of one prefix: when its last line was written, and how many were refused since without a line. */
    private static final class Window {
        Instant loggedAt;
        long unlogged;

        Window(Instant loggedAt) {
            this.loggedAt = loggedAt;
        }
    }

    private final Logger log;
    private final Clock clock;
    private final int maxPrefixes;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    RefusedKeyLog(Logger log, Clock clock, int maxPrefixes) {
        this.log = log;
        this.clock = clock;
        this.maxPrefixes = maxPrefixes;
    }

    /** A key with visible prefix {@code prefix} was refused on {@code request} (method and path, never a query). */
    void refused(String prefix, String request) {
        Instant now = clock.instant();
        String key = prefix;
        if (!windows.containsKey(prefix) && windows.size() >= maxPrefixes) {
            windows.values().removeIf(window -> !now.isBefore(window.loggedAt.plus(WINDOW)) && window.unlogged == 0);
            if (windows.size() >= maxPrefixes) {
                key = OTHER_PREFIXES;
            }
        }
        String line = null;
        Window window = windows.computeIfAbsent(key, ignored -> new Window(Instant.MIN));
        synchronized (window) {
            if (now.isBefore(window.loggedAt.plus(WINDOW))) {
                window.unlogged++;
            } else {
                line = "Refused " + request + ": API key " + key + "… is unknown, revoked or expired"
                        + (window.unlogged > 0 ? " (and " + window.unlogged + " more refusals of it in the last minute)" : "");
                window.loggedAt = now;
                window.unlogged = 0;
            }
        }
        if (line != null) {
            log.warning(line);
        }
    }
}
