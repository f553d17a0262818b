package dev.copilotgateway.admin;

import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.upstream.CopilotTokenService;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * An account as the admin API shows it. Never a token: the GitHub token stays encrypted in the database, the
 * Copilot token in memory; only when the Copilot token is valid until, and what went wrong, are shown.
 *
 * @param status                 {@code pending}, {@code active}, {@code needs_login}, {@code no_copilot} or {@code error}
 * @param copilotTokenValidUntil expiry of the Copilot token this node holds, if any
 * @param copilotTokenProblem    why this node has no usable Copilot token, if it knows
 */
public record AccountView(long id, String origin, String login, Long githubUserId, String accountType, String enterpriseHost,
                          int priority, boolean enabled, String status, String statusDetail,
                          Instant copilotTokenValidUntil, String copilotTokenProblem, Instant createdAt, Instant updatedAt) {

    static AccountView of(GitHubAccount account, Optional<CopilotTokenService.TokenStatus> token) {
        return new AccountView(account.getId(), lowerCase(account.getOrigin()), account.getLogin(), account.getGithubUserId(),
                lowerCase(account.getAccountType()), account.getEnterpriseHost(), account.getPriority(), account.isEnabled(),
                lowerCase(account.getStatus()), account.getStatusDetail(),
                token.map(CopilotTokenService.TokenStatus::validUntil).orElse(null),
                token.map(CopilotTokenService.TokenStatus::problem).orElse(null),
                account.getCreatedAt(), account.getUpdatedAt());
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
