package dev.copilotgateway.admin;

import dev.copilotgateway.persistence.UsageRecordRepository.Filter;
import dev.copilotgateway.persistence.UsageRecordRepository.GroupBy;
import dev.copilotgateway.persistence.UsageRecordRepository.Position;
import dev.copilotgateway.protocol.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of {@code /admin/api/requests} and {@code /admin/api/usage}, checked: a bad or unknown one is an
 * {@link InvalidRequestException} naming it (400 in OpenAI's shape). Times are ISO-8601 instants
 * ({@code 2026-12-05T10:00:00Z}) or UTC days ({@code 2026-12-05}: its start); {@code from} is inclusive, {@code to}
 * exclusive. The page cursor {@code before} is opaque: the {@code next_before} of the previous page.
 */
public final class UsageParams {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    public static final Set<String> REQUESTS_PARAMS = Set.of("keyId", "accountId", "model", "from", "to", "limit", "before", "format");
    public static final Set<String> USAGE_PARAMS = Set.of("groupBy", "keyId", "from", "to", "format");

    private final Map<String, List<String>> query;

    private UsageParams(Map<String, List<String>> query, Set<String> known) {
        this.query = query;
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidRequestException(name, "Unknown parameter '" + name + "'; known: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    public static UsageParams forRequests(Map<String, List<String>> query) {
        return new UsageParams(query, REQUESTS_PARAMS);
    }

    public static UsageParams forUsage(Map<String, List<String>> query) {
        return new UsageParams(query, USAGE_PARAMS);
    }

    public Filter filter() {
        Instant from = time("from");
        Instant to = time("to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("to", "'to' must be after 'from'");
        }
        String model = value("model");
        if (model != null && (model.isBlank() || model.length() > 200)) {
            throw new InvalidRequestException("model", "'model' must be a model name of 1 to 200 characters");
        }
        return new Filter(id("keyId"), id("accountId"), model, from, to);
    }

    public int limit() {
        return QueryValues.limit(value("limit"), DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** The page cursor, or null for the first page. */
    public Position before() {
        String text = value("before");
        if (text == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int colon = decoded.indexOf(':');
            long micros = Long.parseLong(decoded.substring(0, colon));
            long id = Long.parseLong(decoded.substring(colon + 1));
            return new Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException unreadable) {
            throw new InvalidRequestException("before", "'before' must be the next_before of a previous page");
        }
    }

    /** The cursor naming {@code position}, for {@code next_before}. */
    public static String cursor(Position position) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.createdAt());
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + position.id()).getBytes(StandardCharsets.US_ASCII));
    }

    public GroupBy groupBy() {
        String text = value("groupBy");
        if (text == null) {
            return GroupBy.DAY;
        }
        try {
            return GroupBy.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidRequestException("groupBy", "'groupBy' must be one of key, account, model, day");
        }
    }

    /** Whether CSV was asked for, by {@code format=csv} or an {@code Accept} that prefers {@code text/csv}. */
    public boolean csv(String accept) {
        String format = value("format");
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidRequestException("format", "'format' must be json or csv");
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).startsWith("text/csv");
    }

    private String value(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidRequestException(name, "'" + name + "' may be given once");
        }
        String value = values.get(0).strip();
        return value.isEmpty() ? null : value;
    }

    private Long id(String name) {
        String text = value(name);
        if (text == null) {
            return null;
        }
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidRequestException(name, "'" + name + "' must be a positive whole number");
    }

    private Instant time(String name) {
        return QueryValues.time(name, value(name));
    }
}
