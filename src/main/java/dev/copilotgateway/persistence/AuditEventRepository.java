package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;

/** Stores and queries audit events within the caller's transaction. */
public final class AuditEventRepository {

    private final EntityManager entityManager;

    public AuditEventRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void add(AuditEvent event) {
        entityManager.persist(event);
    }

    /** Events from {@code from} (inclusive) to {@code to} (exclusive), of {@code actor} when not null, newest first, at most {@code limit}. */
    public List<AuditEvent> find(Instant from, Instant to, String actor, int limit) {
        TypedQuery<AuditEvent> query = entityManager.createQuery("select e from AuditEvent e where e.occurredAt >= :from and e.occurredAt < :to"
                        + (actor != null ? " and e.actor = :actor" : "") + " order by e.occurredAt desc, e.id desc", AuditEvent.class)
                .setParameter("from", from)
                .setParameter("to", to)
                .setMaxResults(limit);
        if (actor != null) {
            query.setParameter("actor", actor);
        }
        return query.getResultList();
    }

    /** Deletes the events older than {@code before}; how many went. */
    public int removeBefore(Instant before) {
        return entityManager.createQuery("delete from AuditEvent e where e.occurredAt < :before").setParameter("before", before).executeUpdate();
    }
}
