package dev.copilotgateway.github;

import dev.copilotgateway.config.Secret;
import java.net.URI;
import java.time.Duration;

/**
 * GitHub's answer to a device code request (UPSTREAM.md §2.2). The device code lets its holder collect the
 * user's token, so it is kept as a {@link Secret}; the user code and URI are what the operator is shown.
 */
public record DeviceCode(Secret deviceCode, String userCode, URI verificationUri, Duration expiresIn, Duration interval) {
}
