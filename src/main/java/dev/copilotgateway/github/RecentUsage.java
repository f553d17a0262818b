package dev.copilotgateway.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * The accounts' Copilot plans and quotas for the public {@code GET /usage}: GitHub is asked at most once a minute per
 * account however often clients ask (a question under way is shared; a failed one is asked again next time). Per node,
 * in memory, asynchronous: nobody waits on a thread.
 */
public final class RecentUsage {

    static final Duration FRESH_FOR = Duration.ofMinutes(1);

    private record Asked(CompletableFuture<CopilotUsage> answer, Instant at) {
    }

    private final LongFunction<Optional<CompletableFuture<CopilotUsage>>> github;
    private final Clock clock;
    private final Map<Long, Asked> asked = new ConcurrentHashMap<>();

    /** @param github asks GitHub for an account's usage ({@code AccountService::usage}); empty when there is no such account */
    public RecentUsage(LongFunction<Optional<CompletableFuture<CopilotUsage>>> github, Clock clock) {
        this.github = github;
        this.clock = clock;
    }

    /** The account's usage as GitHub told it within the last minute, or asked now; empty when there is no such account. */
    public Optional<CompletableFuture<CopilotUsage>> of(long accountId) {
        Instant now = clock.instant();
        Asked previous = asked.get(accountId);
        if (previous != null && !previous.answer().isCompletedExceptionally() && previous.at().plus(FRESH_FOR).isAfter(now)) {
            return Optional.of(previous.answer());
        }
        Optional<CompletableFuture<CopilotUsage>> answer = github.apply(accountId);
        if (answer.isEmpty()) {
            asked.remove(accountId);
            return Optional.empty();
        }
        asked.put(accountId, new Asked(answer.get(), now));
        return answer;
    }
}
