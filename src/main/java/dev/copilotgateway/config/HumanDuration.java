package dev.copilotgateway.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: {@code 30s}, {@code 5m}, {@code 2h}, {@code 30d}, {@code 250ms}, ISO-8601 or plain seconds. */
public final class HumanDuration {

    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)?");

    private HumanDuration() {
    }

    /**
     * Zero or longer.
     *
     * @throws IllegalArgumentException whose message completes "the value ..." (e.g. "is not a duration (...)")
     */
    public static Duration parse(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("pt")) {
                Duration iso = Duration.parse(lower.toUpperCase(Locale.ROOT));
                if (!iso.isNegative()) {
                    return iso;
                }
            }
            Matcher matcher = AMOUNT_AND_UNIT.matcher(lower);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> Duration.ofHours(amount);
                };
            }
        } catch (ArithmeticException | DateTimeParseException | NumberFormatException invalid) {
            // reported below
        }
        throw new IllegalArgumentException("is not a duration (e.g. 30s, 5m, 250ms, 30d, PT1M)");
    }

    /** The shortest of {@code 2h}, {@code 90m}, {@code 45s}, {@code 250ms} that is exact. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
