package dev.copilotgateway.fakeupstream;

/**
 * A GitHub user known to the fake.
 *
 * @param githubToken the user's OAuth token ({@code ghu_…}), sent as {@code authorization: token …}
 * @param plan        {@code free}, {@code individual}, {@code individual_pro}, {@code business} or {@code enterprise}
 */
public record FakeGitHubAccount(String githubToken, long id, String login, String plan, FakePremiumQuota premiumQuota) {

    public static FakeGitHubAccount of(String githubToken, long id, String login) {
        return new FakeGitHubAccount(githubToken, id, login, "individual", FakePremiumQuota.of(300, 300));
    }

    public FakeGitHubAccount withPlan(String newPlan) {
        return new FakeGitHubAccount(githubToken, id, login, newPlan, premiumQuota);
    }

    public FakeGitHubAccount withPremiumQuota(FakePremiumQuota quota) {
        return new FakeGitHubAccount(githubToken, id, login, plan, quota);
    }

    /** The access SKU GitHub reports for the plan. */
    String sku() {
        return switch (plan) {
            case "free" -> "free_limited_copilot";
            case "individual" -> "copilot_for_individual";
            case "individual_pro" -> "plus_monthly_subscriber_quota";
            case "business" -> "copilot_for_business_seat";
            case "enterprise" -> "copilot_enterprise_seat";
            default -> plan;
        };
    }

    boolean isIndividual() {
        return plan.equals("free") || plan.startsWith("individual");
    }
}
