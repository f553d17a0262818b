package dev.copilotgateway.api;

import dev.copilotgateway.api.stream.EventStreamResponse;
import dev.copilotgateway.api.stream.StreamWatchdog;
import dev.copilotgateway.api.stream.TranslatingRelay;
import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.GeminiModelList;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.models.ModelHints;
import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.models.ModelNameResolver;
import dev.copilotgateway.models.ModelResolution;
import dev.copilotgateway.pool.CopilotDispatcher;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.gemini.GeminiCountTokens;
import dev.copilotgateway.protocol.gemini.GeminiException;
import dev.copilotgateway.protocol.gemini.GeminiUpstreamErrors;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.routing.ConversationKeys;
import dev.copilotgateway.routing.GeminiRoutes;
import dev.copilotgateway.routing.PoolRequests;
import dev.copilotgateway.routing.UpstreamPlan;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.tokens.AnthropicTokenCounter;
import dev.copilotgateway.translate.gemini.GeminiJsonArrayStream;
import dev.copilotgateway.translate.gemini.GeminiToChatRequest;
import dev.copilotgateway.translate.openai.ChatToMessagesRequest;
import dev.copilotgateway.upstream.UpstreamTimeouts;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The path of a Gemini request once parsed: model resolution (the model mappings, then TRANSLATION.md §2.1 rule 9), the plan
 * ({@link GeminiRoutes}), the call, and the answer in Google's shapes: a whole {@code GenerateContentResponse}, a
 * stream of them as server-sent events ({@code ?alt=sse}) or as one JSON array written as it grows, a token count,
 * or the model list. Answers name the model as the client asked for it ({@code modelVersion}), mapped or not.
 */
public final class GeminiProxy {

    private final CopilotDispatcher dispatcher;
    private final ModelCatalog catalog;
    private final ModelNameResolver resolver;
    private final ModelMappingService mappings;
    private final GeminiRoutes routes;
    private final AnthropicTokenCounter tokenCounter;
    private final StreamWatchdog watchdog;
    private final UpstreamTimeouts timeouts;

    public GeminiProxy(CopilotDispatcher dispatcher, ModelCatalog catalog, ModelNameResolver resolver, ModelMappingService mappings,
                       GeminiRoutes routes, AnthropicTokenCounter tokenCounter, StreamWatchdog watchdog, UpstreamTimeouts timeouts) {
        this.dispatcher = dispatcher;
        this.catalog = catalog;
        this.resolver = resolver;
        this.mappings = mappings;
        this.routes = routes;
        this.tokenCounter = tokenCounter;
        this.watchdog = watchdog;
        this.timeouts = timeouts;
    }

    /** One generateContent request: {@code stream} for streamGenerateContent, {@code sse} for its {@code ?alt=sse} form. */
    public record Call(Caller caller, JsonObject body, String model, boolean stream, boolean sse) {
    }

    public void generate(Call call, HttpServletRequest request, AsyncResponse async) {
        if (!call.stream()) {
            plan(call)
                    .thenCompose(routed -> dispatcher.call(routed.target(), routed.plan().endpoint(), routed.plan().body(), routed.plan().traits())
                            .thenApply(response -> whole(routed.plan(), response)))
                    .whenComplete((response, failure) -> async.resume(failure != null ? error(GeminiUpstreamErrors.fromFailure(failure)) : response));
            return;
        }
        EventStreamResponse[] client = new EventStreamResponse[1];
        plan(call).thenCompose(routed -> {
            UpstreamPlan plan = routed.plan();
            client[0] = open(request, async, plan, call.sse());
            return dispatcher.stream(routed.target(), plan.endpoint(), plan.body(), plan.traits(), client[0]);
        }).whenComplete((response, failure) -> {
            if (failure != null) {
                GeminiUpstreamErrors.ErrorResponse error = GeminiUpstreamErrors.fromFailure(failure);
                if (client[0] == null) {
                    async.resume(error(error));
                } else {
                    send(client[0], error);
                }
            } else if (!response.body().streaming()) {
                send(client[0], GeminiUpstreamErrors.fromUpstream(response.statusCode(), response.headers(), response.body().collected()));
            }
        });
    }

    /** {@code :countTokens}, estimated locally like Anthropic's count_tokens (on the request's Messages form). */
    public void countTokens(JsonObject body, String model, Caller caller, AsyncResponse async) {
        JsonObject request = GeminiCountTokens.request(body);
        withModel(model, caller.boundAccountId(), found -> {
            JsonObject messages = new ChatToMessagesRequest().translate(GeminiToChatRequest.translate(request, found, false), found);
            return GeminiCountTokens.response(tokenCounter.countAnthropicRequest(messages, found));
        }).whenComplete((count, failure) -> async.resume(failure != null ? error(GeminiUpstreamErrors.fromFailure(failure))
                : Response.ok(count.toString(), MediaType.APPLICATION_JSON_TYPE).build()));
    }

    /** {@code GET /v1beta/models} ({@code model} null) or one model; exposed mappings are listed under their {@code from}. */
    public void models(String model, Caller caller, AsyncResponse async) {
        catalog.snapshot(caller.boundAccountId())
                .thenApply(snapshot -> mappings.current().listing(snapshot.models()))
                .thenApply(listed -> model == null ? GeminiModelList.list(listed) : GeminiModelList.find(listed, model))
                .whenComplete((json, failure) -> async.resume(failure != null ? error(GeminiUpstreamErrors.fromFailure(failure))
                        : Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).build()));
    }

    private CompletableFuture<Routed> plan(Call call) {
        Long bound = call.caller().boundAccountId();
        return withModel(call.model(), bound, model -> {
            UpstreamPlan plan = routes.plan(call.body(), call.model(), model, call.stream());
            return new Routed(plan, PoolRequests.of(bound, ConversationKeys.gemini(call.body()), model, plan.traits()));
        });
    }

    private <T> CompletableFuture<T> withModel(String requested, Long boundAccountId, Function<CopilotModel, T> then) {
        return catalog.snapshot(boundAccountId).thenApply(snapshot -> {
            ModelResolution resolution = resolver.resolve(requested, ModelHints.gemini(null), snapshot.models(), mappings.current());
            return then.apply(resolution.model().orElseThrow(() -> GeminiException.notFound(resolution.notFoundMessage())));
        });
    }

    private static Response whole(UpstreamPlan plan, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return error(GeminiUpstreamErrors.fromUpstream(response.statusCode(), response.headers(), response.body()));
        }
        return Response.ok(plan.wholeResponse().apply(response.body()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private EventStreamResponse open(HttpServletRequest request, AsyncResponse async, UpstreamPlan plan, boolean sse) {
        TranslatingRelay relay = sse ? new TranslatingRelay(plan.streamTranslator().get())
                : new TranslatingRelay(plan.streamTranslator().get(), new JsonArrayFraming());
        try {
            return new EventStreamResponse(async, request.getAsyncContext(), relay, watchdog, timeouts.streamIdle());
        } catch (IOException | IllegalStateException cannotStream) {
            throw GeminiException.internal("The response stream could not be opened");
        }
    }

    /** Gemini's default stream form: the chunks as one JSON array, written element by element. */
    private static final class JsonArrayFraming implements TranslatingRelay.Framing {
        private final GeminiJsonArrayStream array = new GeminiJsonArrayStream();

        @Override
        public byte[] frame(SseEvent event) {
            return array.element(event);
        }

        @Override
        public byte[] end() {
            return array.end();
        }

        @Override
        public String contentType() {
            return MediaType.APPLICATION_JSON;
        }
    }

    private static Response error(GeminiUpstreamErrors.ErrorResponse error) {
        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.body());
        error.headers().forEach(response::header);
        return response.build();
    }

    private static void send(EventStreamResponse client, GeminiUpstreamErrors.ErrorResponse error) {
        client.sendWhole(error.status(), MediaType.APPLICATION_JSON, error.headers(), error.body());
    }
}
