package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** The requests waiting for approval, within the caller's transaction. */
public final class PendingApprovalRepository {

    private final EntityManager entityManager;

    public PendingApprovalRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void add(PendingApproval approval) {
        entityManager.persist(approval);
    }

    /** Every node's requests still waiting at {@code now}, oldest first. */
    public List<PendingApproval> waiting(Instant now) {
        return entityManager.createQuery("select a from PendingApproval a where a.decision is null and a.expiresAt > :now"
                        + " order by a.createdAt, a.id", PendingApproval.class)
                .setParameter("now", now)
                .getResultList();
    }

    /**
     * Records {@code decision} on a request that is still waiting (a single conditional update, so of two decisions at
     * once on two nodes exactly one counts); false if it is unknown, decided or expired.
     */
    public boolean decide(String id, String decision, String decidedBy, Instant now) {
        return entityManager.createQuery("update PendingApproval a set a.decision = :decision, a.decidedBy = :by, a.decidedAt = :now"
                        + " where a.id = :id and a.decision is null and a.expiresAt > :now")
                .setParameter("decision", decision)
                .setParameter("by", decidedBy)
                .setParameter("now", now)
                .setParameter("id", id)
                .executeUpdate() == 1;
    }

    /** Marks a request that is still waiting as expired; false if a decision came first. */
    public boolean expire(String id, Instant now) {
        return entityManager.createQuery("update PendingApproval a set a.decision = 'expired', a.decidedAt = :now"
                        + " where a.id = :id and a.decision is null")
                .setParameter("now", now)
                .setParameter("id", id)
                .executeUpdate() == 1;
    }

    /** The decided requests that {@code nodeId} holds. */
    public List<PendingApproval> decidedOn(String nodeId) {
        return entityManager.createQuery("select a from PendingApproval a where a.nodeId = :node and a.decision is not null",
                        PendingApproval.class)
                .setParameter("node", nodeId)
                .getResultList();
    }

    public PendingApproval find(String id) {
        return entityManager.find(PendingApproval.class, id);
    }

    public void delete(String id) {
        entityManager.createQuery("delete from PendingApproval a where a.id = :id").setParameter("id", id).executeUpdate();
    }

    /** Rows a node that stopped left behind: expired before {@code before}. */
    public int deleteExpiredBefore(Instant before) {
        return entityManager.createQuery("delete from PendingApproval a where a.expiresAt < :before")
                .setParameter("before", before)
                .executeUpdate();
    }
}
