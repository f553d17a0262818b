package dev.copilotgateway.upstream;

import java.util.concurrent.CompletableFuture;

/**
 * Valid Copilot credentials per account (UPSTREAM.md §3): exchanged from the account's GitHub token, refreshed
 * ahead of expiry, one exchange in flight per account however many requests wait. Never blocks the caller.
 */
public interface CopilotTokens {

    /** Credentials whose token is valid now; completes exceptionally with {@link AccountUnavailableException}. */
    CompletableFuture<CopilotCredentials> credentials(long accountId);

    /**
     * The Copilot API answered 401 to {@code rejected}: exchange a new token (once, shared by every request that
     * saw the same rejected token) so the caller can retry its request once.
     */
    CompletableFuture<CopilotCredentials> refreshAfterUnauthorized(CopilotCredentials rejected);

    /** Why an account cannot serve now (needs re-login, no Copilot seat, exchange backing off ...). */
    final class AccountUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final long accountId;

        public AccountUnavailableException(long accountId, String reason) {
            super(reason);
            this.accountId = accountId;
        }

        public long accountId() {
            return accountId;
        }
    }
}
