package dev.copilotgateway.console;

import dev.copilotgateway.github.CopilotUsage;
import dev.copilotgateway.persistence.GitHubAccount;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The Usage page. The gateway keeps no per-request usage records yet, so it shows what GitHub says of each account's
 * Copilot plan and quotas (premium requests, chat, completions: entitlement, what is left, the reset date), asked for
 * all accounts at once with a bounded wait ({@link QuotaSnapshots}, the admin API's {@code /usage} call).
 */
final class UsageController implements PageController {

    static final String PATH = "/console/usage";
    /** How long the page waits for GitHub in all; the accounts not answered by then show "unavailable". */
    private static final Duration QUOTA_WAIT = Duration.ofSeconds(8);
    /** The quotas the page shows first, in this order; any other GitHub sends follows by name. */
    private static final List<String> ORDER = List.of(QuotaBar.PREMIUM, "chat", "completions");

    private final ConsoleServices services;
    private final QuotaSnapshots quotas;

    UsageController(ConsoleServices services, QuotaSnapshots quotas) {
        this.services = services;
        this.quotas = quotas;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(PATH);
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        List<GitHubAccount> accounts = services.accounts().list();
        Map<Long, QuotaSnapshots.Snapshot> snapshots = quotas.of(accounts.stream().map(GitHubAccount::getId).toList(), QUOTA_WAIT);
        request.setAttribute("rows", accounts.stream().map(account -> row(account, snapshots.get(account.getId()))).toList());
        ConsolePages.render(request, response, "usage");
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
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
