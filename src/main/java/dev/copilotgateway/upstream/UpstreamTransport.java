package dev.copilotgateway.upstream;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP client under {@link CopilotClient}: Jetty's ({@link JettyTransport}, the default) or the JDK's
 * ({@link JdkTransport}), chosen by the {@code upstream-http-client} setting. Either way the rest of the gateway sees
 * {@code java.net.http} responses, and the returned futures complete on threads the gateway owns.
 */
public interface UpstreamTransport extends AutoCloseable {

    /** Completes with the whole response body. */
    CompletableFuture<HttpResponse<byte[]>> call(UpstreamRequest request);

    /**
     * Completes when the response headers are in. A 200's body flows into {@code subscriber} as it asks for it;
     * any other status's body is collected.
     */
    CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> stream(UpstreamRequest request, UpstreamStreamSubscriber subscriber);

    /** Stops the client and its threads (the gateway's shutdown, an undeploy). */
    @Override
    void close();
}
