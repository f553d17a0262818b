package dev.copilotgateway.pool;

import java.time.Instant;

/**
 * An account's premium-request quota as GitHub last reported it ({@code premium_interactions}).
 *
 * @param remaining premium requests left this month; null when GitHub did not say
 */
public record PremiumQuota(Double remaining, boolean unlimited, boolean overagePermitted, Instant learntAt) {

    /** Whether a request costing {@code multiplier} premium requests may still be sent. */
    public boolean allows(double multiplier) {
        return unlimited || overagePermitted || remaining == null || remaining >= multiplier;
    }

    public static PremiumQuota exhausted(Instant now) {
        return new PremiumQuota(0.0, false, false, now);
    }
}
