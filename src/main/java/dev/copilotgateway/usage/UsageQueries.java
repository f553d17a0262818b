package dev.copilotgateway.usage;

import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.UsageRecord;
import dev.copilotgateway.persistence.UsageRecordRepository;
import dev.copilotgateway.persistence.UsageRecordRepository.Filter;
import dev.copilotgateway.persistence.UsageRecordRepository.GroupBy;
import dev.copilotgateway.persistence.UsageRecordRepository.Position;
import dev.copilotgateway.persistence.UsageRecordRepository.Sums;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** What the admin API and the console ask of the usage records: the request log page by page, sums, totals, a purge. */
public final class UsageQueries {

    /** A page of the request log, newest first, and where the next one starts (null: this is the last). */
    public record Page(List<UsageRecord> rows, Position next) {

        public boolean hasMore() {
            return next != null;
        }
    }

    private final Supplier<Database> database;
    private final UsagePurge purge;

    /** {@code database} throws {@code DatabaseUnavailableException} when none is open. */
    public UsageQueries(Supplier<Database> database, UsagePurge purge) {
        this.database = database;
        this.purge = purge;
    }

    /** Up to {@code limit} records matching {@code filter}, older than {@code after} (null: from the newest). */
    public Page requests(Filter filter, Position after, int limit) {
        List<UsageRecord> found = database.get().inTransaction(em -> new UsageRecordRepository(em).find(filter, after, limit + 1));
        if (found.size() <= limit) {
            return new Page(found, null);
        }
        List<UsageRecord> page = found.subList(0, limit);
        UsageRecord last = page.get(limit - 1);
        return new Page(List.copyOf(page), new Position(last.getCreatedAt(), last.getId()));
    }

    public List<Sums> sums(GroupBy groupBy, Filter filter) {
        return database.get().inTransaction(em -> new UsageRecordRepository(em).sums(groupBy, filter));
    }

    /** The sums of every record matching {@code filter}, as one group (its {@code group} null). */
    public Sums totals(Filter filter) {
        long requests = 0;
        long input = 0;
        long output = 0;
        long cached = 0;
        long reasoning = 0;
        double premium = 0;
        for (Sums day : sums(GroupBy.DAY, filter)) {
            requests += day.requests();
            input += day.inputTokens();
            output += day.outputTokens();
            cached += day.cachedTokens();
            reasoning += day.reasoningTokens();
            premium += day.premiumRequests();
        }
        return new Sums(null, requests, input, output, cached, reasoning, premium);
    }

    /** Deletes the records created before {@code cutoff}; how many. */
    public int purgeBefore(Instant cutoff) {
        return purge.deleteBefore(cutoff);
    }

    /** The retention purge's cutoff for now: records older than it are due for deletion. */
    public Instant retentionCutoff(Instant now) {
        return now.minus(purge.retention());
    }
}
