package dev.copilotgateway.upstream;

import java.net.URI;
import java.time.Instant;

/**
 * What a request to the Copilot API needs from one account: a valid Copilot token, the base URL to send it to
 * (UPSTREAM.md §5) and the account's stable client identity (UPSTREAM.md §6.2). The token is a secret:
 * {@link #toString()} hides it.
 */
public record CopilotCredentials(long accountId, String token, Instant expiresAt, URI apiBaseUrl, ClientIdentity identity) {

    /** Per-account identifiers sent as {@code editor-device-id}, {@code vscode-machineid}, {@code vscode-sessionid}. */
    public record ClientIdentity(String deviceId, String machineId, String sessionId) {
    }

    @Override
    public String toString() {
        return "CopilotCredentials[account=" + accountId + ", token=****, expiresAt=" + expiresAt + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}
