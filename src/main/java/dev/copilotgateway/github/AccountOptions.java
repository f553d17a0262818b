package dev.copilotgateway.github;

import dev.copilotgateway.persistence.GitHubAccount.AccountType;
import java.util.Locale;
import java.util.Optional;

/**
 * What an operator may say about an account when adding it: its Copilot plan family (picks the Copilot host,
 * UPSTREAM.md §5), its GitHub Enterprise data-residency domain, and its priority (lower is preferred).
 * Empty means "not said": a new account gets the default, an existing one keeps what it has.
 */
public record AccountOptions(Optional<AccountType> accountType, Optional<String> enterpriseHost, Optional<Integer> priority) {

    public static final AccountOptions NONE = new AccountOptions(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Reads options as an API client sends them.
     *
     * @throws IllegalArgumentException with a message fit for the client when a value is not acceptable
     */
    public static AccountOptions parse(String accountType, String enterpriseHost, Integer priority) {
        return new AccountOptions(accountType(accountType), EnterpriseHost.normalise(enterpriseHost), Optional.ofNullable(priority));
    }

    private static Optional<AccountType> accountType(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AccountType.valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("Invalid account type: " + text.strip() + ". Valid values: individual, business, enterprise");
        }
    }
}
