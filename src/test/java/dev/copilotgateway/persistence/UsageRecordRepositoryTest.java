package dev.copilotgateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.copilotgateway.persistence.UsageRecordRepository.Filter;
import dev.copilotgateway.persistence.UsageRecordRepository.GroupBy;
import dev.copilotgateway.persistence.UsageRecordRepository.Position;
import dev.copilotgateway.persistence.UsageRecordRepository.Sums;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Usage records (schema V6) on every database of {@link TestDatabases}: batch insert, the log's filters and pages, sums, purge. */
class UsageRecordRepositoryTest {

    private static final String TARGETS = "dev.copilotgateway.persistence.TestDatabases#targets";
    private static final Instant DAY1 = Instant.parse("2026-12-04T23:30:00.123456Z");
    private static final Instant DAY2 = Instant.parse("2026-12-05T00:10:00Z");

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(TARGETS)
    void recordsAreFilteredPagedNewestFirstSummedAndPurged(TestDatabases.Target target) {
        try (Database database = Database.open(target.empty(folder))) {
            database.runInTransaction(em -> new UsageRecordRepository(em).insertAll(List.of(
                    record(DAY1, 1L, 10L, "gpt-4.1", "gpt-4.1", 100, 10, 50, 0, 0),
                    record(DAY1.plusSeconds(60), 2L, 11L, "claude-sonnet-4", "claude-sonnet-4.5", 200, 20, 0, 5, 1),
                    record(DAY2, 1L, 11L, "claude-sonnet-4", "claude-sonnet-4.5", 300, 30, 100, 7, 1),
                    record(DAY2.plusSeconds(5), null, null, "gpt-5", null, 0, 0, 0, 0, 0))));

            List<UsageRecord> all = database.inTransaction(em -> new UsageRecordRepository(em).find(Filter.ALL, null, 10));
            assertEquals(List.of(DAY2.plusSeconds(5), DAY2, DAY1.plusSeconds(60), DAY1), all.stream().map(UsageRecord::getCreatedAt).toList(),
                    "newest first, microseconds kept");
            UsageRecord claude = all.get(1);
            assertEquals("claude-sonnet-4.5", claude.getUpstreamModel());
            assertEquals(7L, claude.getReasoningTokens());
            assertEquals(1.0, claude.getPremiumRequests());
            assertEquals(42L, claude.getTtfbMs());
            assertEquals(LocalDate.parse("2026-12-05"), claude.getUsageDay());
            assertNull(all.get(0).getApiKeyId());

            List<UsageRecord> firstPage = database.inTransaction(em -> new UsageRecordRepository(em).find(Filter.ALL, null, 2));
            UsageRecord last = firstPage.get(1);
            List<UsageRecord> secondPage = database.inTransaction(em -> new UsageRecordRepository(em)
                    .find(Filter.ALL, new Position(last.getCreatedAt(), last.getId()), 2));
            assertEquals(List.of(DAY1.plusSeconds(60), DAY1), secondPage.stream().map(UsageRecord::getCreatedAt).toList());

            assertEquals(2, find(database, new Filter(1L, null, null, null, null)).size(), "by key");
            assertEquals(2, find(database, new Filter(null, 11L, null, null, null)).size(), "by account");
            assertEquals(2, find(database, new Filter(null, null, "claude-sonnet-4.5", null, null)).size(), "by Copilot's model too");
            assertEquals(1, find(database, new Filter(1L, null, "gpt-4.1", null, null)).size(), "filters combine");
            assertEquals(2, find(database, new Filter(null, null, null, DAY2, null)).size(), "from is inclusive");
            assertEquals(2, find(database, new Filter(null, null, null, null, DAY2)).size(), "to is exclusive");

            List<Sums> byDay = database.inTransaction(em -> new UsageRecordRepository(em).sums(GroupBy.DAY, Filter.ALL));
            assertEquals(List.of(LocalDate.parse("2026-12-04"), LocalDate.parse("2026-12-05")), byDay.stream().map(Sums::group).toList(),
                    "UTC days");
            assertEquals(new Sums(LocalDate.parse("2026-12-04"), 2, 300, 30, 50, 5, 1.0), byDay.get(0));
            List<Sums> byModel = database.inTransaction(em -> new UsageRecordRepository(em).sums(GroupBy.MODEL, new Filter(1L, null, null, null, null)));
            assertEquals(List.of("claude-sonnet-4", "gpt-4.1"), byModel.stream().map(Sums::group).toList());
            assertEquals(300, byModel.get(0).inputTokens());
            List<Sums> byKey = database.inTransaction(em -> new UsageRecordRepository(em).sums(GroupBy.KEY, Filter.ALL));
            assertEquals(3, byKey.size(), "key 1, key 2 and none");

            int deleted = database.inTransaction(em -> new UsageRecordRepository(em).deleteOlderThan(DAY2, 1));
            assertEquals(1, deleted, "one batch");
            deleted = database.inTransaction(em -> new UsageRecordRepository(em).deleteOlderThan(DAY2, 1000));
            assertEquals(1, deleted);
            assertEquals(2, find(database, Filter.ALL).size());
        }
    }

    private static List<UsageRecord> find(Database database, Filter filter) {
        return database.inTransaction(em -> new UsageRecordRepository(em).find(filter, null, 100));
    }

    private static NewUsageRecord record(Instant at, Long key, Long account, String model, String upstreamModel, long input, long output,
                                         long cached, long reasoning, double premium) {
        return new NewUsageRecord(at.truncatedTo(ChronoUnit.MICROS), key, account, "openai-chat", upstreamModel == null ? null : "/chat/completions",
                model, upstreamModel, true, upstreamModel == null ? 404 : 200, input, output, cached, reasoning, premium, 120,
                upstreamModel == null ? null : 42L, upstreamModel == null ? "invalid_request" : null, null, null);
    }
}
