package dev.copilotgateway.fakeupstream;

/** The {@code premium_interactions} quota reported by {@code /copilot_internal/user} (UPSTREAM §12). */
public record FakePremiumQuota(int entitlement, double remaining, boolean unlimited, boolean overagePermitted) {

    public static FakePremiumQuota of(int entitlement, double remaining) {
        return new FakePremiumQuota(entitlement, remaining, false, false);
    }

    public static FakePremiumQuota unlimitedQuota() {
        return new FakePremiumQuota(0, 0, true, false);
    }

    public FakePremiumQuota withOveragePermitted(boolean permitted) {
        return new FakePremiumQuota(entitlement, remaining, unlimited, permitted);
    }

    double percentRemaining() {
        return unlimited || entitlement == 0 ? 100.0 : Math.round(remaining * 1000.0 / entitlement) / 10.0;
    }
}
