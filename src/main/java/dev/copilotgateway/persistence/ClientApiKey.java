package dev.copilotgateway.persistence;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** A key clients present to the public API, stored as a hash plus a short prefix that identifies it on pages. */
@Entity
@Table(name = "client_api_key")
public class ClientApiKey {

    /** Where a key came from. */
    public enum Origin { BOOTSTRAP, ADMIN_API }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "key_prefix", nullable = false, length = 16)
    private String keyPrefix;

    @Column(name = "key_hash", nullable = false, length = 64)
    private String keyHash;

    @Column(length = 200)
    private String owner;

    /** The one account this key may use; {@code null} means the pool. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id")
    private GitHubAccount account;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Origin origin;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "requests_per_minute")
    private Integer requestsPerMinute;

    @Column(name = "tokens_per_day")
    private Long tokensPerDay;

    @Column(name = "concurrent_requests")
    private Integer concurrentRequests;

    /** The model ids the key may use as its clients name them; empty means every model. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "client_api_key_model", joinColumns = @JoinColumn(name = "key_id"))
    @Column(name = "model", length = 200, nullable = false)
    private Set<String> allowedModels = new TreeSet<>();

    protected ClientApiKey() {
        // for JPA
    }

    public ClientApiKey(String name, String keyPrefix, String keyHash, Origin origin, Instant now) {
        this.name = name;
        this.keyPrefix = keyPrefix;
        this.keyHash = keyHash;
        this.origin = origin;
        this.createdAt = now;
    }

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public GitHubAccount getAccount() {
        return account;
    }

    public void setAccount(GitHubAccount account) {
        this.account = account;
    }

    public Origin getOrigin() {
        return origin;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Instant lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(Integer requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    public Long getTokensPerDay() {
        return tokensPerDay;
    }

    public void setTokensPerDay(Long tokensPerDay) {
        this.tokensPerDay = tokensPerDay;
    }

    public Integer getConcurrentRequests() {
        return concurrentRequests;
    }

    public void setConcurrentRequests(Integer concurrentRequests) {
        this.concurrentRequests = concurrentRequests;
    }

    /** Sorted; empty means every model. */
    public Set<String> getAllowedModels() {
        return new TreeSet<>(allowedModels);
    }

    public void setAllowedModels(Collection<String> models) {
        allowedModels.clear();
        allowedModels.addAll(models);
    }
}
