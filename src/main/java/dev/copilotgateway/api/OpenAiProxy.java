package dev.copilotgateway.api;

import dev.copilotgateway.limits.ModelNotAllowedException;
import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.routing.ChatRoutes;
import dev.copilotgateway.routing.ConversationKeys;
import dev.copilotgateway.routing.PoolRequests;
import dev.copilotgateway.routing.ResponsesRoutes;
import dev.copilotgateway.routing.UpstreamPlan;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import dev.copilotgateway.usage.RequestMeter;
import dev.copilotgateway.usage.RequestOutcome;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The common path of the OpenAI-compatible endpoints once the request is parsed: resolve the model and plan the
 * route, which the {@link PlanRunner} sends and answers (whole or streamed). Same protocol up and down: bodies pass
 * through as sent. A model mapping sends a request for its {@code from} to its {@code to}, and the answer names
 * {@code from} again.
 */
public final class OpenAiProxy {

    private final PlanRunner runner;
    private final ModelCatalog catalog;
    private final ModelMappingService mappings;
    private final ChatRoutes chatRoutes;
    private final ResponsesRoutes responsesRoutes;

    public OpenAiProxy(PlanRunner runner, ModelCatalog catalog, ModelMappingService mappings, ChatRoutes chatRoutes,
                       ResponsesRoutes responsesRoutes) {
        this.runner = runner;
        this.catalog = catalog;
        this.mappings = mappings;
        this.chatRoutes = chatRoutes;
        this.responsesRoutes = responsesRoutes;
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
    public void respond(Call call, HttpServletRequest request, AsyncResponse async) {
        RequestMeter meter = meter(call, false);
        runner.respond(runner.approved(plan(call), requester(call, false, request)), dialect(call), async, meter);
    }

    /** Sends {@code call} and streams Copilot's events to the client as they arrive (translated if need be). */
    public void stream(Call call, HttpServletRequest request, AsyncResponse async) {
        RequestMeter meter = meter(call, true);
        runner.stream(runner.approved(plan(call), requester(call, true, request)), dialect(call), request, async, meter);
    }

    private RequestMeter meter(Call call, boolean stream) {
        return runner.meter(call.caller().apiKeyId(), ingress(call), call.model(), stream);
    }

    private static Requester requester(Call call, boolean stream, HttpServletRequest request) {
        return new Requester(call.caller(), ingress(call), stream, () -> request.getRemoteAddr());
    }

    private static String ingress(Call call) {
        return switch (call.endpoint()) {
            case RESPONSES -> RequestOutcome.INGRESS_RESPONSES;
            case EMBEDDINGS -> RequestOutcome.INGRESS_EMBEDDINGS;
            default -> RequestOutcome.INGRESS_CHAT;
        };
    }

    private static ApiDialect dialect(Call call) {
        return call.endpoint() == CopilotEndpoint.RESPONSES ? ApiDialect.OPENAI_RESPONSES : ApiDialect.OPENAI_CHAT;
    }

    /**
     * The catalogue entry of the requested model (404 if unknown) and how to reach it: chat by {@link ChatRoutes},
     * other endpoints as they are (400 if the model cannot be used there). When a mapping sends the request to another
     * model, the body that passes through names that one instead of the client's, and the answer the client's again.
     */
    private CompletableFuture<Routed> plan(Call call) {
        if (!call.caller().mayUse(call.model())) {
            return CompletableFuture.failedFuture(new ModelNotAllowedException(call.model()));
        }
        Optional<String> target = mappings.current().target(call.model());
        Long bound = call.caller().boundAccountId();
        return catalog.find(target.orElse(call.model()), bound).thenApply(found -> {
            CopilotModel model = found.orElseThrow(() -> unknownModel(call.model(), target));
            UpstreamPlan plan = upstreamPlan(call, model, target);
            return new Routed(plan, PoolRequests.of(bound, ConversationKeys.openAi(call.json(), call.sessionHeader()), model, plan.traits()),
                    target.isPresent() ? call.model() : null);
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
