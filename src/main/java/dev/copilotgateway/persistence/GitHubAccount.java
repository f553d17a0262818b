package dev.copilotgateway.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A GitHub account whose Copilot seat the gateway uses. The GitHub token is held only as ciphertext. */
@Entity
@Table(name = "github_account")
public class GitHubAccount {

    /** Where an account came from. */
    public enum Origin { BOOTSTRAP, DEVICE_FLOW, ADMIN_API }

    /** The Copilot plan family; it picks the Copilot API host (UPSTREAM.md §5). */
    public enum AccountType { INDIVIDUAL, BUSINESS, ENTERPRISE }

    /** What the gateway last learnt about the account. */
    public enum Status { PENDING, ACTIVE, NEEDS_LOGIN, NO_COPILOT, ERROR }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Origin origin;

    @Column(length = 100)
    private String login;

    @Column(name = "github_user_id")
    private Long githubUserId;

    @Enumerated(EnumType.STRING)
    @Column(name = "account_type", nullable = false, length = 20)
    private AccountType accountType = AccountType.INDIVIDUAL;

    @Column(name = "enterprise_host", length = 255)
    private String enterpriseHost;

    @Column(name = "github_token_ciphertext", nullable = false, length = 2048)
    private String githubTokenCiphertext;

    @Column(name = "github_token_hash", nullable = false, length = 64)
    private String githubTokenHash;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(nullable = false)
    private int priority;

    @Column(nullable = false)
    private int weight = 1;

    @Column(length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private Status status = Status.PENDING;

    @Column(name = "status_detail", length = 500)
    private String statusDetail;

    @Column(name = "device_id", length = 36)
    private String deviceId;

    @Column(name = "machine_id", length = 64)
    private String machineId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(nullable = false)
    private long version;

    protected GitHubAccount() {
        // for JPA
    }

    public GitHubAccount(Origin origin, String githubTokenCiphertext, String githubTokenHash, Instant now) {
        this.origin = origin;
        this.githubTokenCiphertext = githubTokenCiphertext;
        this.githubTokenHash = githubTokenHash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Replaces the GitHub token; the account must be verified again. */
    public void replaceToken(String ciphertext, String hash, Instant now) {
        this.githubTokenCiphertext = ciphertext;
        this.githubTokenHash = hash;
        this.status = Status.PENDING;
        this.statusDetail = null;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public Origin getOrigin() {
        return origin;
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public Long getGithubUserId() {
        return githubUserId;
    }

    public void setGithubUserId(Long githubUserId) {
        this.githubUserId = githubUserId;
    }

    public AccountType getAccountType() {
        return accountType;
    }

    public void setAccountType(AccountType accountType) {
        this.accountType = accountType;
    }

    public String getEnterpriseHost() {
        return enterpriseHost;
    }

    public void setEnterpriseHost(String enterpriseHost) {
        this.enterpriseHost = enterpriseHost;
    }

    public String getGithubTokenCiphertext() {
        return githubTokenCiphertext;
    }

    public String getGithubTokenHash() {
        return githubTokenHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    /** The account's share of traffic under the weighted strategy (1-100). */
    public int getWeight() {
        return weight;
    }

    public void setWeight(int weight) {
        this.weight = weight;
    }

    /** The operator's label for the account, or null. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Marks a change the operator made (enabled, priority, weight, name). */
    public void touch(Instant now) {
        this.updatedAt = now;
    }

    public Status getStatus() {
        return status;
    }

    public String getStatusDetail() {
        return statusDetail;
    }

    public void setStatus(Status status, String detail, Instant now) {
        this.status = status;
        this.statusDetail = detail;
        this.updatedAt = now;
    }

    /** {@code editor-device-id}; {@code null} until the gateway first uses the account. */
    public String getDeviceId() {
        return deviceId;
    }

    /** {@code vscode-machineid}; {@code null} until the gateway first uses the account. */
    public String getMachineId() {
        return machineId;
    }

    /** Gives the account its client identity, once: an identity that changed would look like a new machine. */
    public void assignClientIdentity(String newDeviceId, String newMachineId) {
        if (deviceId != null || machineId != null) {
            throw new IllegalStateException("account " + id + " already has a client identity");
        }
        this.deviceId = newDeviceId;
        this.machineId = newMachineId;
    }

    public boolean hasClientIdentity() {
        return deviceId != null && machineId != null;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
