package dev.copilotgateway.pool;

import java.time.Instant;

/**
 * One account's live state on this node, as the admin API and the console show it.
 *
 * @param cooldownUntil  when the account may be used again after GitHub throttled it; null when it may be used now
 * @param premiumQuota   the premium quota last learnt from GitHub; null when not known
 */
public record LiveState(int inFlight, Instant cooldownUntil, String lastError, Instant lastErrorAt, long requestsLastHour,
                        PremiumQuota premiumQuota) {
}
