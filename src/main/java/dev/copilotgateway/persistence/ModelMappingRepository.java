package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Queries and stores model mappings within the caller's transaction. */
public final class ModelMappingRepository {

    private final EntityManager entityManager;

    public ModelMappingRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Every mapping, oldest first. */
    public List<ModelMapping> findAll() {
        return entityManager.createQuery("select m from ModelMapping m order by m.id", ModelMapping.class).getResultList();
    }

    public Optional<ModelMapping> find(long id) {
        return Optional.ofNullable(entityManager.find(ModelMapping.class, id));
    }

    /**
     * The mapping whose client model is {@code clientModel} ignoring case: clients' model names are matched without
     * regard to case, so {@code Team-Fast} and {@code team-fast} are one name. (The schema's unique constraint is
     * case-sensitive; H2 has no index on an expression, so the service checks this before writing.)
     */
    public Optional<ModelMapping> findByClientModel(String clientModel) {
        return entityManager.createQuery("select m from ModelMapping m where lower(m.clientModel) = :name order by m.id", ModelMapping.class)
                .setParameter("name", clientModel.toLowerCase(Locale.ROOT))
                .getResultStream()
                .findFirst();
    }

    public ModelMapping add(ModelMapping mapping) {
        entityManager.persist(mapping);
        return mapping;
    }

    public void remove(ModelMapping mapping) {
        entityManager.remove(mapping);
    }
}
