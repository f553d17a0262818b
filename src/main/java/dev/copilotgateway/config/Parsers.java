package dev.copilotgateway.config;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for setting values. Each message completes "'value' ..." and never repeats a secret. */
final class Parsers {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([KMG]i?B|B)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSION_LABEL = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]{0,49}");
    private static final Pattern MODEL_NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._\\[\\]-]{0,99}");
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,99}");
    private static final List<String> EFFORTS = List.of("none", "minimal", "low", "medium", "high", "xhigh", "max");

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

    /** A duration longer than zero (see {@link HumanDuration#parse}). */
    static Duration duration(String text) {
        return positive(HumanDuration.parse(text));
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

    /** A model name as clients and Copilot write them ({@code gpt-5-mini}, {@code claude-opus-4.6-1m}). */
    static String modelName(String text) {
        if (!MODEL_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("is not a model name (letters, digits, '.', '-', '_'; e.g. gpt-5-mini)");
        }
        return text;
    }

    /** {@code name=model,name=model}; blanks between commas are ignored, a name given twice is a mistake. */
    static Map<String, String> keyValuePairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int equals = item.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("has an entry without '=' (expected name=model,name=model)");
            }
            String name = modelName(item.substring(0, equals).strip());
            if (pairs.put(name, modelName(item.substring(equals + 1).strip())) != null) {
                throw new IllegalArgumentException("names '" + name + "' twice");
            }
        }
        return Collections.unmodifiableMap(pairs);
    }

    /** {@code family=id>id>id,family=id}: each family's models, best first. */
    static Map<String, List<String>> preferenceTable(String text) {
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int equals = item.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("has an entry without '=' (expected family=model>model,family=model)");
            }
            String family = modelName(item.substring(0, equals).strip());
            List<String> models = Arrays.stream(item.substring(equals + 1).split(">")).map(String::strip).map(Parsers::modelName).toList();
            if (table.put(family, models) != null) {
                throw new IllegalArgumentException("names '" + family + "' twice");
            }
        }
        return Collections.unmodifiableMap(table);
    }

    /** A factor for token estimates: a decimal above 0 and at most 10 (e.g. 1.15). */
    static Double tokenMultiplier(String text) {
        double factor;
        try {
            factor = Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("is not a decimal number (e.g. 1.15)");
        }
        if (!(factor > 0 && factor <= 10)) {
            throw new IllegalArgumentException("must be above 0 and at most 10");
        }
        return factor;
    }

    /** A number of tokens from 0 to 1,000,000. */
    static Integer tokenCount(String text) {
        return wholeNumber(text, 0, 1_000_000);
    }

    /** A most-at-once limit from 1 to 1,000,000, or 0 for none. */
    static Integer concurrencyLimit(String text) {
        return wholeNumber(text, 0, 1_000_000);
    }

    private static int wholeNumber(String text, int min, int max) {
        try {
            int count = Integer.parseInt(text.strip());
            if (count >= min && count <= max) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("is not a whole number from " + min + " to " + max);
    }

    /** A JSON object whose values are strings, e.g. {@code {"claude-sonnet-4.6":"Answer briefly."}}; empty means none. */
    static Map<String, String> jsonStringMap(String text) {
        if (text.isEmpty()) {
            return Map.of();
        }
        JsonValue value;
        try {
            value = JsonIo.read(text);
        } catch (RuntimeException notJson) {
            throw new IllegalArgumentException("is not JSON (expected an object like {\"model\":\"text\"})");
        }
        if (!(value instanceof JsonObject object)) {
            throw new IllegalArgumentException("is not a JSON object (expected {\"model\":\"text\"})");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (!(entry.getValue() instanceof JsonString string)) {
                throw new IllegalArgumentException("has a non-string value for '" + entry.getKey() + "'");
            }
            map.put(entry.getKey().strip(), string.getString());
        }
        return Collections.unmodifiableMap(map);
    }

    /** Comma-separated tokens (letters, digits, '.', '-', '_'); blanks ignored, duplicates kept once; may be empty. */
    static List<String> tokenList(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .map(item -> {
                    if (!TOKEN.matcher(item).matches()) {
                        throw new IllegalArgumentException("has an entry that is not a plain token (letters, digits, '.', '-', '_')");
                    }
                    return item;
                })
                .distinct()
                .toList();
    }

    /** Comma-separated addresses or CIDR blocks, IPv4 or IPv6 (literals only: nothing is looked up); may be empty. */
    static List<CidrBlock> cidrList(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .map(CidrBlock::parse)
                .distinct()
                .toList();
    }

    /** An HTTP header name (letters, digits, '.', '-', '_'). */
    static String headerName(String text) {
        if (!TOKEN.matcher(text).matches()) {
            throw new IllegalArgumentException("is not a header name (letters, digits, '.', '-', '_')");
        }
        return text;
    }

    /** Group names separated by commas or semicolons, blanks ignored; may be empty. */
    static List<String> groupList(String text) {
        return Arrays.stream(text.split("[,;]")).map(String::strip).filter(item -> !item.isEmpty()).distinct().toList();
    }

    /** none, viewer or admin (any case), returned in lower case. */
    static String ssoDefaultRole(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!List.of("none", "viewer", "admin").contains(lower)) {
            throw new IllegalArgumentException("is not none, viewer or admin");
        }
        return lower;
    }

    /** A duration from zero (off) to an hour (see {@link HumanDuration#parse}). */
    static Duration durationUpToAnHour(String text) {
        Duration duration = HumanDuration.parse(text);
        if (duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("must be at most 1h");
        }
        return duration;
    }

    /** How a paced request that comes too early is treated: wait or refuse. */
    static String pacingMode(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!List.of("wait", "refuse").contains(lower)) {
            throw new IllegalArgumentException("is not wait or refuse");
        }
        return lower;
    }

    /** A duration from one second to an hour. */
    static Duration approvalTimeout(String text) {
        Duration duration = HumanDuration.parse(text);
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("must be from 1s to 1h");
        }
        return duration;
    }

    /** A reasoning effort: none, minimal, low, medium, high, xhigh or max (any case). */
    static String effort(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!EFFORTS.contains(lower)) {
            throw new IllegalArgumentException("is not a reasoning effort (" + String.join(", ", EFFORTS) + ")");
        }
        return lower;
    }

    /** jetty or jdk (any case). */
    static String upstreamHttpClient(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (!lower.equals("jetty") && !lower.equals("jdk")) {
            throw new IllegalArgumentException("is not an HTTP client (jetty, jdk)");
        }
        return lower;
    }

    /** 2 or 1.1. */
    static HttpClient.Version httpVersion(String text) {
        return switch (text.strip()) {
            case "2" -> HttpClient.Version.HTTP_2;
            case "1.1" -> HttpClient.Version.HTTP_1_1;
            default -> throw new IllegalArgumentException("is not an HTTP version (2, 1.1)");
        };
    }
}
