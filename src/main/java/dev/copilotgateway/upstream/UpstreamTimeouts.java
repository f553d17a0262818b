package dev.copilotgateway.upstream;

import java.time.Duration;

/**
 * How long the gateway waits for the Copilot API, once connected (the connect time-out is the HTTP client's): for
 * the response headers (thinking models can take long before their first byte), and between two events of a
 * stream (long thinking pauses must not kill healthy streams, so the default is generous).
 */
public record UpstreamTimeouts(Duration firstByte, Duration streamIdle) {
}
