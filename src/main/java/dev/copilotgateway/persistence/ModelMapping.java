package dev.copilotgateway.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A model name clients send ({@code client_model}, the admin API's {@code from}) and the Copilot model requests for
 * it go to ({@code target_model}, {@code to}); {@code exposed} says whether the model lists show the client name.
 */
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
    private boolean exposed = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ModelMapping() {
        // for JPA
    }

    public ModelMapping(String clientModel, String targetModel, Instant now) {
        this(clientModel, targetModel, true, now);
    }

    public ModelMapping(String clientModel, String targetModel, boolean exposed, Instant now) {
        this.clientModel = clientModel;
        this.targetModel = targetModel;
        this.exposed = exposed;
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

    public boolean isExposed() {
        return exposed;
    }

    /** Replaces every writable field (the admin API's PUT). */
    public void change(String clientModel, String targetModel, boolean exposed, Instant now) {
        this.clientModel = clientModel;
        this.targetModel = targetModel;
        this.exposed = exposed;
        this.updatedAt = now;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
