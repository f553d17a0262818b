package dev.copilotgateway.api;

import dev.copilotgateway.metrics.GatewayMetrics;
import dev.copilotgateway.metrics.MetricsAccess;
import dev.copilotgateway.protocol.openai.OpenAiError;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /metrics}: this node's meters in Prometheus' text format (OpenMetrics when the scraper asks for it). Open
 * as {@link MetricsAccess} says; anyone else gets 403 in OpenAI's error shape, which tells the operator what to set.
 */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("metrics")
public final class MetricsResource {

    private final GatewayMetrics metrics;
    private final MetricsAccess access;

    @Inject
    public MetricsResource(GatewayMetrics metrics, MetricsAccess access) {
        this.metrics = metrics;
        this.access = access;
    }

    @GET
    public Response scrape(@Context HttpServletRequest request) {
        if (!access.allows(request.getRemoteAddr(), request.getHeader(HttpHeaders.AUTHORIZATION), request::getHeader)) {
            return OpenAiError.response(403, access.needsToken()
                            ? "GET /metrics needs 'Authorization: Bearer <metrics-token>'"
                            : "GET /metrics answers only callers on the gateway's own machine; set the metrics-token setting to scrape it from elsewhere",
                    "permission_error", "metrics_forbidden");
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return Response.ok(metrics.scrape(accept), GatewayMetrics.contentType(accept))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
