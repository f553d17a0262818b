package dev.copilotgateway.pool;

import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.GitHubAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Chooses the account that serves a request: the caller's own account when its key is bound to one, otherwise
 * the pool's first usable account by priority. The account list is read from the database at most every few
 * seconds, not on every request. (Load spreading, stickiness and failover across accounts come with the pool.)
 */
public final class AccountSelector {

    /** Accounts whose GitHub token or seat is known to be unusable until an operator acts. */
    private static final Set<GitHubAccount.Status> UNUSABLE = Set.of(GitHubAccount.Status.NEEDS_LOGIN, GitHubAccount.Status.NO_COPILOT);

    private final DatabaseConnector database;
    private final Clock clock;
    private final Duration maxAge;

    private volatile List<Long> usable = List.of();
    private volatile Instant readAt = Instant.MIN;

    public AccountSelector(DatabaseConnector database, Clock clock, Duration maxAge) {
        this.database = database;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The account for a caller bound to {@code boundAccountId} ({@code null}: the pool). */
    public long choose(Long boundAccountId) {
        if (boundAccountId != null) {
            if (!usableAccounts().contains(boundAccountId)) {
                throw new NoAccountException("The GitHub account this API key is bound to is disabled or needs to be signed in again");
            }
            return boundAccountId;
        }
        List<Long> accounts = usableAccounts();
        if (accounts.isEmpty()) {
            throw new NoAccountException("No usable GitHub Copilot account is configured: add one with the github-token setting "
                    + "or through POST /admin/api/accounts");
        }
        return accounts.get(0);
    }

    /** Forgets the cached list (after an account was added, changed or removed on this node). */
    public void invalidate() {
        readAt = Instant.MIN;
    }

    private List<Long> usableAccounts() {
        Instant now = clock.instant();
        if (readAt.plus(maxAge).isBefore(now)) {
            usable = database.database()
                    .map(db -> db.inTransaction(em -> new AccountRepository(em).findAll().stream()
                            .filter(account -> account.isEnabled() && !UNUSABLE.contains(account.getStatus()))
                            .map(GitHubAccount::getId)
                            .toList()))
                    .orElse(List.of());
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
