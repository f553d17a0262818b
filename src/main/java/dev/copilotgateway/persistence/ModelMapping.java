package dev.copilotgateway.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A model name clients send and the Copilot model it resolves to. */
@Entity
@Table(name = "model_mapping")
public class ModelMapping {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "client_model", nullable = false, length = 200)
    private String clientModel;

    @Column(name = "target_model", nullable = false, length = 200)
    private String targetModel;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ModelMapping() {
        // for JPA
    }

    public ModelMapping(String clientModel, String targetModel, Instant now) {
        this.clientModel = clientModel;
        this.targetModel = targetModel;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getClientModel() {
        return clientModel;
    }

    public String getTargetModel() {
        return targetModel;
    }

    public void retarget(String targetModel, Instant now) {
        this.targetModel = targetModel;
        this.updatedAt = now;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled, Instant now) {
        this.enabled = enabled;
        this.updatedAt = now;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
