package dev.copilotgateway.console;

import java.util.List;

/**
 * One account on the Usage page: its Copilot plan and quotas as GitHub gave them, or why they cannot be shown. Public
 * for the page's EL.
 *
 * @param unavailable why there is nothing to show (a message key); null when GitHub answered
 * @param askedAt     when GitHub was asked (answers are kept a minute)
 */
public record UsageRow(long id, String login, String name, String plan, String resetDate, String askedAt, List<QuotaBar> quotas,
                       String unavailable) {
}
