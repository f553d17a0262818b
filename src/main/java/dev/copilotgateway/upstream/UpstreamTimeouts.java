package dev.copilotgateway.upstream;

import java.time.Duration;

/**
 * How long the gateway waits for the Copilot API: to connect, for the response headers (thinking models can take
 * long before their first byte), and between two events of a stream (long thinking pauses must not kill healthy
 * streams, so the default is generous).
 */
public record UpstreamTimeouts(Duration connect, Duration firstByte, Duration streamIdle) {
}
