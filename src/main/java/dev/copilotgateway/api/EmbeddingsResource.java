package dev.copilotgateway.api;

import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.protocol.openai.OpenAiRequests;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;

/** {@code POST /v1/embeddings} (and {@code /embeddings}): passed through to Copilot's {@code /embeddings}. */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("/")
@PublicApi
public final class EmbeddingsResource {

    private final OpenAiProxy proxy;

    @Inject
    public EmbeddingsResource(OpenAiProxy proxy) {
        this.proxy = proxy;
    }

    @POST
    @Path("{version: (v1/)?}embeddings")
    public void create(byte[] body, @Context ContainerRequestContext request, @Context HttpServletRequest servletRequest,
                       @Suspended AsyncResponse async) {
        JsonObject embeddings = OpenAiRequests.parseObject(body);
        String model = OpenAiRequests.requiredString(embeddings, "model");
        requireInput(embeddings.get("input"));
        OpenAiProxy.Call call = new OpenAiProxy.Call(Caller.of(request).orElse(Caller.anonymous()),
                CopilotEndpoint.EMBEDDINGS, model, body, embeddings, RequestTraits.embeddings(), null, null);
        proxy.respond(call, servletRequest, async);
    }

    /** A non-empty string or a non-empty array (of strings, or of token arrays). */
    private static void requireInput(JsonValue input) {
        boolean valid = input instanceof JsonString text && !text.getString().isEmpty()
                || input instanceof JsonArray array && !array.isEmpty();
        if (!valid) {
            throw OpenAiException.invalidRequest("'input' is required: a non-empty string or a non-empty array", "input");
        }
    }
}
