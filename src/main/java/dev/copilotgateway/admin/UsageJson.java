package dev.copilotgateway.admin;

import dev.copilotgateway.persistence.UsageRecord;
import dev.copilotgateway.persistence.UsageRecordRepository.GroupBy;
import dev.copilotgateway.persistence.UsageRecordRepository.Sums;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.usage.UsageQueries;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage records and sums as the admin API shows them: JSON rows with exactly the issue's fields (absent values as
 * {@code null}), and the same columns as CSV (RFC 4180, a header line, empty cells for null).
 */
public final class UsageJson {

    static final List<String> REQUEST_COLUMNS = List.of("time", "keyId", "accountId", "ingress", "endpoint", "model", "upstreamModel",
            "stream", "status", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "premiumRequests", "latencyMs", "ttfbMs");
    static final List<String> SUM_COLUMNS = List.of("requests", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens",
            "premiumRequests");

    private UsageJson() {
    }

    /** {@code {"data":[…], "has_more": …, "next_before": …}}. */
    static JsonObject page(UsageQueries.Page page) {
        JsonArrayBuilder data = JsonIo.array();
        for (UsageRecord record : page.rows()) {
            JsonObjectBuilder row = JsonIo.object();
            requestRow(record).forEach((name, value) -> row.add(name, json(value)));
            data.add(row);
        }
        return JsonIo.object().add("data", data).add("has_more", page.hasMore())
                .add("next_before", page.hasMore() ? JsonIo.PROVIDER.createValue(UsageParams.cursor(page.next())) : JsonValue.NULL)
                .build();
    }

    /** The page's rows as CSV (also the console's download). */
    public static String pageCsv(UsageQueries.Page page) {
        List<List<Object>> rows = new ArrayList<>();
        for (UsageRecord record : page.rows()) {
            rows.add(new ArrayList<>(requestRow(record).values()));
        }
        return csv(REQUEST_COLUMNS, rows);
    }

    /** {@code {"data":[{"<group>": …, "requests": …, …}]}}; the group is {@code keyId}, {@code accountId}, {@code model} or {@code day}. */
    static JsonObject sums(GroupBy groupBy, List<Sums> sums) {
        JsonArrayBuilder data = JsonIo.array();
        for (Sums sum : sums) {
            JsonObjectBuilder row = JsonIo.object();
            sumRow(groupBy, sum).forEach((name, value) -> row.add(name, json(value)));
            data.add(row);
        }
        return JsonIo.object().add("data", data).build();
    }

    static String sumsCsv(GroupBy groupBy, List<Sums> sums) {
        List<String> columns = new ArrayList<>();
        columns.add(groupColumn(groupBy));
        columns.addAll(SUM_COLUMNS);
        List<List<Object>> rows = new ArrayList<>();
        for (Sums sum : sums) {
            rows.add(new ArrayList<>(sumRow(groupBy, sum).values()));
        }
        return csv(columns, rows);
    }

    static String groupColumn(GroupBy groupBy) {
        return switch (groupBy) {
            case KEY -> "keyId";
            case ACCOUNT -> "accountId";
            case MODEL -> "model";
            case DAY -> "day";
        };
    }

    private static Map<String, Object> requestRow(UsageRecord r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("time", r.getCreatedAt().toString());
        row.put("keyId", r.getApiKeyId());
        row.put("accountId", r.getAccountId());
        row.put("ingress", r.getIngressProtocol());
        row.put("endpoint", r.getUpstreamEndpoint());
        row.put("model", r.getModel());
        row.put("upstreamModel", r.getUpstreamModel());
        row.put("stream", r.isStreamed());
        row.put("status", r.getStatusCode());
        row.put("inputTokens", zeroIfNull(r.getInputTokens()));
        row.put("outputTokens", zeroIfNull(r.getOutputTokens()));
        row.put("cachedTokens", zeroIfNull(r.getCachedTokens()));
        row.put("reasoningTokens", zeroIfNull(r.getReasoningTokens()));
        row.put("premiumRequests", r.getPremiumRequests() == null ? 0.0 : r.getPremiumRequests());
        row.put("latencyMs", r.getDurationMs());
        row.put("ttfbMs", r.getTtfbMs());
        return row;
    }

    private static Map<String, Object> sumRow(GroupBy groupBy, Sums sum) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(groupColumn(groupBy), sum.group() == null ? null : sum.group() instanceof Number ? sum.group() : sum.group().toString());
        row.put("requests", sum.requests());
        row.put("inputTokens", sum.inputTokens());
        row.put("outputTokens", sum.outputTokens());
        row.put("cachedTokens", sum.cachedTokens());
        row.put("reasoningTokens", sum.reasoningTokens());
        row.put("premiumRequests", sum.premiumRequests());
        return row;
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }

    private static JsonValue json(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Double number) {
            return JsonIo.PROVIDER.createValue(number);
        }
        if (value instanceof Number number) {
            return JsonIo.PROVIDER.createValue(number.longValue());
        }
        return JsonIo.PROVIDER.createValue(value.toString());
    }

    static String csv(List<String> columns, List<List<Object>> rows) {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", columns)).append("\r\n");
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append(cell(row.get(i)));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    /** A CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ is quoted too (no spreadsheet formulas). */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        boolean formula = !(value instanceof Number) && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0;
        if (formula) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || formula) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
