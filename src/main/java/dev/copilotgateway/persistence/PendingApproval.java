package dev.copilotgateway.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A public API request waiting for an admin's approval (schema V9): who asked for what, from where, which node holds
 * it, and the decision once there is one. Never the request's body.
 */
@Entity
@Table(name = "pending_approval")
public class PendingApproval {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "node_id", nullable = false, length = 36)
    private String nodeId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "api_key_id")
    private Long apiKeyId;

    @Column(name = "key_prefix", length = 16)
    private String keyPrefix;

    @Column(length = 200)
    private String owner;

    @Column(nullable = false, length = 40)
    private String ingress;

    @Column(length = 200)
    private String model;

    @Column(nullable = false)
    private boolean stream;

    @Column(name = "remote_address", length = 64)
    private String remoteAddress;

    @Column(length = 10)
    private String decision;

    @Column(name = "decided_by", length = 200)
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    protected PendingApproval() {
        // for JPA
    }

    public PendingApproval(String id, String nodeId, Instant createdAt, Instant expiresAt, Long apiKeyId, String keyPrefix,
                           String owner, String ingress, String model, boolean stream, String remoteAddress) {
        this.id = id;
        this.nodeId = nodeId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.apiKeyId = apiKeyId;
        this.keyPrefix = keyPrefix;
        this.owner = owner;
        this.ingress = ingress;
        this.model = model;
        this.stream = stream;
        this.remoteAddress = remoteAddress;
    }

    public String getId() {
        return id;
    }

    public String getNodeId() {
        return nodeId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Long getApiKeyId() {
        return apiKeyId;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public String getOwner() {
        return owner;
    }

    public String getIngress() {
        return ingress;
    }

    public String getModel() {
        return model;
    }

    public boolean isStream() {
        return stream;
    }

    public String getRemoteAddress() {
        return remoteAddress;
    }

    /** Null while waiting. */
    public String getDecision() {
        return decision;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }
}
