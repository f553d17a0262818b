package dev.copilotgateway.pool;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an upstream {@code Retry-After}: delay seconds or an HTTP date (RFC 9110 §10.2.3). */
public final class RetryAfter {

    /** A longer wait than this is taken as this: a broken header must not bench an account for days. */
    static final Duration LONGEST = Duration.ofHours(6);

    private RetryAfter() {
    }

    public static Optional<Duration> of(HttpHeaders headers, Instant now) {
        return headers.firstValue("retry-after").flatMap(value -> parse(value, now));
    }

    static Optional<Duration> parse(String value, Instant now) {
        String text = value.strip();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(LONGEST) > 0 ? LONGEST : wait);
    }
}
