package dev.copilotgateway.pool;

import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Chooses the account that serves a request: the caller's own account when its key is bound to one, otherwise
 * the pool's first usable account by priority ({@link AccountService#usableAccounts()}). The list is read at most
 * every {@code maxAge}, not on every request, so an account added or disabled takes effect within that time.
 * (Load spreading, stickiness and failover across accounts come with the pool.)
 */
public final class AccountSelector {

    private final AccountService accounts;
    private final Clock clock;
    private final Duration maxAge;

    private volatile List<Long> usable = List.of();
    private volatile Instant readAt = Instant.MIN;

    public AccountSelector(AccountService accounts, Clock clock, Duration maxAge) {
        this.accounts = accounts;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The account for a caller bound to {@code boundAccountId} ({@code null}: the pool). */
    public long choose(Long boundAccountId) {
        List<Long> current = usableAccounts();
        if (boundAccountId != null) {
            if (!current.contains(boundAccountId)) {
                throw new NoAccountException("The GitHub account this API key is bound to is disabled or needs to be signed in again");
            }
            return boundAccountId;
        }
        if (current.isEmpty()) {
            throw new NoAccountException("No usable GitHub Copilot account is configured: add one with the github-token setting "
                    + "or through POST /admin/api/accounts");
        }
        return current.get(0);
    }

    private List<Long> usableAccounts() {
        Instant now = clock.instant();
        if (readAt.plus(maxAge).isBefore(now)) {
            try {
                usable = accounts.usableAccounts().stream().map(AccountService.UsableAccount::id).toList();
            } catch (DatabaseUnavailableException down) {
                usable = List.of();
            }
            readAt = now;
        }
        return usable;
    }

    /** No account can serve the request; the message tells the operator what to do. */
    public static final class NoAccountException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public NoAccountException(String message) {
            super(message);
        }
    }
}
