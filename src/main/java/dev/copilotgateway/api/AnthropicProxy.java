package dev.copilotgateway.api;

import dev.copilotgateway.api.stream.EventStreamResponse;
import dev.copilotgateway.api.stream.ModelRenamingRelay;
import dev.copilotgateway.api.stream.PassThroughRelay;
import dev.copilotgateway.api.stream.StreamRelay;
import dev.copilotgateway.api.stream.StreamWatchdog;
import dev.copilotgateway.api.stream.TranslatingRelay;
import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.models.ModelHints;
import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.models.ModelMappings;
import dev.copilotgateway.models.ModelNameResolver;
import dev.copilotgateway.models.ModelResolution;
import dev.copilotgateway.pool.CopilotDispatcher;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.anthropic.AnthropicException;
import dev.copilotgateway.protocol.anthropic.AnthropicStreamProtocol;
import dev.copilotgateway.protocol.anthropic.AnthropicUpstreamErrors;
import dev.copilotgateway.routing.AnthropicRoutes;
import dev.copilotgateway.routing.ConversationKeys;
import dev.copilotgateway.routing.PoolRequests;
import dev.copilotgateway.routing.UpstreamPlan;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.tokens.AnthropicTokenCounter;
import dev.copilotgateway.translate.ReasoningEffort;
import dev.copilotgateway.translate.ReportedModel;
import dev.copilotgateway.translate.anthropic.ClaudeCodeRequests;
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
 * The path of an Anthropic Messages request once parsed: the Claude Code small-model rule, model resolution
 * (TRANSLATION.md §2, after the model mappings), the route and its translation ({@link AnthropicRoutes}), the call,
 * and the answer in Anthropic's protocol: a whole message, or an event stream written as the upstream produces it.
 * When a mapping chose the model, the answer names the model the client asked for.
 */
public final class AnthropicProxy {

    private static final AnthropicStreamProtocol STREAM_PROTOCOL = new AnthropicStreamProtocol();

    private final CopilotDispatcher dispatcher;
    private final ModelCatalog catalog;
    private final ModelNameResolver resolver;
    private final ModelMappingService mappings;
    private final AnthropicRoutes routes;
    private final AnthropicTokenCounter tokenCounter;
    private final StreamWatchdog watchdog;
    private final UpstreamTimeouts timeouts;
    private final String smallModel;
    private final boolean compactionUseSmallModel;

    public AnthropicProxy(CopilotDispatcher dispatcher, ModelCatalog catalog, ModelNameResolver resolver, ModelMappingService mappings,
                          AnthropicRoutes routes, AnthropicTokenCounter tokenCounter, StreamWatchdog watchdog, UpstreamTimeouts timeouts,
                          GatewayConfig config) {
        this.dispatcher = dispatcher;
        this.catalog = catalog;
        this.resolver = resolver;
        this.mappings = mappings;
        this.routes = routes;
        this.tokenCounter = tokenCounter;
        this.watchdog = watchdog;
        this.timeouts = timeouts;
        this.smallModel = config.smallModel();
        this.compactionUseSmallModel = config.compactionUseSmallModel();
    }

    /** One Messages request: the parsed body, the client's headers that matter, and whether it streams. */
    public record Call(Caller caller, JsonObject body, String model, boolean stream, String anthropicBeta, String clientInitiator) {
    }

    /** Answers {@code call} with a whole message ({@code async} resumed) or, for a stream, through the servlet response. */
    public void handle(Call call, HttpServletRequest request, AsyncResponse async) {
        ModelMappings mapped = mappings.current();
        String requested = requestedModel(call);
        String reportAs = mapped.entry(requested).isPresent() ? call.model() : null;
        if (!call.stream()) {
            plan(call, requested, mapped)
                    .thenCompose(routed -> dispatcher.call(routed.target(), routed.plan().endpoint(), routed.plan().body(), routed.plan().traits())
                            .thenCompose(response -> {
                                UpstreamPlan plan = routed.plan();
                                if (!plan.retriesPrefill(response.statusCode(), response.body())) {
                                    return CompletableFuture.completedFuture(response);
                                }
                                plan.prefillRetry().rememberRefusal().run();
                                return dispatcher.call(routed.target(), plan.endpoint(), plan.prefillRetry().body(), plan.traits());
                            })
                            .thenApply(response -> whole(routed.plan(), response, reportAs)))
                    .whenComplete((response, failure) -> async.resume(failure != null ? error(AnthropicUpstreamErrors.fromFailure(failure)) : response));
            return;
        }
        EventStreamResponse[] client = new EventStreamResponse[1];
        plan(call, requested, mapped).thenCompose(routed -> {
            UpstreamPlan plan = routed.plan();
            client[0] = open(request, async, plan, reportAs);
            return dispatcher.stream(routed.target(), plan.endpoint(), plan.body(), plan.traits(), client[0])
                    .thenCompose(response -> {
                        if (response.body().streaming() || !plan.retriesPrefill(response.statusCode(), response.body().collected())) {
                            return CompletableFuture.completedFuture(response);
                        }
                        plan.prefillRetry().rememberRefusal().run();
                        return dispatcher.stream(routed.target(), plan.endpoint(), plan.prefillRetry().body(), plan.traits(), client[0]);
                    });
        }).whenComplete((response, failure) -> {
            if (failure != null) {
                AnthropicUpstreamErrors.ErrorResponse error = AnthropicUpstreamErrors.fromFailure(failure);
                if (client[0] == null) {
                    async.resume(error(error)); // nothing was started: Jersey writes the error
                } else {
                    send(client[0], error);
                }
            } else if (!response.body().streaming()) {
                send(client[0], AnthropicUpstreamErrors.fromUpstream(response.statusCode(), response.headers(), response.body().collected()));
            }
        });
    }

    /** {@code count_tokens}: a local estimate (TRANSLATION.md §14); never an upstream inference call. */
    public void countTokens(JsonObject body, String model, String anthropicBeta, AsyncResponse async) {
        boolean claudeCode = ClaudeCodeRequests.isClaudeCode(anthropicBeta);
        catalog.snapshot().thenApply(snapshot -> {
            ModelResolution resolution = resolver.resolve(model, ModelHints.anthropic(null, anthropicBeta), snapshot.models(), mappings.current());
            long tokens = resolution.model()
                    .map(found -> tokenCounter.countAnthropicRequest(body, found, claudeCode))
                    .orElseGet(() -> tokenCounter.countAnthropicRequestForUnknownModel(body, claudeCode));
            return Response.ok(JsonIo.object().add("input_tokens", tokens).build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
        }).whenComplete((response, failure) -> async.resume(failure != null ? error(AnthropicUpstreamErrors.fromFailure(failure)) : response));
    }

    /** The model to resolve: Claude Code's warm-up probes go to the small model, other requests to the one they name. */
    private String requestedModel(Call call) {
        return ClaudeCodeRequests.smallModelRoute(call.body(), call.anthropicBeta(), smallModel, compactionUseSmallModel).orElse(call.model());
    }

    private CompletableFuture<Routed> plan(Call call, String requested, ModelMappings mapped) {
        Optional<String> requestedEffort = ReasoningEffort.requestedOutputEffort(call.body());
        Long bound = call.caller().boundAccountId();
        return catalog.snapshot(bound).thenApply(snapshot -> {
            ModelResolution resolution = resolver.resolve(requested, ModelHints.anthropic(requestedEffort.orElse(null), call.anthropicBeta()),
                    snapshot.models(), mapped);
            CopilotModel model = resolution.model().orElseThrow(() -> AnthropicException.notFound(resolution.notFoundMessage()));
            Optional<String> effort = resolution.effort().or(() -> requestedEffort);
            UpstreamPlan plan = routes.plan(new AnthropicRoutes.Request(call.body(), call.model(), model, effort, call.anthropicBeta(),
                    call.clientInitiator()));
            return new Routed(plan, PoolRequests.of(bound, ConversationKeys.anthropic(call.body()), model, plan.traits()));
        });
    }

    /** {@code reportAs}: the model name the answer must show (the client's, when a mapping applied), or null. */
    private static Response whole(UpstreamPlan plan, HttpResponse<byte[]> response, String reportAs) {
        if (response.statusCode() != 200) {
            return error(AnthropicUpstreamErrors.fromUpstream(response.statusCode(), response.headers(), response.body()));
        }
        byte[] answer = plan.wholeResponse().apply(response.body());
        return Response.ok(reportAs == null ? answer : ReportedModel.inBody(answer, reportAs), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private EventStreamResponse open(HttpServletRequest request, AsyncResponse async, UpstreamPlan plan, String reportAs) {
        StreamRelay relay = plan.passThroughStream() ? new PassThroughRelay(STREAM_PROTOCOL) : new TranslatingRelay(plan.streamTranslator().get());
        if (reportAs != null) {
            relay = new ModelRenamingRelay(relay, reportAs);
        }
        try {
            return new EventStreamResponse(async, request.getAsyncContext(), relay, watchdog, timeouts.streamIdle());
        } catch (IOException | IllegalStateException cannotStream) {
            throw AnthropicException.api("The response stream could not be opened");
        }
    }

    private static Response error(AnthropicUpstreamErrors.ErrorResponse error) {
        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.body());
        error.headers().forEach(response::header);
        return response.build();
    }

    private static void send(EventStreamResponse client, AnthropicUpstreamErrors.ErrorResponse error) {
        client.sendWhole(error.status(), MediaType.APPLICATION_JSON, error.headers(), error.body());
    }
}
