package dev.copilotgateway.upstream;

import java.time.Duration;
import java.time.Instant;

/**
 * When Copilot tokens are refreshed (UPSTREAM.md §3.1): {@code margin} before GitHub's {@code refresh_in} (and
 * before expiry), never sooner than {@code minimumDelay}; after a failed exchange, retries at {@code firstRetry},
 * doubling up to {@code longestQuickRetry}, then every {@code slowRetry}. Tests use short values.
 */
public record RefreshTiming(Duration margin, Duration minimumDelay, Duration defaultRefreshIn,
                            Duration firstRetry, Duration longestQuickRetry, Duration slowRetry) {

    /** 60 s margin, 1 s floor, 25 min when GitHub gives no refresh_in; retries 1, 2, 4 … 30 s, then every 5 min. */
    public static RefreshTiming standard() {
        return new RefreshTiming(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(25),
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /**
     * How long after {@code now} to refresh a token just received: {@code max(refresh_in − margin, minimumDelay)}
     * ({@code defaultRefreshIn} when GitHub gave none), but no later than {@code margin} before it expires.
     */
    Duration refreshDelay(Duration refreshIn, Instant expiresAt, Instant now) {
        Duration suggested = (refreshIn.isZero() || refreshIn.isNegative() ? defaultRefreshIn : refreshIn).minus(margin);
        Duration beforeExpiry = Duration.between(now, expiresAt).minus(margin);
        Duration delay = suggested.compareTo(beforeExpiry) < 0 ? suggested : beforeExpiry;
        return delay.compareTo(minimumDelay) < 0 ? minimumDelay : delay;
    }

    /** Whether a token should be replaced before use: it expires within the margin. */
    boolean dueForRefresh(Instant expiresAt, Instant now) {
        return !refreshDueAt(expiresAt).isAfter(now);
    }

    /** From this instant on, a token expiring at {@code expiresAt} is {@linkplain #dueForRefresh due for refresh}. */
    Instant refreshDueAt(Instant expiresAt) {
        return expiresAt.minus(margin);
    }

    /** The wait before the next attempt after {@code failures} consecutive failed exchanges (1, 2, …). */
    Duration retryDelay(int failures) {
        Duration delay = firstRetry;
        for (int attempt = 1; attempt < failures; attempt++) {
            if (delay.compareTo(longestQuickRetry) >= 0) {
                return slowRetry;
            }
            Duration doubled = delay.multipliedBy(2);
            delay = doubled.compareTo(longestQuickRetry) > 0 ? longestQuickRetry : doubled;
        }
        return delay;
    }
}
