package dev.copilotgateway.pool;

import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import dev.copilotgateway.upstream.UpstreamStreamSubscriber;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/** Sends one planned client request to the Copilot API on an account of the pool. */
public interface Dispatcher {

    /** A call whose whole response is wanted; {@code servedBy} is told each account the request is sent to (the last one answered). */
    CompletableFuture<HttpResponse<byte[]>> call(PoolRequest request, CopilotEndpoint endpoint, byte[] body, RequestTraits traits,
                                                 LongConsumer servedBy);

    /**
     * A streamed call: completes when the final response's headers are in. A 200 streams into {@code sink}; any
     * other status carries its collected body. Retries (401 refresh, the next account) happen before anything
     * reaches the sink. {@code servedBy} is told each account the request is sent to.
     */
    CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> stream(PoolRequest request, CopilotEndpoint endpoint, byte[] body,
                                                                           RequestTraits traits, UpstreamStreamSubscriber.Sink sink,
                                                                           LongConsumer servedBy);
}
