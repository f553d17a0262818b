package dev.copilotgateway.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A small named value the gateway keeps for itself in the database (e.g. the admin API key's hash). */
@Entity
@Table(name = "gateway_setting")
public class GatewaySetting {

    @Id
    @Column(length = 100)
    private String name;

    @Column(name = "setting_value", nullable = false, length = 4000)
    private String value;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected GatewaySetting() {
        // for JPA
    }

    public GatewaySetting(String name, String value, Instant now) {
        this.name = name;
        this.value = value;
        this.updatedAt = now;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value, Instant now) {
        this.value = value;
        this.updatedAt = now;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
