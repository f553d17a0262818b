package dev.copilotgateway.upstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends requests to the Copilot API without holding a thread while it waits: the body of a plain call is
 * collected in memory, the body of a stream is handed to a {@link UpstreamStreamSubscriber} as it arrives.
 */
public final class CopilotClient {

    private final HttpClient http;
    private final Executor completions;
    private final CopilotHeaders headers;
    private final UpstreamTimeouts timeouts;

    /** {@code completions}: the pooled threads that complete the returned futures (see {@link PooledCompletion}). */
    public CopilotClient(HttpClient http, Executor completions, CopilotHeaders headers, UpstreamTimeouts timeouts) {
        this.http = http;
        this.completions = completions;
        this.headers = headers;
        this.timeouts = timeouts;
    }

    /** A call whose whole response body is wanted (JSON responses, errors, the models list). */
    public CompletableFuture<HttpResponse<byte[]>> call(CopilotCredentials credentials, CopilotEndpoint endpoint,
                                                        byte[] body, RequestTraits traits) {
        return PooledCompletion.send(http, request(credentials, endpoint, body, traits), HttpResponse.BodyHandlers.ofByteArray(), completions);
    }

    /**
     * A streamed call: completes when the response headers are in. For a 200 the body flows into {@code subscriber}
     * (it must subscribe before the body starts); for any other status the body is collected for the error.
     */
    public CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> stream(CopilotCredentials credentials, CopilotEndpoint endpoint,
                                                                                  byte[] body, RequestTraits traits,
                                                                                  UpstreamStreamSubscriber subscriber) {
        return PooledCompletion.send(http, request(credentials, endpoint, body, traits), subscriber.bodyHandler(), completions);
    }

    private HttpRequest request(CopilotCredentials credentials, CopilotEndpoint endpoint, byte[] body, RequestTraits traits) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(credentials.apiBaseUrl() + endpoint.path()))
                .timeout(timeouts.firstByte());
        headers.forRequest(credentials, traits).applyTo(request);
        if (body == null) {
            request.GET();
        } else {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return request.build();
    }
}
