package dev.copilotgateway.api;

import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.protocol.openai.OpenAiRequests;
import dev.copilotgateway.routing.ConversationKeys;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.upstream.CopilotEndpoint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;

/**
 * {@code POST /v1/responses} (and {@code /responses}, as Codex CLI calls it): the OpenAI Responses API. Models with
 * Copilot's {@code /responses} get the body after the TRANSLATION.md §10 fixes and their event stream as it comes;
 * other models are served by translation (see {@code ResponsesRoutes}).
 */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("/")
@PublicApi
public final class ResponsesResource {

    private final OpenAiProxy proxy;

    @Inject
    public ResponsesResource(OpenAiProxy proxy) {
        this.proxy = proxy;
    }

    @POST
    @Path("{version: (v1/)?}responses")
    public void create(byte[] body, @Context ContainerRequestContext request, @Context HttpServletRequest servletRequest,
                       @Suspended AsyncResponse async) {
        JsonObject responses = OpenAiRequests.parseObject(body);
        String model = OpenAiRequests.requiredString(responses, "model");
        JsonValue input = responses.get("input");
        if (input == null || input == JsonValue.NULL) {
            throw OpenAiException.invalidRequest("'input' is required: a string or an array of input items", "input");
        }
        boolean stream = OpenAiRequests.optionalBoolean(responses, "stream");
        OpenAiProxy.Call call = new OpenAiProxy.Call(Caller.of(request).orElse(Caller.anonymous()), CopilotEndpoint.RESPONSES, model,
                body, responses, null, request.getHeaderString("x-initiator"), ConversationKeys.sessionHeader(request::getHeaderString));
        if (stream) {
            proxy.stream(call, servletRequest, async);
        } else {
            proxy.respond(call, servletRequest, async);
        }
    }
}
