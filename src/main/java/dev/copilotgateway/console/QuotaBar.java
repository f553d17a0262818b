package dev.copilotgateway.console;

import dev.copilotgateway.admin.AccountView;
import dev.copilotgateway.github.CopilotUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One Copilot quota as the console draws it: what is left of the month's entitlement, in words and as a bar (an HTML
 * {@code <meter>} of the percent left: no inline style, which the console's CSP forbids).
 *
 * @param id          GitHub's quota id ({@code premium_interactions}, {@code chat}, {@code completions} ...)
 * @param remaining   what is left, as text (one decimal at most); null when not known
 * @param entitlement the month's entitlement, as text; null when not known
 * @param percent     0-100 left, for the bar; null when it cannot be told
 */
public record QuotaBar(String id, boolean unlimited, String remaining, String entitlement, Integer percent, boolean overagePermitted) {

    static final String PREMIUM = "premium_interactions";

    static QuotaBar of(String id, CopilotUsage.QuotaSnapshot snapshot) {
        boolean unlimited = Boolean.TRUE.equals(snapshot.unlimited());
        return new QuotaBar(id, unlimited, number(snapshot.remaining()), unlimited ? null : number(snapshot.entitlement()),
                unlimited ? null : percent(snapshot.remaining(), snapshot.entitlement(), snapshot.percentRemaining()),
                Boolean.TRUE.equals(snapshot.overagePermitted()));
    }

    /** The premium quota the pool last learnt (no entitlement known, so no bar); null when it knows none. */
    static QuotaBar ofLive(AccountView.QuotaView quota) {
        if (quota == null) {
            return null;
        }
        return new QuotaBar(PREMIUM, quota.unlimited(), number(quota.remaining()), null, null, quota.overagePermitted());
    }

    /** Whether the console has a name for this quota in its messages (GitHub may add quotas it does not know yet). */
    public boolean named() {
        return PREMIUM.equals(id) || "chat".equals(id) || "completions".equals(id);
    }

    /** Left of the entitlement, 0-100, from the amounts when there is an entitlement, else as GitHub gave it. */
    static Integer percent(Double remaining, Double entitlement, Double percentRemaining) {
        Double raw = percentRemaining;
        if (remaining != null && entitlement != null && entitlement > 0) {
            raw = remaining * 100 / entitlement;
        }
        if (raw == null || raw.isNaN()) {
            return null;
        }
        return (int) Math.round(Math.max(0, Math.min(100, raw)));
    }

    /** {@code 300}, {@code 287.5}: whole numbers without a fraction, others to one decimal. */
    static String number(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
