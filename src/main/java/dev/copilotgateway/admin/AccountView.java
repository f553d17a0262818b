package dev.copilotgateway.admin;

import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.pool.LiveState;
import dev.copilotgateway.pool.PremiumQuota;
import dev.copilotgateway.upstream.CopilotTokenService;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * An account as the admin API shows it. Never a token: the GitHub token stays encrypted in the database, the
 * Copilot token in memory; only when the Copilot token is valid until, and what went wrong, are shown. The live
 * fields ({@code inFlight} … {@code premiumQuota}) are this node's view of its own traffic.
 *
 * @param name                   the operator's label, or null
 * @param status                 {@code pending}, {@code active}, {@code needs_login}, {@code no_copilot} or {@code error}
 * @param copilotTokenValidUntil expiry of the Copilot token this node holds, if any
 * @param copilotTokenProblem    why this node has no usable Copilot token, if it knows
 * @param cooldownUntil          when the account gets traffic again after GitHub throttled it; null when it does now
 * @param premiumQuota           the premium quota left, as GitHub last said; null when not known
 */
@JsonbNillable // "null when none": every field is in the JSON, so clients need not tell absent from null
public record AccountView(long id, String origin, String name, String login, Long githubUserId, String accountType, String enterpriseHost,
                          int priority, int weight, boolean enabled, String status, String statusDetail,
                          Instant copilotTokenValidUntil, String copilotTokenProblem,
                          int inFlight, Instant cooldownUntil, String lastError, Instant lastErrorAt, long requestsLastHour,
                          QuotaView premiumQuota, Instant createdAt, Instant updatedAt) {

    /** @param remaining premium requests left this month (null when GitHub did not say) */
    @JsonbNillable
    public record QuotaView(Double remaining, boolean unlimited, boolean overagePermitted, Instant learntAt) {
    }

    static AccountView of(GitHubAccount account, Optional<CopilotTokenService.TokenStatus> token, LiveState live) {
        PremiumQuota quota = live.premiumQuota();
        return new AccountView(account.getId(), lowerCase(account.getOrigin()), account.getName(), account.getLogin(), account.getGithubUserId(),
                lowerCase(account.getAccountType()), account.getEnterpriseHost(), account.getPriority(), account.getWeight(), account.isEnabled(),
                lowerCase(account.getStatus()), account.getStatusDetail(),
                token.map(CopilotTokenService.TokenStatus::validUntil).orElse(null),
                token.map(CopilotTokenService.TokenStatus::problem).orElse(null),
                live.inFlight(), live.cooldownUntil(), live.lastError(), live.lastErrorAt(), live.requestsLastHour(),
                quota == null ? null : new QuotaView(quota.remaining(), quota.unlimited(), quota.overagePermitted(), quota.learntAt()),
                account.getCreatedAt(), account.getUpdatedAt());
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
