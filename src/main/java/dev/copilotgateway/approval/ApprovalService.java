package dev.copilotgateway.approval;

import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.PendingApproval;
import dev.copilotgateway.persistence.PendingApprovalRepository;
import dev.copilotgateway.pool.ManualApproval;
import dev.copilotgateway.pool.OverloadedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Manual approval (the peers' {@code --manual}): while the pool setting {@code manualApproval} is on, each public API
 * request waits until an admin approves or denies it, or its {@code approvalTimeout} passes (denied).
 *
 * <p>A waiting request is a {@link CompletableFuture} in this node's memory, held by no thread, and a
 * {@code pending_approval} row in the database, so the admins of every node see it and may decide it through any node.
 * The decision is a conditional update of the row; a decision made on this node completes the request at once, one made
 * on another node is found by this node's poll of its own rows every {@link #POLL_INTERVAL}. The time-out is a task on
 * this service's scheduler, which also does all of its database work (never a request thread or an HTTP client's).
 */
public final class ApprovalService implements AutoCloseable {

    /** How often a node looks for decisions made on other nodes: the most such a decision waits to apply. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** Most requests one node keeps waiting; more are refused with 503 at once. */
    public static final int MAX_WAITING = 1_000;
    /** Rows a stopped node left behind are removed this long after they expired. */
    static final Duration KEEP_EXPIRED = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(ApprovalService.class.getName());

    private final DatabaseConnector databases;
    private final Supplier<ManualApproval> settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final String nodeId = UUID.randomUUID().toString();
    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** {@code scheduler}: this service's own (one thread is plenty), shut down by its owner. */
    public ApprovalService(DatabaseConnector databases, Supplier<ManualApproval> settings, Clock clock, ScheduledExecutorService scheduler) {
        this.databases = databases;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Starts looking for decisions made on other nodes. */
    public void startPolling() {
        scheduler.scheduleWithFixedDelay(this::pollQuietly, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether requests wait for an admin now (the pool setting {@code manualApproval}). */
    public boolean required() {
        return settings.get().required();
    }

    /**
     * Completes when {@code request} may go on: at once while manual approval is off, else once an admin approved it.
     * Fails with {@link ApprovalDeniedException} when denied or not decided in time, {@link OverloadedException} when this
     * node already keeps {@link #MAX_WAITING} requests waiting.
     */
    public CompletableFuture<Void> await(ApprovalRequest request) {
        ManualApproval approval = settings.get();
        if (!approval.required()) {
            return CompletableFuture.completedFuture(null);
        }
        if (waiting.size() >= MAX_WAITING) {
            return CompletableFuture.failedFuture(new OverloadedException("This gateway node keeps its limit of " + MAX_WAITING
                    + " requests waiting for an admin's approval; try again later"));
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        PendingApproval row = new PendingApproval(id, nodeId, now, now.plus(approval.timeout()), request.keyId(), request.keyPrefix(),
                request.owner(), request.ingress(), request.model(), request.stream(), request.remoteAddress());
        CompletableFuture<Void> decided = new CompletableFuture<>();
        waiting.put(id, decided);
        try {
            scheduler.execute(() -> record(row));
            scheduler.schedule(() -> expire(id), approval.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            finish(id, new ApprovalDeniedException("The gateway is shutting down; the request was not approved"));
        }
        return decided;
    }

    /** Every node's requests waiting now, oldest first. */
    public List<PendingRequest> waiting() {
        Instant now = clock.instant();
        return databases.require().inTransaction(entityManager -> new PendingApprovalRepository(entityManager).waiting(now)).stream()
                .map(row -> new PendingRequest(row.getId(), row.getCreatedAt(), row.getExpiresAt(), new ApprovalRequest(row.getApiKeyId(),
                        row.getKeyPrefix(), row.getOwner(), row.getIngress(), row.getModel(), row.isStream(), row.getRemoteAddress())))
                .toList();
    }

    /**
     * Decides a waiting request, whichever node holds it.
     *
     * @throws UnknownApprovalException when no request waits under {@code id}
     */
    public void decide(String id, Decision decision, String decidedBy) {
        Instant now = clock.instant();
        boolean decided = databases.require().inTransaction(entityManager ->
                new PendingApprovalRepository(entityManager).decide(id, decision.stored(), decidedBy, now));
        if (!decided) {
            throw new UnknownApprovalException(id);
        }
        LOG.info("Request " + id + " waiting for approval was " + decision.stored() + " by " + decidedBy);
        complete(id, decision.stored()); // held here: at once; held elsewhere: that node's poll finds it
    }

    /** Requests waiting on this node. */
    public int waitingHere() {
        return waiting.size();
    }

    private void record(PendingApproval row) {
        if (!waiting.containsKey(row.getId())) {
            return;
        }
        try {
            databases.require().runInTransaction(entityManager -> new PendingApprovalRepository(entityManager).add(row));
        } catch (RuntimeException unrecorded) {
            LOG.warning("A request waiting for approval could not be recorded: " + unrecorded);
            finish(row.getId(), new ApprovalDeniedException("The request could not be put before an admin for approval "
                    + "(the database is unavailable); it was not approved"));
        }
    }

    private void expire(String id) {
        if (!waiting.containsKey(id)) {
            return;
        }
        try {
            String decision = databases.require().inTransaction(entityManager -> {
                PendingApprovalRepository rows = new PendingApprovalRepository(entityManager);
                if (rows.expire(id, clock.instant())) {
                    return "expired";
                }
                PendingApproval row = rows.find(id);
                return row == null ? "expired" : row.getDecision(); // an admin decided just in time
            });
            complete(id, decision);
            delete(id);
        } catch (RuntimeException unavailable) {
            complete(id, "expired");
        }
    }

    /** Completes the requests held here that were decided on other nodes (every {@link #POLL_INTERVAL}). */
    void pollQuietly() {
        try {
            if (waiting.isEmpty() && !settings.get().required()) {
                return; // nothing to look for: no database load while manual approval is off
            }
            List<PendingApproval> decided = databases.require().inTransaction(entityManager -> {
                PendingApprovalRepository rows = new PendingApprovalRepository(entityManager);
                rows.deleteExpiredBefore(clock.instant().minus(KEEP_EXPIRED));
                return rows.decidedOn(nodeId);
            });
            for (PendingApproval row : decided) {
                complete(row.getId(), row.getDecision());
                delete(row.getId());
            }
        } catch (RuntimeException unavailable) {
            // the database is down or busy: the next poll tries again, the time-outs still apply
        }
    }

    private void delete(String id) {
        databases.require().runInTransaction(entityManager -> new PendingApprovalRepository(entityManager).delete(id));
    }

    private void complete(String id, String decision) {
        switch (decision) {
            case "approved" -> finish(id, null);
            case "denied" -> finish(id, new ApprovalDeniedException("An admin of this gateway denied the request (manual approval)"));
            default -> finish(id, new ApprovalDeniedException("No admin of this gateway approved the request within "
                    + settings.get().timeout().toSeconds() + " s (manual approval); it was denied"));
        }
    }

    private void finish(String id, RuntimeException denied) {
        CompletableFuture<Void> decided = waiting.remove(id);
        if (decided == null) {
            return;
        }
        if (denied == null) {
            decided.complete(null);
        } else {
            decided.completeExceptionally(denied);
        }
    }

    /** Denies what still waits here (the node stops; its rows expire and are removed by the other nodes). */
    @Override
    public void close() {
        for (String id : List.copyOf(waiting.keySet())) {
            finish(id, new ApprovalDeniedException("The gateway is shutting down; the request was not approved"));
        }
    }
}
