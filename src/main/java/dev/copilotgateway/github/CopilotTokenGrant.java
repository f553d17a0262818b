package dev.copilotgateway.github;

import dev.copilotgateway.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A Copilot token from the exchange (UPSTREAM.md §3): the token, when it dies, when GitHub suggests refreshing it
 * ({@link Duration#ZERO} when it did not say), and the account-specific Copilot API base URL when advertised.
 */
public record CopilotTokenGrant(Secret token, Instant expiresAt, Duration refreshIn, Optional<URI> apiEndpoint) {
}
