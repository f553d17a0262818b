package dev.copilotgateway.admin;

import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.pool.AccountPool;
import dev.copilotgateway.upstream.CopilotTokenService;
import java.util.List;

/**
 * The accounts as the admin API and the console show them: each stored account with this node's token status and live
 * state ({@link AccountView}). One place, so both show the same.
 */
public final class AccountViews {

    private final AccountService accounts;
    private final CopilotTokenService tokens;
    private final AccountPool pool;

    public AccountViews(AccountService accounts, CopilotTokenService tokens, AccountPool pool) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.pool = pool;
    }

    /** Every account, by priority then id. */
    public List<AccountView> list() {
        return accounts.list().stream().map(this::of).toList();
    }

    public AccountView of(GitHubAccount account) {
        return AccountView.of(account, tokens.tokenStatus(account.getId()), pool.liveState(account.getId()));
    }
}
