package dev.copilotgateway.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One served request. Keys and accounts are referenced by id only, so the history outlives them.
 * Written once, never updated.
 */
@Entity
@Table(name = "usage_record")
public class UsageRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "api_key_id")
    private Long apiKeyId;

    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "ingress_protocol", nullable = false, length = 20)
    private String ingressProtocol;

    @Column(name = "upstream_endpoint", length = 40)
    private String upstreamEndpoint;

    @Column(length = 200)
    private String model;

    @Column(name = "status_code", nullable = false)
    private int statusCode;

    @Column(nullable = false)
    private boolean streamed;

    @Column(length = 10)
    private String initiator;

    @Column(name = "input_tokens")
    private Long inputTokens;

    @Column(name = "output_tokens")
    private Long outputTokens;

    @Column(name = "cached_tokens")
    private Long cachedTokens;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(name = "error_type", length = 50)
    private String errorType;

    @Column(name = "upstream_model", length = 200)
    private String upstreamModel;

    @Column(name = "reasoning_tokens")
    private Long reasoningTokens;

    @Column(name = "premium_requests")
    private Double premiumRequests;

    @Column(name = "ttfb_ms")
    private Long ttfbMs;

    /** The UTC day of {@code createdAt}, stored so per-day sums group alike on every database. */
    @Column(name = "usage_day")
    private LocalDate usageDay;

    @Column(name = "debug_request", length = 8000)
    private String debugRequest;

    @Column(name = "debug_response", length = 8000)
    private String debugResponse;

    protected UsageRecord() {
        // for JPA
    }

    public UsageRecord(Instant createdAt, String ingressProtocol, int statusCode, boolean streamed, long durationMs) {
        this.createdAt = createdAt;
        this.ingressProtocol = ingressProtocol;
        this.statusCode = statusCode;
        this.streamed = streamed;
        this.durationMs = durationMs;
    }

    public Long getId() {
        return id;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Long getApiKeyId() {
        return apiKeyId;
    }

    public void setApiKeyId(Long apiKeyId) {
        this.apiKeyId = apiKeyId;
    }

    public Long getAccountId() {
        return accountId;
    }

    public void setAccountId(Long accountId) {
        this.accountId = accountId;
    }

    public String getIngressProtocol() {
        return ingressProtocol;
    }

    public String getUpstreamEndpoint() {
        return upstreamEndpoint;
    }

    public void setUpstreamEndpoint(String upstreamEndpoint) {
        this.upstreamEndpoint = upstreamEndpoint;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public int getStatusCode() {
        return statusCode;
    }

    public boolean isStreamed() {
        return streamed;
    }

    public String getInitiator() {
        return initiator;
    }

    public void setInitiator(String initiator) {
        this.initiator = initiator;
    }

    public Long getInputTokens() {
        return inputTokens;
    }

    public Long getOutputTokens() {
        return outputTokens;
    }

    public Long getCachedTokens() {
        return cachedTokens;
    }

    public void setTokens(Long inputTokens, Long outputTokens, Long cachedTokens) {
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.cachedTokens = cachedTokens;
    }

    public long getDurationMs() {
        return durationMs;
    }

    public String getErrorType() {
        return errorType;
    }

    public void setErrorType(String errorType) {
        this.errorType = errorType;
    }

    public String getUpstreamModel() {
        return upstreamModel;
    }

    public Long getReasoningTokens() {
        return reasoningTokens;
    }

    public Double getPremiumRequests() {
        return premiumRequests;
    }

    public Long getTtfbMs() {
        return ttfbMs;
    }

    public LocalDate getUsageDay() {
        return usageDay;
    }

    public String getDebugRequest() {
        return debugRequest;
    }

    public String getDebugResponse() {
        return debugResponse;
    }
}
