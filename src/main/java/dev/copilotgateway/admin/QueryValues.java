package dev.copilotgateway.admin;

import dev.copilotgateway.protocol.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The admin API's query parameter values read one way everywhere; a bad one is a 400 naming the parameter. */
final class QueryValues {

    private QueryValues() {
    }

    /** An ISO-8601 time ({@code 2026-12-05T10:00:00Z}) or a UTC day ({@code 2026-12-05}, its start); null when absent. */
    static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            throw new InvalidRequestException(name, "'" + name + "' must be an ISO-8601 time (2026-12-05T10:00:00Z) or a UTC day (2026-12-05)");
        }
    }

    /** A page size from 1 to {@code max}; {@code absent} when not given. */
    static int limit(String value, int absent, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidRequestException("limit", "'limit' must be a whole number from 1 to " + max);
    }
}
