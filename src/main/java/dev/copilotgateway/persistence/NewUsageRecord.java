package dev.copilotgateway.persistence;

import java.time.Instant;

/** A usage record to insert (see {@link UsageRecord} for the columns); the debug bodies are null unless asked for. */
public record NewUsageRecord(Instant createdAt, Long apiKeyId, Long accountId, String ingress, String endpoint, String model,
                             String upstreamModel, boolean streamed, int status, long inputTokens, long outputTokens,
                             long cachedTokens, long reasoningTokens, double premiumRequests, long durationMs, Long ttfbMs,
                             String errorType, String debugRequest, String debugResponse) {
}
