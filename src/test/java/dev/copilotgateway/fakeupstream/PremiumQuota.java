package dev.copilotgateway.fakeupstream;

/** The {@code premium_interactions} quota reported by {@code /copilot_internal/user} (UPSTREAM §12). */
public record PremiumQuota(int entitlement, double remaining, boolean unlimited, boolean overagePermitted) {

    public static PremiumQuota of(int entitlement, double remaining) {
        return new PremiumQuota(entitlement, remaining, false, false);
    }

    public static PremiumQuota unlimitedQuota() {
        return new PremiumQuota(0, 0, true, false);
    }

    public PremiumQuota withOveragePermitted(boolean permitted) {
        return new PremiumQuota(entitlement, remaining, unlimited, permitted);
    }

    double percentRemaining() {
        return unlimited || entitlement == 0 ? 100.0 : Math.round(remaining * 1000.0 / entitlement) / 10.0;
    }
}
