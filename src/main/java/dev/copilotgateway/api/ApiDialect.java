package dev.copilotgateway.api;

import dev.copilotgateway.api.stream.StreamRelay;
import dev.copilotgateway.protocol.ErrorResponse;
import dev.copilotgateway.protocol.Failure;
import dev.copilotgateway.routing.UpstreamPlan;
import java.net.http.HttpHeaders;

/** What the {@link PlanRunner} needs to know of one public API: its error shape and how its streams are written. */
interface ApiDialect {

    /** Copilot's own non-200 answer, in this API's error shape. */
    ErrorResponse upstreamError(int status, HttpHeaders headers, byte[] body);

    /** A classified failure, in this API's error shape. */
    ErrorResponse failure(Failure failure);

    /** The relay that writes the plan's upstream event stream to the client in this API's stream protocol. */
    StreamRelay relay(UpstreamPlan plan);

    /** Any failure of a request of this API, classified once ({@link Failures}) and shaped. */
    default ErrorResponse failure(Throwable failure) {
        return failure(Failures.classify(failure));
    }
}
