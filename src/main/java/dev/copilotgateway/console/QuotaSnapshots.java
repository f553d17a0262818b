package dev.copilotgateway.console;

import dev.copilotgateway.github.CopilotUsage;
import dev.copilotgateway.github.GitHubException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.logging.Logger;

/**
 * The accounts' Copilot plans and quotas for the console's pages, as GitHub gives them ({@code copilot_internal/user},
 * the admin API's {@code GET /admin/api/accounts/{id}/usage}): asked for all accounts at once, waited for at most a
 * bounded time in all (an account GitHub is slow or failing for is "unavailable" and holds no page up), and kept for a
 * minute, so that reloading a page does not ask GitHub again. An answer that comes after the wait is kept for the next
 * page. Per node, in memory.
 */
final class QuotaSnapshots {

    static final Duration FRESH_FOR = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(QuotaSnapshots.class.getName());

    /** What the console can say of one account's quotas. */
    sealed interface Snapshot permits Known, Unavailable {
    }

    /** GitHub's answer, as it was at {@code askedAt}. */
    record Known(CopilotUsage usage, Instant askedAt) implements Snapshot {
    }

    /** No answer to show; {@code reason} is a message key ({@code quota.unavailable.*}). */
    record Unavailable(String reason) implements Snapshot {
    }

    private record Asked(CompletableFuture<CopilotUsage> answer, Instant at) {
    }

    private final LongFunction<Optional<CompletableFuture<CopilotUsage>>> github;
    private final Clock clock;
    private final Map<Long, Asked> asked = new ConcurrentHashMap<>();

    /** @param github asks GitHub for an account's usage ({@code AccountService::usage}); empty when there is no such account */
    QuotaSnapshots(LongFunction<Optional<CompletableFuture<CopilotUsage>>> github, Clock clock) {
        this.github = github;
        this.clock = clock;
    }

    /** The accounts' snapshots in the order given, after waiting at most {@code wait} in all. */
    Map<Long, Snapshot> of(Collection<Long> accountIds, Duration wait) {
        asked.keySet().retainAll(accountIds); // forget removed accounts
        Map<Long, Optional<Asked>> pending = new LinkedHashMap<>();
        for (long id : accountIds) {
            pending.put(id, ask(id));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        Map<Long, Snapshot> snapshots = new LinkedHashMap<>();
        pending.forEach((id, question) -> snapshots.put(id, question.map(known -> await(id, known, deadline))
                .orElseGet(() -> new Unavailable("quota.unavailable.github"))));
        return snapshots;
    }

    /** The answer asked for less than a minute ago (or still under way), else a new question; failures are asked again. */
    private Optional<Asked> ask(long id) {
        Instant now = clock.instant();
        Asked previous = asked.get(id);
        if (previous != null && !previous.answer().isCompletedExceptionally() && previous.at().plus(FRESH_FOR).isAfter(now)) {
            return Optional.of(previous);
        }
        Optional<CompletableFuture<CopilotUsage>> answer;
        try {
            answer = github.apply(id);
        } catch (RuntimeException unreadable) { // one account's trouble (its token cannot be read, say) must not break the page
            LOG.warning("The quota of account #" + id + " could not be asked for: " + unreadable.getClass().getSimpleName());
            return Optional.empty();
        }
        Optional<Asked> question = answer.map(future -> new Asked(future, now));
        question.ifPresentOrElse(known -> asked.put(id, known), () -> asked.remove(id));
        return question;
    }

    private static Snapshot await(long id, Asked question, long deadline) {
        try {
            CopilotUsage usage = question.answer().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Known(usage, question.at());
        } catch (TimeoutException slow) {
            return new Unavailable("quota.unavailable.slow");
        } catch (ExecutionException failed) {
            GitHubException problem = GitHubException.from(failed.getCause());
            LOG.fine("The quota of account #" + id + " is unavailable: " + problem.getMessage());
            return new Unavailable(switch (problem.problem()) {
                case TOKEN_REJECTED -> "quota.unavailable.tokenRejected";
                case NO_COPILOT -> "quota.unavailable.noCopilot";
                case REFUSED, UNAVAILABLE -> "quota.unavailable.github";
            });
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Unavailable("quota.unavailable.slow");
        }
    }
}
