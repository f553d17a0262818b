package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries and stores console sessions within the caller's transaction. */
public final class ConsoleSessionRepository {

    private final EntityManager entityManager;

    public ConsoleSessionRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The session whose token has {@code tokenHash}, with its user. */
    public Optional<ConsoleSession> findByTokenHash(String tokenHash) {
        return entityManager.createQuery("select s from ConsoleSession s join fetch s.user where s.tokenHash = :hash", ConsoleSession.class)
                .setParameter("hash", tokenHash)
                .getResultStream()
                .findFirst();
    }

    public Optional<ConsoleSession> find(long id) {
        return Optional.ofNullable(entityManager.find(ConsoleSession.class, id));
    }

    /** Every session not past its absolute expiry, newest first, with its user. */
    public List<ConsoleSession> findLiveAt(Instant now) {
        return entityManager.createQuery("select s from ConsoleSession s join fetch s.user where s.expiresAt > :now order by s.id desc",
                        ConsoleSession.class)
                .setParameter("now", now)
                .getResultList();
    }

    public void add(ConsoleSession session) {
        entityManager.persist(session);
    }

    public void remove(ConsoleSession session) {
        entityManager.remove(session);
    }

    /** Deletes the sessions past their absolute expiry or idle since before {@code idleSince}; how many went. */
    public int removeEnded(Instant now, Instant idleSince) {
        return entityManager.createQuery("delete from ConsoleSession s where s.expiresAt <= :now or s.lastSeenAt < :idleSince")
                .setParameter("now", now)
                .setParameter("idleSince", idleSince)
                .executeUpdate();
    }
}
