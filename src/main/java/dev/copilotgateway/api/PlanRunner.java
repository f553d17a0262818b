package dev.copilotgateway.api;

import dev.copilotgateway.api.stream.ClientStream;
import dev.copilotgateway.api.stream.EventStreamResponse;
import dev.copilotgateway.api.stream.ModelRenamingRelay;
import dev.copilotgateway.api.stream.StreamRelay;
import dev.copilotgateway.api.stream.StreamWatchdog;
import dev.copilotgateway.approval.ApprovalService;
import dev.copilotgateway.pool.Dispatcher;
import dev.copilotgateway.protocol.ErrorResponse;
import dev.copilotgateway.protocol.Failure;
import dev.copilotgateway.routing.UpstreamPlan;
import dev.copilotgateway.translate.ReportedModel;
import dev.copilotgateway.upstream.UpstreamStreamSubscriber;
import dev.copilotgateway.upstream.UpstreamTimeouts;
import dev.copilotgateway.usage.RequestMeter;
import dev.copilotgateway.usage.RequestMeters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a planned request of any of the public APIs: sends it through the pool's {@link Dispatcher}, sends it once more
 * without the assistant prefill when the plan says Copilot refused one ({@link UpstreamPlan#retriesPrefill}), and
 * answers either with the whole response (resuming the JAX-RS {@link AsyncResponse}) or by relaying Copilot's event
 * stream as it arrives. Whatever goes wrong reaches the client in its API's own error shape ({@link ApiDialect}).
 * Each request's {@link RequestMeter} is told what it came to (the plan, the account, the answer's usage, the status)
 * and ended exactly once: here for a whole answer or an error before the stream opened, by the {@link ClientStream}
 * once a stream has opened.
 */
public final class PlanRunner {

    /** Opens the client's side of a stream with the relay for its protocol (the servlet response, in production). */
    interface StreamOpener {
        ClientStream open(StreamRelay relay, RequestMeter meter) throws IOException;
    }

    private final Dispatcher dispatcher;
    private final StreamWatchdog watchdog;
    private final UpstreamTimeouts timeouts;
    private final RequestMeters meters;
    private final ApprovalService approvals;

    /** Without manual approval. */
    public PlanRunner(Dispatcher dispatcher, StreamWatchdog watchdog, UpstreamTimeouts timeouts, RequestMeters meters) {
        this(dispatcher, watchdog, timeouts, meters, null);
    }

    public PlanRunner(Dispatcher dispatcher, StreamWatchdog watchdog, UpstreamTimeouts timeouts, RequestMeters meters,
                      ApprovalService approvals) {
        this.dispatcher = dispatcher;
        this.watchdog = watchdog;
        this.timeouts = timeouts;
        this.meters = meters;
        this.approvals = approvals;
    }

    /**
     * The plan once an admin approved {@code requester}'s request ({@link ApprovalService}; at once while manual
     * approval is off): its model is known by then, and no account is chosen yet.
     */
    CompletableFuture<Routed> approved(CompletableFuture<Routed> planned, Requester requester) {
        if (approvals == null) {
            return planned;
        }
        return planned.thenCompose(routed -> approvals.required()
                ? approvals.await(requester.approvalRequest(routed)).thenApply(approved -> routed)
                : CompletableFuture.completedFuture(routed));
    }

    /** The meter of a request of {@code ingress} ({@code RequestOutcome.INGRESS_*}) that arrived now. */
    RequestMeter meter(Long keyId, String ingress, String model, boolean stream) {
        return meters.start(keyId, ingress, model, stream);
    }

    /** Sends the planned request and resumes {@code async} with Copilot's whole answer, or with an error. */
    void respond(CompletableFuture<Routed> planned, ApiDialect dialect, AsyncResponse async, RequestMeter meter) {
        planned.thenCompose(routed -> call(routed, meter).thenApply(response -> whole(routed, response, dialect, meter)))
                .whenComplete((response, failure) -> {
                    Response answer = failure != null ? failed(dialect, failure, meter) : response;
                    meter.firstByte(); // Jersey writes it now
                    async.resume(answer);
                    meter.ended(answer.getStatus());
                });
    }

    /** Sends the planned request and streams Copilot's events to the client of {@code request} as they arrive. */
    void stream(CompletableFuture<Routed> planned, ApiDialect dialect, HttpServletRequest request, AsyncResponse async, RequestMeter meter) {
        stream(planned, dialect, async, meter,
                (relay, streamMeter) -> new EventStreamResponse(async, request.getAsyncContext(), relay, watchdog, timeouts.streamIdle(), streamMeter));
    }

    /** {@link #stream(CompletableFuture, ApiDialect, HttpServletRequest, AsyncResponse, RequestMeter)} with the client's stream opened by {@code opener}. */
    void stream(CompletableFuture<Routed> planned, ApiDialect dialect, AsyncResponse async, RequestMeter meter, StreamOpener opener) {
        new StreamedRun(dialect, async, opener, meter).start(planned);
    }

    /** A failure of any stage as this API's error, its kind noted on the meter. */
    private static Response failed(ApiDialect dialect, Throwable failure, RequestMeter meter) {
        return response(shapedFailure(dialect, failure, meter));
    }

    private static ErrorResponse shapedFailure(ApiDialect dialect, Throwable failure, RequestMeter meter) {
        Failure classified = Failures.classify(failure);
        meter.failed(errorType(classified));
        return dialect.failure(classified);
    }

    /** The outcome's error code of a failure: its kind in lower case; an error an API stated, by its status. */
    static String errorType(Failure failure) {
        if (failure.kind() == Failure.Kind.STATED) {
            return failure.status() >= 500 ? "gateway_error" : "invalid_request";
        }
        return failure.kind().name().toLowerCase(Locale.ROOT);
    }

    /** Copilot's own error answer as this API's error, noted on the meter. */
    private static ErrorResponse upstreamError(ApiDialect dialect, int status, HttpHeaders headers, byte[] body,
                                               RequestMeter meter) {
        meter.failed(status == 429 ? RequestMeter.RATE_LIMIT : RequestMeter.UPSTREAM_ERROR);
        return dialect.upstreamError(status, headers, body);
    }

    /** The meter learns the plan: endpoint, Copilot's model, the premium cost, the body sent. */
    private static void noteRoute(Routed routed, RequestMeter meter) {
        meter.routed(routed.plan().endpoint().path(), routed.target().modelId(), routed.target().premiumMultiplier(), routed.plan().body());
    }

    /** An error as the JAX-RS response Jersey writes. */
    static Response response(ErrorResponse error) {
        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.body());
        error.headers().forEach(response::header);
        return response.build();
    }

    private CompletableFuture<HttpResponse<byte[]>> call(Routed routed, RequestMeter meter) {
        UpstreamPlan plan = routed.plan();
        noteRoute(routed, meter);
        return dispatcher.call(routed.target(), plan.endpoint(), plan.body(), plan.traits(), meter::servedBy).thenCompose(response -> {
            if (!plan.retriesPrefill(response.statusCode(), response.body())) {
                return CompletableFuture.completedFuture(response);
            }
            plan.prefillRetry().rememberRefusal().run();
            return dispatcher.call(routed.target(), plan.endpoint(), plan.prefillRetry().body(), plan.traits(), meter::servedBy);
        });
    }

    private static Response whole(Routed routed, HttpResponse<byte[]> response, ApiDialect dialect, RequestMeter meter) {
        if (response.statusCode() != 200) {
            return response(upstreamError(dialect, response.statusCode(), response.headers(), response.body(), meter));
        }
        meter.wholeAnswer(response.body());
        byte[] answer = routed.plan().wholeResponse().apply(response.body());
        return Response.ok(routed.reportAs() == null ? answer : ReportedModel.inBody(answer, routed.reportAs()),
                response.headers().firstValue("content-type").orElse(MediaType.APPLICATION_JSON)).build();
    }

    /** One streamed request: once its plan is ready it has a client stream, and from then on errors go there. */
    private final class StreamedRun {
        private final ApiDialect dialect;
        private final AsyncResponse async;
        private final StreamOpener opener;
        private final RequestMeter meter;
        private volatile ClientStream client; // null until the plan is ready: errors before then go to Jersey

        StreamedRun(ApiDialect dialect, AsyncResponse async, StreamOpener opener, RequestMeter meter) {
            this.dialect = dialect;
            this.async = async;
            this.opener = opener;
            this.meter = meter;
        }

        void start(CompletableFuture<Routed> planned) {
            planned.thenCompose(this::send).whenComplete(this::finish);
        }

        private CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> send(Routed routed) {
            UpstreamPlan plan = routed.plan();
            client = open(routed);
            noteRoute(routed, meter);
            return dispatcher.stream(routed.target(), plan.endpoint(), plan.body(), plan.traits(), client, meter::servedBy).thenCompose(response -> {
                if (response.body().streaming() || !plan.retriesPrefill(response.statusCode(), response.body().collected())) {
                    return CompletableFuture.completedFuture(response);
                }
                plan.prefillRetry().rememberRefusal().run();
                return dispatcher.stream(routed.target(), plan.endpoint(), plan.prefillRetry().body(), plan.traits(), client, meter::servedBy);
            });
        }

        private ClientStream open(Routed routed) {
            StreamRelay relay = dialect.relay(routed.plan());
            if (routed.reportAs() != null) {
                relay = new ModelRenamingRelay(relay, routed.reportAs());
            }
            try {
                return opener.open(relay, meter);
            } catch (IOException | IllegalStateException cannotStream) {
                throw new StreamUnavailableException(cannotStream);
            }
        }

        private void finish(HttpResponse<UpstreamStreamSubscriber.Body> response, Throwable failure) {
            if (failure != null) {
                ErrorResponse error = shapedFailure(dialect, failure, meter);
                if (client == null) {
                    meter.firstByte();
                    async.resume(response(error)); // nothing was started: Jersey writes the error
                    meter.ended(error.status());
                } else {
                    sendWhole(error); // the client stream ends the meter
                }
            } else if (!response.body().streaming()) {
                sendWhole(upstreamError(dialect, response.statusCode(), response.headers(), response.body().collected(), meter));
            }
        }

        private void sendWhole(ErrorResponse error) {
            client.sendWhole(error.status(), MediaType.APPLICATION_JSON, error.headers(), error.body());
        }
    }
}
