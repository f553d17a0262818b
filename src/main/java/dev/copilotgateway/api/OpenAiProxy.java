package dev.copilotgateway.api;

import dev.copilotgateway.api.stream.EventStreamResponse;
import dev.copilotgateway.api.stream.PassThroughRelay;
import dev.copilotgateway.api.stream.StreamWatchdog;
import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.protocol.openai.OpenAiStreamProtocol;
import dev.copilotgateway.protocol.openai.OpenAiUpstreamErrors;
import dev.copilotgateway.upstream.CopilotDispatcher;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import dev.copilotgateway.upstream.UpstreamTimeouts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The common path of the OpenAI-compatible endpoints once the request is parsed: resolve the model, send to the
 * Copilot endpoint, and answer either with the whole response (resuming the JAX-RS {@link AsyncResponse}) or as
 * an event stream written by {@link EventStreamResponse}. Same protocol up and down: bodies pass through as sent.
 */
public final class OpenAiProxy {

    private static final OpenAiStreamProtocol STREAM_PROTOCOL = new OpenAiStreamProtocol();

    private final CopilotDispatcher dispatcher;
    private final ModelCatalog catalog;
    private final StreamWatchdog watchdog;
    private final UpstreamTimeouts timeouts;

    public OpenAiProxy(CopilotDispatcher dispatcher, ModelCatalog catalog, StreamWatchdog watchdog, UpstreamTimeouts timeouts) {
        this.dispatcher = dispatcher;
        this.catalog = catalog;
        this.watchdog = watchdog;
        this.timeouts = timeouts;
    }

    /** One proxied request: the caller, the target endpoint, the model asked for, the body to send and its traits. */
    public record Call(Caller caller, CopilotEndpoint endpoint, String model, byte[] body, RequestTraits traits) {
    }

    /** Sends {@code call} and resumes {@code async} with Copilot's whole response, or with an OpenAI error. */
    public void respond(Call call, AsyncResponse async) {
        resolve(call)
                .thenCompose(model -> dispatcher.call(call.caller().boundAccountId(), call.endpoint(), call.body(), call.traits()))
                .whenComplete((response, failure) -> async.resume(failure != null ? error(OpenAiUpstreamErrors.fromFailure(failure)) : relay(response)));
    }

    /** Sends {@code call} and streams Copilot's events to the client as they arrive. Call on the request's thread. */
    public void stream(Call call, HttpServletRequest request, AsyncResponse async) {
        EventStreamResponse client;
        try {
            client = new EventStreamResponse(async, request.getAsyncContext(), new PassThroughRelay(STREAM_PROTOCOL), watchdog, timeouts.streamIdle());
        } catch (IOException | IllegalStateException cannotStream) {
            throw new OpenAiException(500, "The response stream could not be opened", "api_error", null, null);
        }
        resolve(call)
                .thenCompose(model -> dispatcher.stream(call.caller().boundAccountId(), call.endpoint(), call.body(), call.traits(), client))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        send(client, OpenAiUpstreamErrors.fromFailure(failure));
                    } else if (!response.body().streaming()) {
                        send(client, OpenAiUpstreamErrors.fromUpstream(response.statusCode(), response.headers(), response.body().collected()));
                    }
                });
    }

    /** The catalogue entry of the requested model; 404 if unknown, 400 if it cannot be used on this endpoint. */
    private CompletableFuture<CopilotModel> resolve(Call call) {
        return catalog.find(call.model()).thenApply(found -> {
            CopilotModel model = found.orElseThrow(() -> unknownModel(call.model()));
            if (!model.supports(call.endpoint())) {
                throw unsupportedEndpoint(call.model(), call.endpoint(), model);
            }
            return model;
        });
    }

    private static Response relay(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return error(OpenAiUpstreamErrors.fromUpstream(response.statusCode(), response.headers(), response.body()));
        }
        return Response.ok(response.body(), response.headers().firstValue("content-type").orElse(MediaType.APPLICATION_JSON)).build();
    }

    private static Response error(OpenAiUpstreamErrors.ErrorResponse error) {
        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.body());
        error.headers().forEach(response::header);
        return response.build();
    }

    private static void send(EventStreamResponse client, OpenAiUpstreamErrors.ErrorResponse error) {
        client.sendWhole(error.status(), MediaType.APPLICATION_JSON, error.headers(), error.body());
    }

    private static OpenAiException unknownModel(String model) {
        return new OpenAiException(404, "The model '" + model + "' does not exist or is not available to this gateway's "
                + "Copilot accounts; GET /v1/models lists the available ones", "invalid_request_error", "model", "model_not_found");
    }

    private static OpenAiException unsupportedEndpoint(String model, CopilotEndpoint endpoint, CopilotModel found) {
        return new OpenAiException(400, "The model '" + model + "' cannot be used with " + endpoint.path() + " (it supports: "
                + found.supportedEndpoints().map(String::valueOf).orElse(found.type()) + ")", "invalid_request_error", "model",
                "unsupported_api_for_model");
    }
}
