package dev.copilotgateway.api;

import dev.copilotgateway.protocol.anthropic.AnthropicRequests;
import dev.copilotgateway.security.Caller;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;

/**
 * {@code POST /v1/messages} (and {@code /messages}; Claude Code's {@code ?beta=true} is ignored) and
 * {@code POST /v1/messages/count_tokens}: the Anthropic Messages API. {@code anthropic-version} is accepted and not
 * needed; {@code anthropic-beta} is passed on as far as Copilot allows (UPSTREAM.md §6.5).
 */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("/")
@PublicApi
public final class MessagesResource {

    private final AnthropicProxy proxy;

    @Inject
    public MessagesResource(AnthropicProxy proxy) {
        this.proxy = proxy;
    }

    @POST
    @Path("{version: (v1/)?}messages")
    public void create(byte[] body, @Context ContainerRequestContext request, @Context HttpServletRequest servletRequest,
                       @Suspended AsyncResponse async) {
        JsonObject message = AnthropicRequests.parseObject(body);
        String model = AnthropicRequests.requiredString(message, "model");
        AnthropicRequests.requiredMessages(message);
        AnthropicRequests.requiredMaxTokens(message);
        boolean stream = AnthropicRequests.optionalBoolean(message, "stream");
        AnthropicProxy.Call call = new AnthropicProxy.Call(Caller.of(request).orElse(Caller.anonymous()), message, model, stream,
                request.getHeaderString("anthropic-beta"), request.getHeaderString("x-initiator"));
        proxy.handle(call, servletRequest, async);
    }

    @POST
    @Path("{version: (v1/)?}messages/count_tokens")
    public void countTokens(byte[] body, @Context ContainerRequestContext request, @Suspended AsyncResponse async) {
        JsonObject message = AnthropicRequests.parseObject(body);
        String model = AnthropicRequests.requiredString(message, "model");
        AnthropicRequests.requiredMessages(message);
        proxy.countTokens(message, model, Caller.of(request).orElse(Caller.anonymous()), request.getHeaderString("anthropic-beta"), async);
    }
}
