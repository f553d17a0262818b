package dev.copilotgateway.api;

import dev.copilotgateway.limits.ModelNotAllowedException;
import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.GeminiModelList;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.models.ModelHints;
import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.models.ModelNameResolver;
import dev.copilotgateway.models.ModelResolution;
import dev.copilotgateway.protocol.gemini.GeminiCountTokens;
import dev.copilotgateway.protocol.gemini.GeminiException;
import dev.copilotgateway.routing.ConversationKeys;
import dev.copilotgateway.routing.GeminiRoutes;
import dev.copilotgateway.routing.PoolRequests;
import dev.copilotgateway.routing.UpstreamPlan;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.tokens.AnthropicTokenCounter;
import dev.copilotgateway.translate.gemini.GeminiToChatRequest;
import dev.copilotgateway.translate.openai.ChatToMessagesRequest;
import dev.copilotgateway.usage.RequestMeter;
import dev.copilotgateway.usage.RequestOutcome;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The path of a Gemini request once parsed: model resolution (the model mappings, then TRANSLATION.md §2.1 rule 9), the plan
 * ({@link GeminiRoutes}), the call, and the answer in Google's shapes: a whole {@code GenerateContentResponse}, a
 * stream of them as server-sent events ({@code ?alt=sse}) or as one JSON array written as it grows, a token count,
 * or the model list. Answers name the model as the client asked for it ({@code modelVersion}), mapped or not.
 */
public final class GeminiProxy {

    private final PlanRunner runner;
    private final ModelCatalog catalog;
    private final ModelNameResolver resolver;
    private final ModelMappingService mappings;
    private final GeminiRoutes routes;
    private final AnthropicTokenCounter tokenCounter;

    public GeminiProxy(PlanRunner runner, ModelCatalog catalog, ModelNameResolver resolver, ModelMappingService mappings,
                       GeminiRoutes routes, AnthropicTokenCounter tokenCounter) {
        this.runner = runner;
        this.catalog = catalog;
        this.resolver = resolver;
        this.mappings = mappings;
        this.routes = routes;
        this.tokenCounter = tokenCounter;
    }

    /** One generateContent request: {@code stream} for streamGenerateContent, {@code sse} for its {@code ?alt=sse} form. */
    public record Call(Caller caller, JsonObject body, String model, boolean stream, boolean sse) {
    }

    public void generate(Call call, HttpServletRequest request, AsyncResponse async) {
        RequestMeter meter = runner.meter(call.caller().apiKeyId(), RequestOutcome.INGRESS_GEMINI, call.model(), call.stream());
        if (call.stream()) {
            runner.stream(runner.approved(plan(call), requester(call, request)), call.sse() ? ApiDialect.GEMINI_SSE : ApiDialect.GEMINI_JSON_ARRAY, request, async, meter);
        } else {
            runner.respond(runner.approved(plan(call), requester(call, request)), ApiDialect.GEMINI_SSE, async, meter);
        }
    }

    private static Requester requester(Call call, HttpServletRequest request) {
        return new Requester(call.caller(), RequestOutcome.INGRESS_GEMINI, call.stream(), () -> request.getRemoteAddr());
    }

    /** {@code :countTokens}, estimated locally like Anthropic's count_tokens (on the request's Messages form). */
    public void countTokens(JsonObject body, String model, Caller caller, AsyncResponse async) {
        JsonObject request = GeminiCountTokens.request(body);
        withModel(model, caller, found -> {
            JsonObject messages = ChatToMessagesRequest.translate(GeminiToChatRequest.translate(request, found, false), found);
            return GeminiCountTokens.response(tokenCounter.countAnthropicRequest(messages, found));
        }).whenComplete((count, failure) -> async.resume(failure != null ? PlanRunner.response(ApiDialect.GEMINI_SSE.failure(failure))
                : Response.ok(count.toString(), MediaType.APPLICATION_JSON_TYPE).build()));
    }

    /** {@code GET /v1beta/models} ({@code model} null) or one model; exposed mappings are listed under their {@code from}. */
    public void models(String model, Caller caller, AsyncResponse async) {
        catalog.snapshot(caller.boundAccountId())
                .thenApply(snapshot -> mappings.current().listing(snapshot.models()).stream()
                        .filter(listed -> caller.mayUse(listed.id())).toList()) // a key with an allow-list sees only its models
                .thenApply(listed -> model == null ? GeminiModelList.list(listed) : GeminiModelList.find(listed, model))
                .whenComplete((json, failure) -> async.resume(failure != null ? PlanRunner.response(ApiDialect.GEMINI_SSE.failure(failure))
                        : Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).build()));
    }

    private CompletableFuture<Routed> plan(Call call) {
        Long bound = call.caller().boundAccountId();
        return withModel(call.model(), call.caller(), model -> {
            UpstreamPlan plan = routes.plan(call.body(), call.model(), model, call.stream());
            return new Routed(plan, PoolRequests.of(bound, ConversationKeys.gemini(call.body()), model, plan.traits()), null);
        });
    }

    private <T> CompletableFuture<T> withModel(String requested, Caller caller, Function<CopilotModel, T> then) {
        if (!caller.mayUse(requested)) {
            return CompletableFuture.failedFuture(new ModelNotAllowedException(requested));
        }
        return catalog.snapshot(caller.boundAccountId()).thenApply(snapshot -> {
            ModelResolution resolution = resolver.resolve(requested, ModelHints.gemini(null), snapshot.models(), mappings.current());
            return then.apply(resolution.model().orElseThrow(() -> GeminiException.notFound(resolution.notFoundMessage())));
        });
    }
}
