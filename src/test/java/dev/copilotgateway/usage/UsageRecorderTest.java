package dev.copilotgateway.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.GatewayDataSource;
import dev.copilotgateway.persistence.UsageRecord;
import dev.copilotgateway.persistence.UsageRecordRepository;
import dev.copilotgateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch writer on an embedded H2: batches, the bounded queue that drops instead of waiting, the bodies, the purge. */
class UsageRecorderTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00.123456789Z");

    @TempDir
    Path folder;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(GatewayDataSource.resolve(folder));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void outcomesAreWrittenInBatchesOfAtMostTheBatchSize() {
        try (UsageRecorder recorder = new UsageRecorder(() -> Optional.of(database), 5000, 100, Duration.ofMillis(200), () -> { })) {
            for (int i = 0; i < 250; i++) {
                recorder.ended(outcome(NOW.plusMillis(i), 200));
            }
            recorder.start();
            waitFor(() -> recorder.written() == 250);
            assertEquals(3, recorder.batches(), "100 + 100 + 50");
            assertEquals(0, recorder.dropped());
        }
        List<UsageRecord> rows = database.inTransaction(em -> new UsageRecordRepository(em).find(UsageRecordRepository.Filter.ALL, null, 1000));
        assertEquals(250, rows.size());
        UsageRecord newest = rows.get(0);
        assertEquals(NOW.plusMillis(249).truncatedTo(ChronoUnit.MICROS), newest.getCreatedAt());
        assertEquals(12L, newest.getInputTokens());
        assertEquals(3L, newest.getReasoningTokens());
        assertEquals(0.33, newest.getPremiumRequests());
        assertEquals("claude-haiku-4.5", newest.getUpstreamModel());
        assertEquals(null, newest.getDebugRequest(), "no bodies unless asked for");
    }

    @Test
    void aFullQueueDropsAndCountsWithoutWaiting() {
        try (UsageRecorder recorder = new UsageRecorder(() -> Optional.of(database), 3, 100, Duration.ofMillis(100), () -> { })) {
            long started = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                recorder.ended(outcome(NOW, 200)); // not started: nothing takes from the queue
            }
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(1).toNanos(), "never waits");
            assertEquals(2, recorder.dropped());
            recorder.start();
            waitFor(() -> recorder.written() == 3);
        }
    }

    @Test
    void withoutADatabaseTheBatchIsDroppedAndCounted() {
        try (UsageRecorder recorder = new UsageRecorder(Optional::empty, 10, 100, Duration.ofMillis(50), () -> { }).start()) {
            recorder.ended(outcome(NOW, 200));
            waitFor(() -> recorder.dropped() == 1);
            assertEquals(0, recorder.written());
        }
    }

    @Test
    void debugBodiesAreStoredRedactedAndCut() {
        byte[] request = ("{\"messages\":[{\"role\":\"user\",\"content\":\"my key is sk-abcdefghijklmnopqrstuvwx\"}],"
                + "\"api_key\":\"hunter2\",\"padding\":\"" + "x".repeat(9000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] answer = "{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (UsageRecorder recorder = new UsageRecorder(() -> Optional.of(database), 10, 100, Duration.ofMillis(50), () -> { }).start()) {
            DebugBodies.during(new DebugBodies(request, answer), () -> recorder.ended(outcome(NOW, 200)));
            waitFor(() -> recorder.written() == 1);
        }
        UsageRecord row = database.inTransaction(em -> new UsageRecordRepository(em).find(UsageRecordRepository.Filter.ALL, null, 1)).get(0);
        assertFalse(row.getDebugRequest().contains("sk-abcdef"), row.getDebugRequest());
        assertFalse(row.getDebugRequest().contains("hunter2"));
        assertTrue(row.getDebugRequest().contains("\"api_key\":\"[redacted]\""));
        assertEquals(DebugBodies.MAX_CHARS, row.getDebugRequest().length());
        assertEquals(new String(answer, java.nio.charset.StandardCharsets.UTF_8), row.getDebugResponse());
    }

    @Test
    void thePurgeDeletesWhatIsOlderThanTheRetentionOnceAnHour() {
        MutableClock clock = new MutableClock(NOW);
        UsagePurge purge = new UsagePurge(() -> Optional.of(database), clock, Duration.ofDays(30));
        try (UsageRecorder recorder = new UsageRecorder(() -> Optional.of(database), 5000, 1000, Duration.ofMillis(50), () -> { }).start()) {
            for (int i = 0; i < 2100; i++) {
                recorder.ended(outcome(NOW.minus(Duration.ofDays(31)).plusSeconds(i), 200));
            }
            recorder.ended(outcome(NOW.minus(Duration.ofDays(29)), 200));
            waitFor(() -> recorder.written() == 2101);
        }
        purge.runIfDue();
        assertEquals(2101, count(), "not due in the first minute after start");
        clock.advance(Duration.ofMinutes(2));
        purge.runIfDue();
        assertEquals(1, count(), "2,100 old records deleted in batches of " + UsagePurge.BATCH);
        assertEquals(0, purge.deleteBefore(NOW.minus(Duration.ofDays(30))));
    }

    private long count() {
        return database.inTransaction(em -> new UsageRecordRepository(em).find(UsageRecordRepository.Filter.ALL, null, 10_000)).size();
    }

    private static RequestOutcome outcome(Instant time, int status) {
        return new RequestOutcome(time, 4L, 2L, RequestOutcome.INGRESS_MESSAGES, "/v1/messages", "claude-3-5-haiku", "claude-haiku-4.5",
                true, status, new TokenCounts(12, 5, 2, 3), 0.33, 250, 40L, null);
    }

    /** Polls with a bounded wait: the writer is asynchronous. */
    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }
}
