package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/** Reads and writes the gateway's own named values within the caller's transaction. */
public final class GatewaySettingRepository {

    private final EntityManager entityManager;

    public GatewaySettingRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<String> find(String name) {
        return Optional.ofNullable(entityManager.find(GatewaySetting.class, name)).map(GatewaySetting::getValue);
    }

    public void put(String name, String value, Instant now) {
        GatewaySetting existing = entityManager.find(GatewaySetting.class, name);
        if (existing == null) {
            entityManager.persist(new GatewaySetting(name, value, now));
        } else {
            existing.setValue(value, now);
        }
    }
}
