package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries and stores client API keys within the caller's transaction. */
public final class ApiKeyRepository {

    private final EntityManager entityManager;

    public ApiKeyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<ClientApiKey> findByHash(String keyHash) {
        return entityManager.createQuery("select k from ClientApiKey k where k.keyHash = :hash", ClientApiKey.class)
                .setParameter("hash", keyHash)
                .getResultStream()
                .findFirst();
    }

    public Optional<ClientApiKey> find(long id) {
        return Optional.ofNullable(entityManager.find(ClientApiKey.class, id));
    }

    public List<ClientApiKey> findAll() {
        return entityManager.createQuery("select k from ClientApiKey k order by k.id", ClientApiKey.class).getResultList();
    }

    /** Whether any key is neither revoked nor expired at {@code now}. */
    public boolean anyUsableAt(Instant now) {
        return entityManager.createQuery("select count(k) from ClientApiKey k where k.revokedAt is null"
                        + " and (k.expiresAt is null or k.expiresAt > :now)", Long.class)
                .setParameter("now", now)
                .getSingleResult() > 0;
    }

    /** Moves the key's last use forward to {@code at} (never back: writes from several nodes may cross). */
    public void recordUse(long id, Instant at) {
        entityManager.createQuery("update ClientApiKey k set k.lastUsedAt = :at"
                        + " where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :at)")
                .setParameter("at", at)
                .setParameter("id", id)
                .executeUpdate();
    }

    public List<ClientApiKey> findByOrigin(ClientApiKey.Origin origin) {
        return entityManager.createQuery("select k from ClientApiKey k where k.origin = :origin order by k.id", ClientApiKey.class)
                .setParameter("origin", origin)
                .getResultList();
    }

    public ClientApiKey add(ClientApiKey key) {
        entityManager.persist(key);
        return key;
    }
}
