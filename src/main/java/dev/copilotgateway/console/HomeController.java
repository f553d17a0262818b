package dev.copilotgateway.console;

import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.persistence.UsageRecordRepository.Filter;
import dev.copilotgateway.persistence.UsageRecordRepository.Sums;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The dashboard: the accounts up, cooling down, failing and disabled (named), this node's requests in the last hour, every
 * node's tokens in the last hour (the usage records), and
 * the accounts' last errors, from the same live state the admin API shows ({@link AccountSummary}).
 */
final class HomeController implements PageController {

    private final ConsoleServices services;
    private final Clock clock;

    HomeController(ConsoleServices services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(ConsolePaths.HOME);
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        AccountSummary summary = AccountSummary.of(services.accountViews().list(), clock.instant());
        request.setAttribute("summary", summary);
        request.setAttribute("errors", summary.recentErrors().stream()
                .map(account -> new RecentError(account.id(), account.login(), account.lastError(), ConsolePages.time(account.lastErrorAt())))
                .toList());
        request.setAttribute("tokensLastHour", tokensLastHour());
        ConsolePages.render(request, response, "home");
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    /** Every node's requests of the last hour from the usage records (written within about a second), or null when unreadable. */
    private Sums tokensLastHour() {
        try {
            return services.usage().totals(new Filter(null, null, null, clock.instant().minus(Duration.ofHours(1)), null));
        } catch (DatabaseUnavailableException unavailable) {
            return null;
        }
    }

    /** One of the accounts' last errors as the dashboard lists it. Public for the page's EL. */
    public record RecentError(long accountId, String login, String message, String at) {
    }
}
