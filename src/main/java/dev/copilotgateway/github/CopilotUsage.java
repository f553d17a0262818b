package dev.copilotgateway.github;

import java.util.Map;

/**
 * The account's Copilot plan and quotas ({@code GET /copilot_internal/user}, UPSTREAM.md §12). GitHub's answer
 * varies by plan and over time, so every field is optional: {@code null} when GitHub did not send it.
 *
 * @param quotas by quota id ({@code chat}, {@code completions}, {@code premium_interactions} ...)
 */
public record CopilotUsage(String plan, String accessSku, String apiEndpoint, String quotaResetDate,
                           Map<String, QuotaSnapshot> quotas) {

    /** One quota: monthly entitlement, what remains (fractional), percent remaining, and whether it is unlimited. */
    public record QuotaSnapshot(Double entitlement, Double remaining, Double percentRemaining, Boolean unlimited,
                                Boolean overagePermitted) {
    }
}
