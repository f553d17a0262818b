package dev.copilotgateway.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One audited admin action (table {@code audit_event}, V8). Written once, never updated. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "actor_kind", nullable = false, length = 20)
    private String actorKind;

    @Column(nullable = false, length = 200)
    private String actor;

    @Column(nullable = false, length = 10)
    private String channel;

    @Column(nullable = false, length = 200)
    private String action;

    @Column(length = 200)
    private String target;

    @Column(length = 4000)
    private String changes;

    @Column(nullable = false)
    private int status;

    @Column(name = "remote_address", length = 64)
    private String remoteAddress;

    protected AuditEvent() {
        // for JPA
    }

    public AuditEvent(Instant occurredAt, String actorKind, String actor, String channel, String action, String target, String changes,
                      int status, String remoteAddress) {
        this.occurredAt = occurredAt;
        this.actorKind = actorKind;
        this.actor = actor;
        this.channel = channel;
        this.action = action;
        this.target = target;
        this.changes = changes;
        this.status = status;
        this.remoteAddress = remoteAddress;
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActorKind() {
        return actorKind;
    }

    public String getActor() {
        return actor;
    }

    public String getChannel() {
        return channel;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getChanges() {
        return changes;
    }

    public int getStatus() {
        return status;
    }

    public String getRemoteAddress() {
        return remoteAddress;
    }
}
