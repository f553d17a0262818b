package dev.copilotgateway.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.GatewayDataSource;
import dev.copilotgateway.pool.ManualApproval;
import dev.copilotgateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes ("here" and "there") on one database, each with a scheduler whose tasks the test runs by hand. */
class ApprovalServiceTest {

    private static final ApprovalRequest REQUEST = new ApprovalRequest(7L, "cgw_abcd", "alice", "openai-chat", "gpt-4.1", true, "10.0.0.5");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T08:00:00Z"));
    private final AtomicReference<ManualApproval> setting = new AtomicReference<>(new ManualApproval(true, TIMEOUT));
    private final HandRunScheduler hereTasks = new HandRunScheduler();
    private final HandRunScheduler thereTasks = new HandRunScheduler();
    private DatabaseConnector connector;
    private ApprovalService here;
    private ApprovalService there;

    /** Keeps what is scheduled, with its delay, until the test runs it. */
    private static final class HandRunScheduler extends ScheduledThreadPoolExecutor {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delaysMs = new ArrayList<>();

        HandRunScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            tasks.add(task);
            delaysMs.add(unit.toMillis(delay));
            return null;
        }

        void runAll() {
            List<Runnable> due = List.copyOf(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
    }

    @BeforeEach
    void open() {
        connector = new DatabaseConnector(() -> GatewayDataSource.embeddedH2(folder), database -> { });
        connector.connect();
        here = new ApprovalService(connector, setting::get, clock, hereTasks);
        there = new ApprovalService(connector, setting::get, clock, thereTasks);
    }

    @AfterEach
    void close() {
        hereTasks.shutdownNow();
        thereTasks.shutdownNow();
        connector.close();
    }

    /** A request waiting here, recorded in the database (the time-out task stays scheduled). */
    private CompletableFuture<Void> waitingHere() {
        CompletableFuture<Void> decided = here.await(REQUEST);
        hereTasks.tasks.remove(0).run(); // the insert
        return decided;
    }

    @Test
    void withManualApprovalOffARequestGoesOnAtOnce() {
        setting.set(ManualApproval.OFF);
        assertTrue(here.await(REQUEST).isDone());
        assertTrue(hereTasks.tasks.isEmpty());
        assertTrue(here.waiting().isEmpty());
    }

    @Test
    void aWaitingRequestIsListedOnEveryNodeWithoutItsBody() {
        CompletableFuture<Void> decided = waitingHere();
        assertFalse(decided.isDone());
        List<PendingRequest> seenThere = there.waiting();
        assertEquals(1, seenThere.size());
        assertEquals(REQUEST, seenThere.get(0).request());
        assertEquals(clock.instant(), seenThere.get(0).time());
        assertEquals(clock.instant().plus(TIMEOUT), seenThere.get(0).expiresAt());
        assertEquals(List.of(TIMEOUT.toMillis()), hereTasks.delaysMs.subList(1, 2)); // the time-out
    }

    @Test
    void anApprovalOnTheHoldingNodeLetsTheRequestGoOnAtOnce() {
        CompletableFuture<Void> decided = waitingHere();
        here.decide(here.waiting().get(0).id(), Decision.APPROVE, "alice");
        assertTrue(decided.isDone());
        decided.join();
        assertTrue(there.waiting().isEmpty());
        assertEquals(0, here.waitingHere());
    }

    @Test
    void aDenialOnAnotherNodeReachesTheHoldingNodeAtItsNextPoll() {
        CompletableFuture<Void> decided = waitingHere();
        there.decide(there.waiting().get(0).id(), Decision.DENY, "bob");
        assertFalse(decided.isDone(), "there is not here: the decision waits for here's poll");

        here.pollQuietly();

        CompletionException denied = assertThrows(CompletionException.class, decided::join);
        assertInstanceOf(ApprovalDeniedException.class, denied.getCause());
        assertTrue(denied.getCause().getMessage().contains("denied"), denied.getCause().getMessage());
    }

    @Test
    void anApprovalOnAnotherNodeReachesTheHoldingNode() {
        CompletableFuture<Void> decided = waitingHere();
        there.decide(there.waiting().get(0).id(), Decision.APPROVE, "bob");
        here.pollQuietly();
        decided.join();
    }

    @Test
    void noDecisionInTimeDeniesAndTheIdIsThenUnknown() {
        CompletableFuture<Void> decided = waitingHere();
        String id = here.waiting().get(0).id();
        clock.advance(TIMEOUT);
        assertTrue(there.waiting().isEmpty(), "an expired request is no longer listed");

        hereTasks.runAll(); // the time-out

        CompletionException denied = assertThrows(CompletionException.class, decided::join);
        assertTrue(denied.getCause().getMessage().contains("within 60 s"), denied.getCause().getMessage());
        assertThrows(UnknownApprovalException.class, () -> there.decide(id, Decision.APPROVE, "late"));
    }

    @Test
    void aDecisionJustBeforeTheTimeOutCounts() {
        CompletableFuture<Void> decided = waitingHere();
        there.decide(there.waiting().get(0).id(), Decision.APPROVE, "bob");
        clock.advance(TIMEOUT);
        hereTasks.runAll(); // the time-out finds the decision
        decided.join();
    }

    @Test
    void aRequestIsDecidedOnceAndUnknownIdsAreRefused() {
        waitingHere();
        String id = here.waiting().get(0).id();
        there.decide(id, Decision.DENY, "bob");
        assertThrows(UnknownApprovalException.class, () -> here.decide(id, Decision.APPROVE, "alice"));
        assertThrows(UnknownApprovalException.class, () -> here.decide("no-such-id", Decision.APPROVE, "alice"));
    }

    @Test
    void closingTheNodeDeniesWhatWaitsThere() {
        CompletableFuture<Void> decided = waitingHere();
        here.close();
        assertInstanceOf(ApprovalDeniedException.class, assertThrows(CompletionException.class, decided::join).getCause());
    }
}
