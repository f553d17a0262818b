package dev.copilotgateway.console;

import dev.copilotgateway.admin.UsageJson;
import dev.copilotgateway.admin.UsageParams;
import dev.copilotgateway.github.CopilotUsage;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.persistence.UsageRecord;
import dev.copilotgateway.persistence.UsageRecordRepository.Filter;
import dev.copilotgateway.persistence.UsageRecordRepository.GroupBy;
import dev.copilotgateway.persistence.UsageRecordRepository.Sums;
import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.security.ApiKeyService;
import dev.copilotgateway.usage.UsageQueries;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Usage page: charts of the usage records (tokens and requests per UTC day, by key and by model, over the chosen
 * period, by default the last 14 days), the request log with its filters (key, account, model, from, to) and pages,
 * both through the admin API's queries ({@link UsageQueries}, {@link UsageParams}); and what GitHub says of each
 * account's Copilot plan and quotas, asked for all accounts at once with a bounded wait ({@link QuotaSnapshots}).
 */
final class UsageController implements PageController {

    static final String PATH = "/console/usage";
    /** The request log as CSV, with the page's filters (the admin API's CSV needs a CSRF header a link cannot send). */
    static final String CSV_PATH = "/console/usage.csv";
    /** How long the page waits for GitHub in all; the accounts not answered by then show "unavailable". */
    private static final Duration QUOTA_WAIT = Duration.ofSeconds(8);
    /** The quotas the page shows first, in this order; any other GitHub sends follows by name. */
    private static final List<String> ORDER = List.of(QuotaBar.PREMIUM, "chat", "completions");
    /** The charts' period when the filter names none, in UTC days ending today. */
    static final int DEFAULT_DAYS = 14;
    static final int LOG_PAGE = 50;
    /** The most bars in the key and model charts: the largest, by tokens. */
    static final int MOST_BARS = 15;

    private final ConsoleServices services;
    private final QuotaSnapshots quotas;
    private final Clock clock;

    UsageController(ConsoleServices services, QuotaSnapshots quotas, Clock clock) {
        this.services = services;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(PATH) || path.equals(CSV_PATH);
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (ConsolePages.path(request).equals(CSV_PATH)) {
            downloadCsv(request, response);
            return;
        }
        List<GitHubAccount> accounts = services.accounts().list();
        showRecords(request, accounts);
        Map<Long, QuotaSnapshots.Snapshot> snapshots = quotas.of(accounts.stream().map(GitHubAccount::getId).toList(), QUOTA_WAIT);
        request.setAttribute("rows", accounts.stream().map(account -> row(account, snapshots.get(account.getId()))).toList());
        ConsolePages.render(request, response, "usage");
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    private void downloadCsv(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UsageParams params;
        try {
            params = UsageParams.forRequests(logQuery(request));
            params.filter();
        } catch (InvalidRequestException invalid) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Bad filter: " + invalid.param());
            return;
        }
        UsageQueries.Page page = services.usage().requests(params.filter(), params.before(), params.limit());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"requests.csv\"");
        response.getWriter().write(UsageJson.pageCsv(page));
    }

    /** The request's parameters that the request log knows (others, such as the language switch, are not filters). */
    private static Map<String, List<String>> logQuery(HttpServletRequest request) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (UsageParams.REQUESTS_PARAMS.contains(name)) {
                query.put(name, Arrays.asList(values));
            }
        });
        return query;
    }

    /** The charts and the log, or the filter's mistake (the parameter it names) instead. */
    private void showRecords(HttpServletRequest request, List<GitHubAccount> accounts) {
        Map<String, List<String>> query = logQuery(request);
        request.setAttribute("filter", query.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get(0), (a, b) -> a, LinkedHashMap::new)));
        Filter filter;
        UsageParams params;
        try {
            params = UsageParams.forRequests(query);
            filter = params.filter();
        } catch (InvalidRequestException invalid) {
            request.setAttribute("badFilter", invalid.param());
            return;
        }
        Map<Long, String> keyNames = services.apiKeys().list().stream()
                .collect(Collectors.toMap(ApiKeyService.ApiKeyView::id, key -> key.name() + " (#" + key.id() + ")"));
        Map<Long, String> accountNames = accounts.stream()
                .collect(Collectors.toMap(GitHubAccount::getId, account -> account.getLogin() + " (#" + account.getId() + ")"));

        Instant to = filter.to() != null ? filter.to() : LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant from = filter.from() != null ? filter.from() : to.minus(Duration.ofDays(DEFAULT_DAYS));
        Filter period = new Filter(filter.keyId(), filter.accountId(), filter.model(), from, to);
        UsageQueries usage = services.usage();
        request.setAttribute("periodFrom", ConsolePages.time(from));
        request.setAttribute("periodTo", ConsolePages.time(to));
        request.setAttribute("byDay", chart(usage.sums(GroupBy.DAY, period), group -> group.toString(), false));
        request.setAttribute("byKey", chart(usage.sums(GroupBy.KEY, period), group -> label(group, keyNames), true));
        request.setAttribute("byModel", chart(usage.sums(GroupBy.MODEL, period), group -> group == null ? "-" : group.toString(), true));
        request.setAttribute("totals", usage.totals(period));

        UsageQueries.Page page = usage.requests(filter, params.before(), query.containsKey("limit") ? params.limit() : LOG_PAGE);
        request.setAttribute("log", page.rows().stream().map(record -> logRow(record, keyNames, accountNames)).toList());
        request.setAttribute("nextBefore", page.hasMore() ? UsageParams.cursor(page.next()) : null);
        request.setAttribute("pageQuery", queryString(query, "before"));
        request.setAttribute("filterQuery", queryString(query, "before", "limit"));
    }

    /** The query's parameters but {@code left}, as a URL query string (for the page's links). */
    private static String queryString(Map<String, List<String>> query, String... left) {
        List<String> out = List.of(left);
        return query.entrySet().stream().filter(entry -> !out.contains(entry.getKey()))
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue().get(0), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String label(Object group, Map<Long, String> names) {
        if (group == null) {
            return "-";
        }
        return names.getOrDefault((Long) group, "#" + group);
    }

    /** The sums as a chart: by day in date order; by key or model the largest first, at most {@link #MOST_BARS}. */
    private static UsageChart chart(List<Sums> sums, Function<Object, String> label, boolean largestFirst) {
        List<Sums> shown = new ArrayList<>(sums);
        if (largestFirst) {
            shown.sort(Comparator.comparingLong((Sums sum) -> sum.inputTokens() + sum.outputTokens()).reversed());
            shown = shown.subList(0, Math.min(MOST_BARS, shown.size()));
        }
        return UsageChart.horizontal(shown.stream()
                .map(sum -> new UsageChart.Point(label.apply(sum.group()), sum.inputTokens(), sum.outputTokens(), sum.requests()))
                .toList());
    }

    private static LogRow logRow(UsageRecord record, Map<Long, String> keyNames, Map<Long, String> accountNames) {
        return new LogRow(ConsolePages.time(record.getCreatedAt()),
                record.getApiKeyId() == null ? "-" : keyNames.getOrDefault(record.getApiKeyId(), "#" + record.getApiKeyId()),
                record.getAccountId() == null ? "-" : accountNames.getOrDefault(record.getAccountId(), "#" + record.getAccountId()),
                record.getIngressProtocol(), record.getUpstreamEndpoint(), record.getModel(), record.getUpstreamModel(), record.isStreamed(),
                record.getStatusCode(), zero(record.getInputTokens()), zero(record.getOutputTokens()), zero(record.getCachedTokens()),
                zero(record.getReasoningTokens()), record.getPremiumRequests() == null ? 0 : record.getPremiumRequests(),
                record.getDurationMs(), record.getTtfbMs(), record.getErrorType());
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }

    /** One request of the log as the page shows it. Public for the page's EL. */
    public record LogRow(String time, String key, String account, String ingress, String endpoint, String model, String upstreamModel,
                         boolean stream, int status, long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens,
                         double premiumRequests, long latencyMs, Long ttfbMs, String errorType) {
    }

    private static UsageRow row(GitHubAccount account, QuotaSnapshots.Snapshot snapshot) {
        if (snapshot instanceof QuotaSnapshots.Known known) {
            CopilotUsage usage = known.usage();
            return new UsageRow(account.getId(), account.getLogin(), account.getName(), usage.plan(), usage.quotaResetDate(),
                    ConsolePages.time(known.askedAt()), bars(usage), null);
        }
        String reason = snapshot instanceof QuotaSnapshots.Unavailable missing ? missing.reason() : "quota.unavailable.github";
        return new UsageRow(account.getId(), account.getLogin(), account.getName(), null, null, null, List.of(), reason);
    }

    static List<QuotaBar> bars(CopilotUsage usage) {
        if (usage.quotas() == null) {
            return List.of();
        }
        return usage.quotas().entrySet().stream()
                .map(quota -> QuotaBar.of(quota.getKey(), quota.getValue()))
                .sorted(Comparator.comparingInt((QuotaBar bar) -> ORDER.contains(bar.id()) ? ORDER.indexOf(bar.id()) : ORDER.size())
                        .thenComparing(QuotaBar::id))
                .toList();
    }
}
