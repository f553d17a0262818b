package dev.copilotgateway.api;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.limits.ModelNotAllowedException;
import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.models.ModelHints;
import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.models.ModelMappings;
import dev.copilotgateway.models.ModelNameResolver;
import dev.copilotgateway.models.ModelResolution;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.anthropic.AnthropicException;
import dev.copilotgateway.routing.AnthropicRoutes;
import dev.copilotgateway.routing.ConversationKeys;
import dev.copilotgateway.routing.PoolRequests;
import dev.copilotgateway.routing.UpstreamPlan;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.tokens.AnthropicTokenCounter;
import dev.copilotgateway.translate.ReasoningEffort;
import dev.copilotgateway.translate.anthropic.ClaudeCodeRequests;
import dev.copilotgateway.usage.RequestMeter;
import dev.copilotgateway.usage.RequestOutcome;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The path of an Anthropic Messages request once parsed: the Claude Code small-model rule, model resolution
 * (TRANSLATION.md §2, after the model mappings), the route and its translation ({@link AnthropicRoutes}), the call,
 * and the answer in Anthropic's protocol: a whole message, or an event stream written as the upstream produces it.
 * When a mapping chose the model, the answer names the model the client asked for.
 */
public final class AnthropicProxy {

    private final PlanRunner runner;
    private final ModelCatalog catalog;
    private final ModelNameResolver resolver;
    private final ModelMappingService mappings;
    private final AnthropicRoutes routes;
    private final AnthropicTokenCounter tokenCounter;
    private final String smallModel;
    private final boolean compactionUseSmallModel;

    public AnthropicProxy(PlanRunner runner, ModelCatalog catalog, ModelNameResolver resolver, ModelMappingService mappings,
                          AnthropicRoutes routes, AnthropicTokenCounter tokenCounter, GatewayConfig config) {
        this.runner = runner;
        this.catalog = catalog;
        this.resolver = resolver;
        this.mappings = mappings;
        this.routes = routes;
        this.tokenCounter = tokenCounter;
        this.smallModel = config.smallModel();
        this.compactionUseSmallModel = config.compactionUseSmallModel();
    }

    /** One Messages request: the parsed body, the client's headers that matter, and whether it streams. */
    public record Call(Caller caller, JsonObject body, String model, boolean stream, String anthropicBeta, String clientInitiator) {
    }

    /** Answers {@code call} with a whole message ({@code async} resumed) or, for a stream, through the servlet response. */
    public void handle(Call call, HttpServletRequest request, AsyncResponse async) {
        RequestMeter meter = runner.meter(call.caller().apiKeyId(), RequestOutcome.INGRESS_MESSAGES, call.model(), call.stream());
        if (call.stream()) {
            runner.stream(runner.approved(plan(call), requester(call, request)), ApiDialect.ANTHROPIC, request, async, meter);
        } else {
            runner.respond(runner.approved(plan(call), requester(call, request)), ApiDialect.ANTHROPIC, async, meter);
        }
    }

    private static Requester requester(Call call, HttpServletRequest request) {
        return new Requester(call.caller(), RequestOutcome.INGRESS_MESSAGES, call.stream(), () -> request.getRemoteAddr());
    }

    /** {@code count_tokens}: a local estimate (TRANSLATION.md §14); never an upstream inference call. */
    public void countTokens(JsonObject body, String model, Caller caller, String anthropicBeta, AsyncResponse async) {
        if (!caller.mayUse(model)) {
            async.resume(PlanRunner.response(ApiDialect.ANTHROPIC.failure(new ModelNotAllowedException(model))));
            return;
        }
        boolean claudeCode = ClaudeCodeRequests.isClaudeCode(anthropicBeta);
        catalog.snapshot().thenApply(snapshot -> {
            ModelResolution resolution = resolver.resolve(model, ModelHints.anthropic(null, anthropicBeta), snapshot.models(), mappings.current());
            long tokens = resolution.model()
                    .map(found -> tokenCounter.countAnthropicRequest(body, found, claudeCode))
                    .orElseGet(() -> tokenCounter.countAnthropicRequestForUnknownModel(body, claudeCode));
            return Response.ok(JsonIo.object().add("input_tokens", tokens).build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
        }).whenComplete((response, failure) -> async.resume(failure != null
                ? PlanRunner.response(ApiDialect.ANTHROPIC.failure(failure)) : response));
    }

    /** The model to resolve: Claude Code's warm-up probes go to the small model, other requests to the one they name. */
    private String requestedModel(Call call) {
        return ClaudeCodeRequests.smallModelRoute(call.body(), call.anthropicBeta(), smallModel, compactionUseSmallModel).orElse(call.model());
    }

    /** The model (mapped, resolved), the route and its translation; the answer names the client's model if a mapping chose it. */
    private CompletableFuture<Routed> plan(Call call) {
        if (!call.caller().mayUse(call.model())) {
            return CompletableFuture.failedFuture(new ModelNotAllowedException(call.model()));
        }
        ModelMappings mapped = mappings.current();
        String requested = requestedModel(call);
        String reportAs = mapped.entry(requested).isPresent() ? call.model() : null;
        Optional<String> requestedEffort = ReasoningEffort.requestedOutputEffort(call.body());
        Long bound = call.caller().boundAccountId();
        return catalog.snapshot(bound).thenApply(snapshot -> {
            ModelResolution resolution = resolver.resolve(requested, ModelHints.anthropic(requestedEffort.orElse(null), call.anthropicBeta()),
                    snapshot.models(), mapped);
            CopilotModel model = resolution.model().orElseThrow(() -> AnthropicException.notFound(resolution.notFoundMessage()));
            Optional<String> effort = resolution.effort().or(() -> requestedEffort);
            UpstreamPlan plan = routes.plan(new AnthropicRoutes.Request(call.body(), call.model(), model, effort, call.anthropicBeta(),
                    call.clientInitiator()));
            return new Routed(plan, PoolRequests.of(bound, ConversationKeys.anthropic(call.body()), model, plan.traits()), reportAs);
        });
    }
}
