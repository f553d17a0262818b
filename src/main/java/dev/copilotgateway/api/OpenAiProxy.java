package dev.copilotgateway.api;

import dev.copilotgateway.api.stream.EventStreamResponse;
import dev.copilotgateway.api.stream.ModelRenamingRelay;
import dev.copilotgateway.api.stream.PassThroughRelay;
import dev.copilotgateway.api.stream.StreamRelay;
import dev.copilotgateway.api.stream.StreamWatchdog;
import dev.copilotgateway.api.stream.TranslatingRelay;
import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.pool.CopilotDispatcher;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.StreamProtocol;
import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.protocol.openai.OpenAiStreamProtocol;
import dev.copilotgateway.protocol.openai.OpenAiUpstreamErrors;
import dev.copilotgateway.protocol.openai.ResponsesStreamProtocol;
import dev.copilotgateway.routing.ChatRoutes;
import dev.copilotgateway.routing.ConversationKeys;
import dev.copilotgateway.routing.PoolRequests;
import dev.copilotgateway.routing.ResponsesRoutes;
import dev.copilotgateway.routing.UpstreamPlan;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.translate.ReportedModel;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import dev.copilotgateway.upstream.UpstreamTimeouts;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The common path of the OpenAI-compatible endpoints once the request is parsed: resolve the model, send to the
 * Copilot endpoint, and answer either with the whole response (resuming the JAX-RS {@link AsyncResponse}) or as
 * an event stream written by {@link EventStreamResponse}. Same protocol up and down: bodies pass through as sent.
 * A model mapping sends a request for its {@code from} to its {@code to}, and the answer names {@code from} again.
 */
public final class OpenAiProxy {

    private static final OpenAiStreamProtocol STREAM_PROTOCOL = new OpenAiStreamProtocol();
    private static final ResponsesStreamProtocol RESPONSES_PROTOCOL = new ResponsesStreamProtocol();

    private final CopilotDispatcher dispatcher;
    private final ModelCatalog catalog;
    private final ModelMappingService mappings;
    private final StreamWatchdog watchdog;
    private final UpstreamTimeouts timeouts;
    private final ChatRoutes chatRoutes;
    private final ResponsesRoutes responsesRoutes;

    public OpenAiProxy(CopilotDispatcher dispatcher, ModelCatalog catalog, ModelMappingService mappings, StreamWatchdog watchdog,
                       UpstreamTimeouts timeouts, ChatRoutes chatRoutes, ResponsesRoutes responsesRoutes) {
        this.chatRoutes = chatRoutes;
        this.responsesRoutes = responsesRoutes;
        this.dispatcher = dispatcher;
        this.catalog = catalog;
        this.mappings = mappings;
        this.watchdog = watchdog;
        this.timeouts = timeouts;
    }

    /**
     * One proxied request: the caller, the endpoint it names, the model asked for, the body as received and parsed
     * (chat and responses may be translated for a model without that endpoint), its traits as far as the resource
     * knows them, the client's {@code x-initiator} header (or null), and the session id it sent as a header, if any
     * (see {@link ConversationKeys#SESSION_HEADERS}).
     */
    public record Call(Caller caller, CopilotEndpoint endpoint, String model, byte[] body, JsonObject json, RequestTraits traits,
                       String clientInitiator, String sessionHeader) {
    }

    /** Sends {@code call} and resumes {@code async} with Copilot's whole response, or with an OpenAI error. */
    public void respond(Call call, AsyncResponse async) {
        Optional<String> target = mappings.current().target(call.model());
        String reportAs = target.isPresent() ? call.model() : null;
        plan(call, target)
                .thenCompose(routed -> dispatcher.call(routed.target(), routed.plan().endpoint(), routed.plan().body(), routed.plan().traits())
                        .thenApply(response -> whole(routed.plan(), response, reportAs)))
                .whenComplete((response, failure) -> async.resume(failure != null ? error(OpenAiUpstreamErrors.fromFailure(failure)) : response));
    }

    /** Sends {@code call} and streams Copilot's events to the client as they arrive (translated if need be). */
    public void stream(Call call, HttpServletRequest request, AsyncResponse async) {
        EventStreamResponse[] client = new EventStreamResponse[1];
        Optional<String> target = mappings.current().target(call.model());
        String reportAs = target.isPresent() ? call.model() : null;
        plan(call, target).thenCompose(routed -> {
            UpstreamPlan plan = routed.plan();
            StreamProtocol protocol = call.endpoint() == CopilotEndpoint.RESPONSES ? RESPONSES_PROTOCOL : STREAM_PROTOCOL;
            client[0] = open(request, async, plan, protocol, reportAs);
            return dispatcher.stream(routed.target(), plan.endpoint(), plan.body(), plan.traits(), client[0]);
        }).whenComplete((response, failure) -> {
            if (failure != null) {
                OpenAiUpstreamErrors.ErrorResponse error = OpenAiUpstreamErrors.fromFailure(failure);
                if (client[0] == null) {
                    async.resume(error(error)); // nothing was started: Jersey writes the error
                } else {
                    send(client[0], error);
                }
            } else if (!response.body().streaming()) {
                send(client[0], OpenAiUpstreamErrors.fromUpstream(response.statusCode(), response.headers(), response.body().collected()));
            }
        });
    }

    /**
     * The catalogue entry of the requested model (404 if unknown) and how to reach it: chat by {@link ChatRoutes},
     * other endpoints as they are (400 if the model cannot be used there). {@code target}: the model a mapping sends
     * the request to; the body that passes through then names it instead of the client's model.
     */
    private CompletableFuture<Routed> plan(Call call, Optional<String> target) {
        Long bound = call.caller().boundAccountId();
        return catalog.find(target.orElse(call.model()), bound).thenApply(found -> {
            CopilotModel model = found.orElseThrow(() -> unknownModel(call.model(), target));
            UpstreamPlan plan = upstreamPlan(call, model, target);
            return new Routed(plan, PoolRequests.of(bound, ConversationKeys.openAi(call.json(), call.sessionHeader()), model, plan.traits()));
        });
    }

    private UpstreamPlan upstreamPlan(Call call, CopilotModel model, Optional<String> target) {
        byte[] body = target.isEmpty() ? call.body()
                : JsonIo.bytes(JsonIo.PROVIDER.createObjectBuilder(call.json()).add("model", model.id()).build());
        if (call.endpoint() == CopilotEndpoint.CHAT_COMPLETIONS) {
            return chatRoutes.plan(call.json(), body, call.model(), model, call.traits());
        }
        if (call.endpoint() == CopilotEndpoint.RESPONSES) {
            return responsesRoutes.plan(call.json(), call.model(), model, call.clientInitiator());
        }
        if (!model.supports(call.endpoint())) {
            throw unsupportedEndpoint(call.model(), call.endpoint(), model);
        }
        return new UpstreamPlan(call.endpoint(), body, call.traits(), answer -> answer, null);
    }

    /** {@code reportAs}: the model name the stream's events must show (a mapping's {@code from}), or null to leave them. */
    private EventStreamResponse open(HttpServletRequest request, AsyncResponse async, UpstreamPlan plan, StreamProtocol protocol,
                                     String reportAs) {
        StreamRelay relay = plan.passThroughStream() ? new PassThroughRelay(protocol) : new TranslatingRelay(plan.streamTranslator().get());
        if (reportAs != null) {
            relay = new ModelRenamingRelay(relay, reportAs);
        }
        try {
            return new EventStreamResponse(async, request.getAsyncContext(), relay, watchdog, timeouts.streamIdle());
        } catch (IOException | IllegalStateException cannotStream) {
            throw new OpenAiException(500, "The response stream could not be opened", "api_error", null, null);
        }
    }

    private static Response whole(UpstreamPlan plan, HttpResponse<byte[]> response, String reportAs) {
        if (response.statusCode() != 200) {
            return error(OpenAiUpstreamErrors.fromUpstream(response.statusCode(), response.headers(), response.body()));
        }
        byte[] answer = plan.wholeResponse().apply(response.body());
        return Response.ok(reportAs == null ? answer : ReportedModel.inBody(answer, reportAs),
                response.headers().firstValue("content-type").orElse(MediaType.APPLICATION_JSON)).build();
    }

    private static Response error(OpenAiUpstreamErrors.ErrorResponse error) {
        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.body());
        error.headers().forEach(response::header);
        return response.build();
    }

    private static void send(EventStreamResponse client, OpenAiUpstreamErrors.ErrorResponse error) {
        client.sendWhole(error.status(), MediaType.APPLICATION_JSON, error.headers(), error.body());
    }

    private static OpenAiException unknownModel(String model, Optional<String> target) {
        return new OpenAiException(404, "The model '" + model + "'" + target.map(to -> " (mapped to '" + to + "')").orElse("")
                + " does not exist or is not available to this gateway's Copilot accounts; GET /v1/models lists the available ones",
                "invalid_request_error", "model", "model_not_found");
    }

    private static OpenAiException unsupportedEndpoint(String model, CopilotEndpoint endpoint, CopilotModel found) {
        return new OpenAiException(400, "The model '" + model + "' cannot be used with " + endpoint.path() + " (it supports: "
                + found.supportedEndpoints().map(String::valueOf).orElse(found.type()) + ")", "invalid_request_error", "model",
                "unsupported_api_for_model");
    }
}
