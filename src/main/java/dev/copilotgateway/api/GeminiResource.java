package dev.copilotgateway.api;

import dev.copilotgateway.protocol.gemini.GeminiModelPath;
import dev.copilotgateway.protocol.gemini.GeminiRequests;
import dev.copilotgateway.security.Caller;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;

/**
 * The Gemini API (TRANSLATION.md §11): {@code POST /v1beta/models/{model}:generateContent},
 * {@code :streamGenerateContent} ({@code ?alt=sse} for server-sent events, else a streamed JSON array) and
 * {@code :countTokens}, also under {@code /v1/} (where the Google Gen AI SDK 2 sends them) and {@code /v1alpha/};
 * {@code GET /v1beta/models} and {@code /v1beta/models/{model}} ({@code GET /v1/models} is OpenAI's list). Keys come
 * as {@code x-goog-api-key}, {@code ?key=} or Bearer (see {@link ClientAuthFilter}).
 */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("/")
@PublicApi
public final class GeminiResource {

    private final GeminiProxy proxy;

    @Inject
    public GeminiResource(GeminiProxy proxy) {
        this.proxy = proxy;
    }

    @POST
    @Path("{version: v1beta|v1alpha|v1}/models/{modelWithMethod: [^/]+:[^/]+}")
    public void call(@PathParam("modelWithMethod") String modelWithMethod, @QueryParam("alt") String alt, byte[] body,
                     @Context ContainerRequestContext request, @Context HttpServletRequest servletRequest, @Suspended AsyncResponse async) {
        GeminiModelPath path = GeminiModelPath.parse(modelWithMethod);
        if (path.method() == GeminiModelPath.Method.COUNT_TOKENS) {
            proxy.countTokens(GeminiRequests.parseObject(body), path.model(), Caller.of(request).orElse(Caller.anonymous()), async);
            return;
        }
        JsonObject generate = GeminiRequests.generateContentRequest(body);
        GeminiProxy.Call call = new GeminiProxy.Call(Caller.of(request).orElse(Caller.anonymous()), generate, path.model(),
                path.method().streaming(), GeminiModelPath.sse(alt));
        proxy.generate(call, servletRequest, async);
    }

    @GET
    @Path("v1beta/models")
    public void list(@Context ContainerRequestContext request, @Suspended AsyncResponse async) {
        proxy.models(null, Caller.of(request).orElse(Caller.anonymous()), async);
    }

    @GET
    @Path("v1beta/models/{model}")
    public void get(@PathParam("model") String model, @Context ContainerRequestContext request, @Suspended AsyncResponse async) {
        proxy.models(model, Caller.of(request).orElse(Caller.anonymous()), async);
    }
}
