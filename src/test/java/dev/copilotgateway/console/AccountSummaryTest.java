package dev.copilotgateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.admin.AccountView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountSummaryTest {

    private static final Instant NOW = Instant.parse("2026-12-05T15:00:00Z");

    @Test
    void sortsTheAccountsIntoUpCoolingFailingAndDisabled() {
        AccountView up = account(1, true, "active", null, null, 10);
        AccountView pending = account(2, true, "pending", null, null, 0);
        AccountView cooling = account(3, true, "active", NOW.plusSeconds(30), null, 5);
        AccountView cooledDown = account(4, true, "active", NOW.minusSeconds(1), null, 1);
        AccountView needsLogin = account(5, true, "needs_login", null, null, 0);
        AccountView noToken = account(6, true, "active", null, "GitHub refused the token exchange", 0);
        AccountView disabledAndBroken = account(7, false, "error", null, null, 2);

        AccountSummary summary = AccountSummary.of(List.of(up, pending, cooling, cooledDown, needsLogin, noToken, disabledAndBroken), NOW);

        assertEquals(List.of(1L, 2L, 4L), ids(summary.up()));
        assertEquals(List.of(3L), ids(summary.cooling()));
        assertEquals(List.of(5L, 6L), ids(summary.failing()));
        assertEquals(List.of(7L), ids(summary.disabled()));
        assertEquals(7, summary.total());
        assertEquals(18, summary.requestsLastHour(), "every account's live count, disabled ones too");
    }

    @Test
    void listsTheLastErrorsNewestFirstAndOnlyAFew() {
        List<AccountView> accounts = new java.util.ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            accounts.add(withError(account(i, true, "active", null, null, 0), "error " + i, NOW.minus(Duration.ofMinutes(10 - i))));
        }
        accounts.add(account(9, true, "active", null, null, 0)); // no error: not listed

        List<AccountView> errors = AccountSummary.of(accounts, NOW).recentErrors();

        assertEquals(List.of(8L, 7L, 6L, 5L, 4L), ids(errors));
        assertEquals("error 8", errors.get(0).lastError());
    }

    @Test
    void noAccountsMakeAnEmptySummary() {
        AccountSummary summary = AccountSummary.of(List.of(), NOW);
        assertEquals(0, summary.total());
        assertEquals(0, summary.requestsLastHour());
        assertEquals(List.of(), summary.recentErrors());
    }

    private static List<Long> ids(List<AccountView> accounts) {
        return accounts.stream().map(AccountView::id).toList();
    }

    private static AccountView account(long id, boolean enabled, String status, Instant cooldownUntil, String tokenProblem, long requests) {
        return new AccountView(id, "admin_api", null, "login-" + id, id, "individual", null, 0, 1, enabled, status, null,
                tokenProblem == null ? NOW.plusSeconds(600) : null, tokenProblem, 0, cooldownUntil, null, null, requests, null, NOW, NOW);
    }

    private static AccountView withError(AccountView a, String error, Instant at) {
        return new AccountView(a.id(), a.origin(), a.name(), a.login(), a.githubUserId(), a.accountType(), a.enterpriseHost(), a.priority(),
                a.weight(), a.enabled(), a.status(), a.statusDetail(), a.copilotTokenValidUntil(), a.copilotTokenProblem(), a.inFlight(),
                a.cooldownUntil(), error, at, a.requestsLastHour(), a.premiumQuota(), a.createdAt(), a.updatedAt());
    }
}
