package dev.copilotgateway.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * What one node has counted against one key's limit in one window (schema V7): requests in one second, tokens in one
 * UTC day, or the requests open now. Only the node named in the row writes it, always with its absolute value.
 */
@Entity
@Table(name = "key_limit_count")
public class KeyLimitCount {

    /** What a row counts. */
    public enum Kind { REQUESTS, TOKENS, CONCURRENT }

    /** The row's identity: node, key, kind and the window's start (epoch seconds; 0 for CONCURRENT). */
    @Embeddable
    public record Id(@Column(name = "node_id", length = 36) String nodeId,
                     @Column(name = "key_id") long keyId,
                     @Column(name = "kind", length = 12) String kind,
                     @Column(name = "window_start") long windowStart) implements Serializable {

        public Id(String nodeId, long keyId, Kind kind, long windowStart) {
            this(nodeId, keyId, kind.name(), windowStart);
        }
    }

    @EmbeddedId
    private Id id;

    @Column(nullable = false)
    private long amount;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected KeyLimitCount() {
        // for JPA
    }

    public KeyLimitCount(Id id, long amount, Instant updatedAt) {
        this.id = id;
        this.amount = amount;
        this.updatedAt = updatedAt;
    }

    public Id getId() {
        return id;
    }

    public long getAmount() {
        return amount;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void set(long amount, Instant updatedAt) {
        this.amount = amount;
        this.updatedAt = updatedAt;
    }
}
