package dev.copilotgateway.console;

import dev.copilotgateway.admin.AccountView;

/**
 * One row of the Accounts page: the account as the admin API shows it, its premium quota (GitHub's snapshot, else what
 * the pool last learnt), and its times as the page prints them. Public for the page's EL.
 *
 * @param premium          the premium-request quota; null when not known
 * @param quotaUnavailable why GitHub's snapshot is missing (a message key); null when it is there
 */
public record AccountRow(AccountView account, QuotaBar premium, String quotaUnavailable, String cooldownUntil, String lastErrorAt) {
}
