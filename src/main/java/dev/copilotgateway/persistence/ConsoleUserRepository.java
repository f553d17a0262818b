package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** Queries and stores console users within the caller's transaction. */
public final class ConsoleUserRepository {

    private final EntityManager entityManager;

    public ConsoleUserRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<ConsoleUser> find(long id) {
        return Optional.ofNullable(entityManager.find(ConsoleUser.class, id));
    }

    /** The user whose name is {@code username}, compared without regard to case (names are unique that way). */
    public Optional<ConsoleUser> findByUsername(String username) {
        return entityManager.createQuery("select u from ConsoleUser u where lower(u.username) = lower(:name)", ConsoleUser.class)
                .setParameter("name", username)
                .getResultStream()
                .findFirst();
    }

    public List<ConsoleUser> findAll() {
        return entityManager.createQuery("select u from ConsoleUser u order by u.id", ConsoleUser.class).getResultList();
    }

    public boolean any() {
        return entityManager.createQuery("select count(u) from ConsoleUser u", Long.class).getSingleResult() > 0;
    }

    public void add(ConsoleUser user) {
        entityManager.persist(user);
    }

    public void remove(ConsoleUser user) {
        entityManager.remove(user);
    }
}
