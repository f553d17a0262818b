package dev.copilotgateway.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** A person who may use the console; {@code passwordHash} is {@code null} for users who only sign in through SSO. */
@Entity
@Table(name = "console_user")
public class ConsoleUser {

    /** What a console user may do. */
    public enum Role {
        ADMIN, VIEWER;

        /** The role named {@code name} ({@code admin} or {@code viewer}, in any case), if it is one. */
        public static Optional<Role> named(String name) {
            return Arrays.stream(values()).filter(role -> role.name().equalsIgnoreCase(name == null ? "" : name.strip())).findFirst();
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String username;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(name = "password_hash", length = 255)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Role role;

    @Column(nullable = false)
    private boolean enabled = true;

    /** Provisioned by single sign-on: no password, role from the SSO groups at each sign-in. */
    @Column(nullable = false)
    private boolean sso;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    protected ConsoleUser() {
        // for JPA
    }

    public ConsoleUser(String username, Role role, Instant now) {
        this.username = username;
        this.role = role;
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        if (sso && passwordHash != null) {
            throw new IllegalStateException("a single sign-on user has no password");
        }
        this.passwordHash = passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isSso() {
        return sso;
    }

    /** Marks the user as one single sign-on provisioned; such a user never has a password. */
    public void markSso() {
        this.sso = true;
        this.passwordHash = null;
    }

    public int getFailedLogins() {
        return failedLogins;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    /** Counts a failed sign-in; the caller decides whether to lock. */
    public void recordFailedLogin(Instant lockUntil) {
        this.failedLogins++;
        this.lockedUntil = lockUntil;
    }

    public void recordLogin(Instant now) {
        this.failedLogins = 0;
        this.lockedUntil = null;
        this.lastLoginAt = now;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }
}
