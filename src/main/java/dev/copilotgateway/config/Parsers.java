package dev.copilotgateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parsers for setting values. Each message completes "'value' ..." and never repeats a secret. */
final class Parsers {

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
