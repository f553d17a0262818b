package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
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
