package dev.copilotgateway.upstream;

import java.net.URI;
import java.time.Duration;

/**
 * One Copilot API request, as any {@link UpstreamTransport} sends it.
 *
 * @param body             the JSON body of a POST; null for a GET
 * @param firstByteTimeout how long to wait for the response headers
 */
record UpstreamRequest(URI uri, UpstreamHeaders headers, byte[] body, Duration firstByteTimeout) {

    String method() {
        return body == null ? "GET" : "POST";
    }
}
