package dev.copilotgateway.upstream;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Sends requests to the Copilot API without holding a thread while it waits: the body of a plain call is
 * collected in memory, the body of a stream is handed to a {@link UpstreamStreamSubscriber} as it arrives.
 */
public final class CopilotClient {

    private final UpstreamTransport transport;
    private final CopilotHeaders headers;
    private final UpstreamTimeouts timeouts;

    public CopilotClient(UpstreamTransport transport, CopilotHeaders headers, UpstreamTimeouts timeouts) {
        this.transport = transport;
        this.headers = headers;
        this.timeouts = timeouts;
    }

    /** A call whose whole response body is wanted (JSON responses, errors, the models list). */
    public CompletableFuture<HttpResponse<byte[]>> call(CopilotCredentials credentials, CopilotEndpoint endpoint,
                                                        byte[] body, RequestTraits traits) {
        return transport.call(request(credentials, endpoint, body, traits));
    }

    /**
     * A streamed call: completes when the response headers are in. For a 200 the body flows into {@code subscriber};
     * for any other status the body is collected for the error.
     */
    public CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> stream(CopilotCredentials credentials, CopilotEndpoint endpoint,
                                                                                  byte[] body, RequestTraits traits,
                                                                                  UpstreamStreamSubscriber subscriber) {
        return transport.stream(request(credentials, endpoint, body, traits), subscriber);
    }

    private UpstreamRequest request(CopilotCredentials credentials, CopilotEndpoint endpoint, byte[] body, RequestTraits traits) {
        return new UpstreamRequest(URI.create(credentials.apiBaseUrl() + endpoint.path()), headers.forRequest(credentials, traits),
                body, timeouts.firstByte());
    }
}
