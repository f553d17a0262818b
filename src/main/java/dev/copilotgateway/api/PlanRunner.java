package dev.copilotgateway.api;

import dev.copilotgateway.api.stream.ClientStream;
import dev.copilotgateway.api.stream.EventStreamResponse;
import dev.copilotgateway.api.stream.ModelRenamingRelay;
import dev.copilotgateway.api.stream.StreamRelay;
import dev.copilotgateway.api.stream.StreamWatchdog;
import dev.copilotgateway.approval.ApprovalService;
import dev.copilotgateway.pool.Dispatcher;
import dev.copilotgateway.protocol.ErrorResponse;
import dev.copilotgateway.routing.UpstreamPlan;
import dev.copilotgateway.translate.ReportedModel;
import dev.copilotgateway.upstream.UpstreamStreamSubscriber;
import dev.copilotgateway.upstream.UpstreamTimeouts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a planned request of any of the public APIs: sends it through the pool's {@link Dispatcher}, sends it once more
 * without the assistant prefill when the plan says Copilot refused one ({@link UpstreamPlan#retriesPrefill}), and
 * answers either with the whole response (resuming the JAX-RS {@link AsyncResponse}) or by relaying Copilot's event
 * stream as it arrives. Whatever goes wrong reaches the client in its API's own error shape ({@link ApiDialect}).
 * A request with a {@link Requester} first passes manual approval ({@link ApprovalService}): once its model is known,
 * before any account is chosen.
 */
public final class PlanRunner {

    /** Opens the client's side of a stream with the relay for its protocol (the servlet response, in production). */
    interface StreamOpener {
        ClientStream open(StreamRelay relay) throws IOException;
    }

    private final Dispatcher dispatcher;
    private final StreamWatchdog watchdog;
    private final UpstreamTimeouts timeouts;
    private final ApprovalService approvals;

    /** Without manual approval. */
    public PlanRunner(Dispatcher dispatcher, StreamWatchdog watchdog, UpstreamTimeouts timeouts) {
        this(dispatcher, watchdog, timeouts, null);
    }

    public PlanRunner(Dispatcher dispatcher, StreamWatchdog watchdog, UpstreamTimeouts timeouts, ApprovalService approvals) {
        this.dispatcher = dispatcher;
        this.watchdog = watchdog;
        this.timeouts = timeouts;
        this.approvals = approvals;
    }

    /** Sends the planned request and resumes {@code async} with Copilot's whole answer, or with an error. */
    void respond(CompletableFuture<Routed> planned, ApiDialect dialect, AsyncResponse async) {
        respond(planned, null, dialect, async);
    }

    /** {@link #respond(CompletableFuture, ApiDialect, AsyncResponse)} after manual approval of {@code requester}'s request. */
    void respond(CompletableFuture<Routed> planned, Requester requester, ApiDialect dialect, AsyncResponse async) {
        approved(planned, requester).thenCompose(routed -> call(routed).thenApply(response -> whole(routed, response, dialect)))
                .whenComplete((response, failure) -> async.resume(failure != null ? response(dialect.failure(failure)) : response));
    }

    /** Sends the planned request and streams Copilot's events to the client of {@code request} as they arrive. */
    void stream(CompletableFuture<Routed> planned, ApiDialect dialect, HttpServletRequest request, AsyncResponse async) {
        stream(planned, null, dialect, request, async);
    }

    /** {@link #stream(CompletableFuture, ApiDialect, HttpServletRequest, AsyncResponse)} after manual approval of {@code requester}'s request. */
    void stream(CompletableFuture<Routed> planned, Requester requester, ApiDialect dialect, HttpServletRequest request, AsyncResponse async) {
        stream(approved(planned, requester), dialect, async,
                relay -> new EventStreamResponse(async, request.getAsyncContext(), relay, watchdog, timeouts.streamIdle()));
    }

    /** {@link #stream(CompletableFuture, ApiDialect, HttpServletRequest, AsyncResponse)} with the client's stream opened by {@code opener}. */
    void stream(CompletableFuture<Routed> planned, ApiDialect dialect, AsyncResponse async, StreamOpener opener) {
        new StreamedRun(dialect, async, opener).start(planned);
    }

    /** The plan once an admin approved it (at once while manual approval is off, or without a requester). */
    private CompletableFuture<Routed> approved(CompletableFuture<Routed> planned, Requester requester) {
        if (approvals == null || requester == null) {
            return planned;
        }
        return planned.thenCompose(routed -> approvals.await(requester.approvalRequest(routed)).thenApply(approved -> routed));
    }

    /** An error as the JAX-RS response Jersey writes. */
    static Response response(ErrorResponse error) {
        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.body());
        error.headers().forEach(response::header);
        return response.build();
    }

    private CompletableFuture<HttpResponse<byte[]>> call(Routed routed) {
        UpstreamPlan plan = routed.plan();
        return dispatcher.call(routed.target(), plan.endpoint(), plan.body(), plan.traits()).thenCompose(response -> {
            if (!plan.retriesPrefill(response.statusCode(), response.body())) {
                return CompletableFuture.completedFuture(response);
            }
            plan.prefillRetry().rememberRefusal().run();
            return dispatcher.call(routed.target(), plan.endpoint(), plan.prefillRetry().body(), plan.traits());
        });
    }

    private static Response whole(Routed routed, HttpResponse<byte[]> response, ApiDialect dialect) {
        if (response.statusCode() != 200) {
            return response(dialect.upstreamError(response.statusCode(), response.headers(), response.body()));
        }
        byte[] answer = routed.plan().wholeResponse().apply(response.body());
        return Response.ok(routed.reportAs() == null ? answer : ReportedModel.inBody(answer, routed.reportAs()),
                response.headers().firstValue("content-type").orElse(MediaType.APPLICATION_JSON)).build();
    }

    /** One streamed request: once its plan is ready it has a client stream, and from then on errors go there. */
    private final class StreamedRun {
        private final ApiDialect dialect;
        private final AsyncResponse async;
        private final StreamOpener opener;
        private volatile ClientStream client; // null until the plan is ready: errors before then go to Jersey

        StreamedRun(ApiDialect dialect, AsyncResponse async, StreamOpener opener) {
            this.dialect = dialect;
            this.async = async;
            this.opener = opener;
        }

        void start(CompletableFuture<Routed> planned) {
            planned.thenCompose(this::send).whenComplete(this::finish);
        }

        private CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> send(Routed routed) {
            UpstreamPlan plan = routed.plan();
            client = open(routed);
            return dispatcher.stream(routed.target(), plan.endpoint(), plan.body(), plan.traits(), client).thenCompose(response -> {
                if (response.body().streaming() || !plan.retriesPrefill(response.statusCode(), response.body().collected())) {
                    return CompletableFuture.completedFuture(response);
                }
                plan.prefillRetry().rememberRefusal().run();
                return dispatcher.stream(routed.target(), plan.endpoint(), plan.prefillRetry().body(), plan.traits(), client);
            });
        }

        private ClientStream open(Routed routed) {
            StreamRelay relay = dialect.relay(routed.plan());
            if (routed.reportAs() != null) {
                relay = new ModelRenamingRelay(relay, routed.reportAs());
            }
            try {
                return opener.open(relay);
            } catch (IOException | IllegalStateException cannotStream) {
                throw new StreamUnavailableException(cannotStream);
            }
        }

        private void finish(HttpResponse<UpstreamStreamSubscriber.Body> response, Throwable failure) {
            if (failure != null) {
                ErrorResponse error = dialect.failure(failure);
                if (client == null) {
                    async.resume(response(error)); // nothing was started: Jersey writes the error
                } else {
                    sendWhole(error);
                }
            } else if (!response.body().streaming()) {
                sendWhole(dialect.upstreamError(response.statusCode(), response.headers(), response.body().collected()));
            }
        }

        private void sendWhole(ErrorResponse error) {
            client.sendWhole(error.status(), MediaType.APPLICATION_JSON, error.headers(), error.body());
        }
    }
}
