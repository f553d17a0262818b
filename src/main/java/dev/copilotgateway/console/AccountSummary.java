package dev.copilotgateway.console;

import dev.copilotgateway.admin.AccountView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The dashboard's view of the accounts: which are up, cooling down (GitHub throttled them), failing (GitHub refused
 * them, or this node has no Copilot token for them) or disabled; this node's requests in the last hour; and the
 * accounts' last errors, newest first.
 */
public record AccountSummary(List<AccountView> up, List<AccountView> cooling, List<AccountView> failing, List<AccountView> disabled,
                      long requestsLastHour, List<AccountView> recentErrors) {

    /** How many of the last errors the dashboard shows. */
    static final int RECENT_ERRORS = 5;

    /** The account states in which GitHub said no (AccountView's {@code status}). */
    private static final Set<String> REFUSED = Set.of("needs_login", "no_copilot", "error");

    public enum Health { UP, COOLING, FAILING, DISABLED }

    static AccountSummary of(List<AccountView> accounts, Instant now) {
        List<AccountView> up = new ArrayList<>();
        List<AccountView> cooling = new ArrayList<>();
        List<AccountView> failing = new ArrayList<>();
        List<AccountView> disabled = new ArrayList<>();
        for (AccountView account : accounts) {
            switch (health(account, now)) {
                case UP -> up.add(account);
                case COOLING -> cooling.add(account);
                case FAILING -> failing.add(account);
                case DISABLED -> disabled.add(account);
            }
        }
        long requests = accounts.stream().mapToLong(AccountView::requestsLastHour).sum();
        List<AccountView> errors = accounts.stream()
                .filter(account -> account.lastError() != null && account.lastErrorAt() != null)
                .sorted(Comparator.comparing(AccountView::lastErrorAt).reversed())
                .limit(RECENT_ERRORS)
                .toList();
        return new AccountSummary(List.copyOf(up), List.copyOf(cooling), List.copyOf(failing), List.copyOf(disabled), requests, errors);
    }

    /**
     * Disabled before anything else (an operator's choice, not a fault); failing when GitHub refused the account or this
     * node could not get it a Copilot token; cooling while a throttle's cooldown lasts; up otherwise.
     */
    static Health health(AccountView account, Instant now) {
        if (!account.enabled()) {
            return Health.DISABLED;
        }
        if (REFUSED.contains(account.status())
                || account.copilotTokenValidUntil() == null && account.copilotTokenProblem() != null) {
            return Health.FAILING;
        }
        if (account.cooldownUntil() != null && account.cooldownUntil().isAfter(now)) {
            return Health.COOLING;
        }
        return Health.UP;
    }

    public int total() {
        return up.size() + cooling.size() + failing.size() + disabled.size();
    }
}
