package dev.copilotgateway.github;

import dev.copilotgateway.persistence.GitHubAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How many accounts are in each state, for the metrics' account gauges: a disabled account counts as {@code disabled},
 * an enabled one by its status ({@code active}, {@code pending}, {@code needs_login}, {@code no_copilot}, {@code error}).
 * One database read serves every gauge of a scrape (the counts are kept a few seconds); NaN while the database is down.
 */
public final class AccountStateCounts {

    public static final String DISABLED = "disabled";
    public static final List<String> STATES = Stream.concat(
            Arrays.stream(GitHubAccount.Status.values()).map(AccountStateCounts::label), Stream.of(DISABLED)).toList();

    private static final Duration KEPT = Duration.ofSeconds(5);

    private final AccountService accounts;
    private final Clock clock;
    private Map<String, Long> counts; // guarded by this
    private Instant countedAt;

    public AccountStateCounts(AccountService accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    public synchronized double count(String state) {
        Instant now = clock.instant();
        if (counts == null || countedAt.plus(KEPT).isBefore(now)) {
            try {
                counts = countNow();
            } catch (RuntimeException databaseDown) {
                return Double.NaN;
            }
            countedAt = now;
        }
        return counts.getOrDefault(state, 0L);
    }

    private Map<String, Long> countNow() {
        Map<String, Long> byState = new HashMap<>();
        for (GitHubAccount account : accounts.list()) {
            byState.merge(account.isEnabled() ? label(account.getStatus()) : DISABLED, 1L, Long::sum);
        }
        return byState;
    }

    static String label(GitHubAccount.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
