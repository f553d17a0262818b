package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The limit counters nodes share (schema V7), within the caller's transaction. */
public final class KeyLimitCountRepository {

    /** The other nodes' total for one key in one window. */
    public record Total(long keyId, long windowStart, long amount) {
    }

    private final EntityManager entityManager;

    public KeyLimitCountRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Sets this node's row to {@code amount} (creating it). */
    public void put(KeyLimitCount.Id id, long amount, Instant now) {
        KeyLimitCount row = entityManager.find(KeyLimitCount.class, id);
        if (row == null) {
            entityManager.persist(new KeyLimitCount(id, amount, now));
        } else {
            row.set(amount, now);
        }
    }

    public void remove(KeyLimitCount.Id id) {
        KeyLimitCount row = entityManager.find(KeyLimitCount.class, id);
        if (row != null) {
            entityManager.remove(row);
        }
    }

    /** Deletes every {@code kind} row of the node {@code nodeId}. */
    public int removeNode(String nodeId, KeyLimitCount.Kind kind) {
        return entityManager.createQuery("delete from KeyLimitCount c where c.id.nodeId = :node and c.id.kind = :kind")
                .setParameter("node", nodeId)
                .setParameter("kind", kind.name())
                .executeUpdate();
    }

    /** The sums of every node but {@code nodeId}, per key and window, of {@code kind} rows from {@code fromWindow} on. */
    public List<Total> othersSince(String nodeId, KeyLimitCount.Kind kind, long fromWindow) {
        return entityManager.createQuery("select c.id.keyId, c.id.windowStart, sum(c.amount) from KeyLimitCount c"
                        + " where c.id.nodeId <> :node and c.id.kind = :kind and c.id.windowStart >= :from"
                        + " group by c.id.keyId, c.id.windowStart", Object[].class)
                .setParameter("node", nodeId)
                .setParameter("kind", kind.name())
                .setParameter("from", fromWindow)
                .getResultStream()
                .map(row -> new Total((Long) row[0], (Long) row[1], ((Number) row[2]).longValue()))
                .toList();
    }

    /** The requests other nodes have open per key, from rows refreshed after {@code freshAfter}. */
    public Map<Long, Long> othersConcurrent(String nodeId, Instant freshAfter) {
        Map<Long, Long> open = new HashMap<>();
        entityManager.createQuery("select c.id.keyId, sum(c.amount) from KeyLimitCount c where c.id.nodeId <> :node"
                        + " and c.id.kind = :kind and c.updatedAt > :fresh group by c.id.keyId", Object[].class)
                .setParameter("node", nodeId)
                .setParameter("kind", KeyLimitCount.Kind.CONCURRENT.name())
                .setParameter("fresh", freshAfter)
                .getResultStream()
                .forEach(row -> open.put((Long) row[0], ((Number) row[1]).longValue()));
        return open;
    }

    /** Deletes any node's {@code kind} rows of windows before {@code window}: past windows, and dead nodes' rows. */
    public int purgeWindowsBefore(KeyLimitCount.Kind kind, long window) {
        return entityManager.createQuery("delete from KeyLimitCount c where c.id.kind = :kind and c.id.windowStart < :window")
                .setParameter("kind", kind.name())
                .setParameter("window", window)
                .executeUpdate();
    }

    /** Deletes any node's {@code kind} rows not refreshed since {@code before} (a node that stopped without clearing them). */
    public int purgeUpdatedBefore(KeyLimitCount.Kind kind, Instant before) {
        return entityManager.createQuery("delete from KeyLimitCount c where c.id.kind = :kind and c.updatedAt < :before")
                .setParameter("kind", kind.name())
                .setParameter("before", before)
                .executeUpdate();
    }
}
