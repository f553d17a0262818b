package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The Copilot token exchange (UPSTREAM §3) and the validity of the tokens it issued. */
final class FakeCopilotTokens {

    enum Validity { VALID, EXPIRED, UNKNOWN }

    private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();
    private final Map<String, String> loginByToken = new ConcurrentHashMap<>();
    private final AtomicInteger exchanges = new AtomicInteger();
    private final Clock clock;
    private volatile Duration lifetime;
    private volatile Duration refreshIn;

    FakeCopilotTokens(Clock clock) {
        this.clock = clock;
        reset();
    }

    void reset() {
        expiryByToken.clear();
        loginByToken.clear();
        exchanges.set(0);
        setLifetime(Duration.ofMinutes(30), Duration.ofSeconds(1500));
    }

    void setLifetime(Duration tokenLifetime, Duration tokenRefreshIn) {
        lifetime = tokenLifetime;
        refreshIn = tokenRefreshIn;
    }

    /** Issues a fresh token for {@code account}; {@code apiEndpoint} is advertised as {@code endpoints.api}. */
    JsonObject exchange(FakeGitHubAccount account, String apiEndpoint) {
        Instant expiresAt = clock.instant().plus(lifetime);
        String token = "tid=" + RandomHex.of(16) + ";exp=" + expiresAt.getEpochSecond() + ";sku=" + account.sku()
                + ";proxy-ep=" + URI.create(apiEndpoint).getAuthority() + ";st=dotcom;chat=1;8kp=1:" + RandomHex.of(32);
        expiryByToken.put(token, expiresAt);
        loginByToken.put(token, account.login());
        exchanges.incrementAndGet();
        return Jsons.object()
                .add("token", token)
                .add("expires_at", expiresAt.getEpochSecond())
                .add("refresh_in", refreshIn.toSeconds())
                .add("endpoints", Jsons.object()
                        .add("api", apiEndpoint)
                        .add("origin-tracker", apiEndpoint)
                        .add("proxy", apiEndpoint)
                        .add("telemetry", apiEndpoint))
                .add("sku", account.sku())
                .add("individual", account.isIndividual())
                .add("chat_enabled", true)
                .add("annotations_enabled", true)
                .add("code_quote_enabled", true)
                .add("codesearch", true)
                .add("copilotignore_enabled", false)
                .add("public_suggestions", "disabled")
                .add("telemetry", "disabled")
                .add("tracking_id", RandomHex.of(16))
                .add("limited_user_quotas", JsonValue.NULL)
                .build();
    }

    /** The GitHub login the token was issued to, or null for a token this fake never issued. */
    String loginOf(String token) {
        return token == null ? null : loginByToken.get(token);
    }

    Validity check(String token) {
        Instant expiresAt = token == null ? null : expiryByToken.get(token);
        if (expiresAt == null) {
            return Validity.UNKNOWN;
        }
        return clock.instant().isBefore(expiresAt) ? Validity.VALID : Validity.EXPIRED;
    }

    /** Every token issued so far is dead from now on; clients must exchange again. */
    void expireAll() {
        Instant now = clock.instant();
        expiryByToken.replaceAll((token, expiresAt) -> now);
    }

    /** Successful exchanges (failed attempts show up in the request recorder only). */
    int exchangeCount() {
        return exchanges.get();
    }
}
