package dev.copilotgateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for setting values. Each message completes "'value' ..." and never repeats a secret. */
final class Parsers {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([KMG]i?B|B)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSION_LABEL = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]{0,49}");

    private Parsers() {
    }

    /** A folder; a leading {@code ~} means the user's home; made absolute. */
    static Path directory(String text) {
        String expanded = text.equals("~") || text.startsWith("~/")
                ? System.getProperty("user.home") + text.substring(1)
                : text;
        try {
            return Path.of(expanded).toAbsolutePath().normalize();
        } catch (InvalidPathException invalid) {
            throw new IllegalArgumentException("is not a valid path (" + invalid.getReason() + ")");
        }
    }

    /** An absolute http(s) URL, without a trailing slash. */
    static URI httpUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException invalid) {
            throw new IllegalArgumentException("is not a URL (" + invalid.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("is not an absolute http(s) URL");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("must not have a query or fragment");
        }
        String withoutTrailingSlash = text.replaceAll("/+$", "");
        return URI.create(withoutTrailingSlash);
    }

    /** A version like {@code 1.104.3}: it goes into HTTP headers, so only letters, digits, '.', '-' and '+'. */
    static String versionLabel(String text) {
        if (!VERSION_LABEL.matcher(text).matches()) {
            throw new IllegalArgumentException("is not a version (letters, digits, '.', '-', '+'; e.g. 1.104.3)");
        }
        return text;
    }

    /** A GitHub API version: a date {@code YYYY-MM-DD}. */
    static String apiVersionDate(String text) {
        try {
            LocalDate.parse(text);
            return text;
        } catch (DateTimeParseException notADate) {
            throw new IllegalArgumentException("is not a date like 2025-05-01");
        }
    }

    static Optional<URI> optionalHttpUrl(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(httpUrl(text));
    }

    /** A duration: {@code 30s}, {@code 5m}, {@code 2h}, {@code 250ms}, ISO-8601 ({@code PT30S}) or plain seconds. */
    static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (text.toUpperCase(Locale.ROOT).startsWith("PT")) {
                return positive(Duration.parse(text.toUpperCase(Locale.ROOT)));
            }
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                return positive(switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                });
            }
        } catch (ArithmeticException | java.time.format.DateTimeParseException | NumberFormatException invalid) {
            // reported below
        }
        throw new IllegalArgumentException("is not a duration (e.g. 30s, 5m, 250ms, PT1M)");
    }

    private static Duration positive(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return duration;
    }

    /** A size in bytes: {@code 32MiB}, {@code 512KiB}, {@code 1GiB}, {@code 10MB} or plain bytes. */
    static long byteSize(String text) {
        Matcher matcher = SIZE.matcher(text.replace(" ", ""));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("is not a size (e.g. 32MiB, 512KiB, 1048576)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit) {
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> 1L;
        };
        if (amount <= 0 || amount > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException("must be a positive size");
        }
        return amount * factor;
    }

    static Optional<Secret> optionalSecret(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(new Secret(text));
    }

    /** Comma-separated secrets; blanks between commas are ignored, duplicates kept once. */
    static List<Secret> secretList(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .distinct()
                .map(Secret::new)
                .toList();
    }

    /** {@code true} or {@code false} (any case); anything else is a mistake, not a silent {@code false}. */
    static Boolean strictBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("is neither true nor false");
    }

    /** Base64 (standard or URL-safe) of a 128, 192 or 256-bit AES key. */
    static Optional<Secret> optionalAesKey(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = decodeBase64(text);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("is not base64 (expected base64 of a 16, 24 or 32 byte AES key)");
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("decodes to " + key.length + " bytes; an AES key has 16, 24 or 32");
        }
        return Optional.of(new Secret(text));
    }

    static byte[] decodeBase64(String text) {
        return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(text)
                : Base64.getDecoder().decode(text);
    }
}
