package dev.copilotgateway.github;

import dev.copilotgateway.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A Copilot token from the exchange (UPSTREAM.md §3): the token, when it dies by GitHub's clock, when GitHub suggests
 * refreshing it ({@link Duration#ZERO} when it did not say), the account-specific Copilot API base URL when
 * advertised, and GitHub's time of the answer (its {@code Date} header) when given.
 */
public record CopilotTokenGrant(Secret token, Instant expiresAt, Duration refreshIn, Optional<URI> apiEndpoint, Optional<Instant> serverTime) {

    /**
     * When the token dies by the local clock {@code now} (the time of the answer): its remaining lifetime by GitHub's
     * clock, so a host clock that is off does not make fresh tokens look dead (or dead ones valid).
     */
    public Instant expiresAtLocally(Instant now) {
        return serverTime.map(answered -> now.plus(Duration.between(answered, expiresAt))).orElse(expiresAt);
    }
}
