package dev.copilotgateway.api;

import dev.copilotgateway.protocol.openai.OpenAiRequests;
import dev.copilotgateway.routing.ConversationKeys;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.Initiators;
import dev.copilotgateway.upstream.RequestTraits;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;

/**
 * {@code POST /v1/chat/completions} (and {@code /chat/completions}): OpenAI Chat Completions, passed through to
 * Copilot's {@code /chat/completions}. The body is forwarded as sent, so fields the gateway does not model
 * (vendor extras, new OpenAI fields) reach Copilot unchanged; {@code "stream": true} answers as an event stream.
 */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("/")
@PublicApi
public final class ChatCompletionsResource {

    private final OpenAiProxy proxy;

    @Inject
    public ChatCompletionsResource(OpenAiProxy proxy) {
        this.proxy = proxy;
    }

    @POST
    @Path("{version: (v1/)?}chat/completions")
    public void create(byte[] body, @Context ContainerRequestContext request, @Context HttpServletRequest servletRequest,
                       @Suspended AsyncResponse async) {
        JsonObject chat = OpenAiRequests.parseObject(body);
        String model = OpenAiRequests.requiredString(chat, "model");
        JsonArray messages = OpenAiRequests.requiredNonEmptyArray(chat, "messages");
        boolean stream = OpenAiRequests.optionalBoolean(chat, "stream");

        String initiator = Initiators.withClientHint(Initiators.forChatCompletions(chat), request.getHeaderString("x-initiator"));
        RequestTraits traits = RequestTraits.conversation(initiator, OpenAiRequests.hasImages(messages));
        OpenAiProxy.Call call = new OpenAiProxy.Call(Caller.of(request).orElse(Caller.anonymous()),
                CopilotEndpoint.CHAT_COMPLETIONS, model, body, chat, traits, request.getHeaderString("x-initiator"), ConversationKeys.sessionHeader(request::getHeaderString));
        if (stream) {
            proxy.stream(call, servletRequest, async);
        } else {
            proxy.respond(call, servletRequest, async);
        }
    }
}
