package dev.copilotgateway.routing;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.protocol.openai.OpenAiRequests;
import dev.copilotgateway.translate.ChainedStreamTranslator;
import dev.copilotgateway.translate.openai.ChatToMessagesRequest;
import dev.copilotgateway.translate.openai.ChatToResponsesResponse;
import dev.copilotgateway.translate.openai.ChatToResponsesStream;
import dev.copilotgateway.translate.openai.MessagesToChatResponse;
import dev.copilotgateway.translate.openai.MessagesToChatStream;
import dev.copilotgateway.translate.openai.ResponsesPassThroughFixes;
import dev.copilotgateway.translate.openai.ResponsesToChatRequest;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.Initiators;
import dev.copilotgateway.upstream.RequestTraits;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The plans for an OpenAI Responses request (TRANSLATION.md §1, third row, and §10): Copilot's {@code /responses}
 * after the §10 fixes, with the stream passed through; else, for models without it, translated to
 * {@code /v1/messages} (through the Chat shape: Responses → Chat → Messages and back) or to {@code /chat/completions}.
 */
public final class ResponsesRoutes {

    /** The translators add the {@code resp_}, {@code msg_} … prefixes themselves. */
    private static final Supplier<String> IDS = GeneratedIds.HEX;

    private final RoutePlanner planner;
    private final Clock clock;

    public ResponsesRoutes(RoutePlanner planner, Clock clock) {
        this.planner = planner;
        this.clock = clock;
    }

    /** The plan for {@code request} (parsed), asking for {@code clientModel}, resolved to {@code model}. */
    public UpstreamPlan plan(JsonObject request, String clientModel, CopilotModel model, String clientInitiator) {
        CopilotEndpoint endpoint = planner.choose(Ingress.OPENAI_RESPONSES, model).orElseThrow(() -> unsupported(clientModel, model));
        long now = clock.instant().getEpochSecond();
        if (endpoint == CopilotEndpoint.RESPONSES) {
            JsonObject payload = ResponsesPassThroughFixes.apply(request, model);
            RequestTraits traits = RequestTraits.conversation(Initiators.withClientHint(Initiators.forResponses(payload), clientInitiator),
                    ResponsesPassThroughFixes.hasImages(payload));
            return new UpstreamPlan(endpoint, JsonIo.bytes(payload), traits, body -> body, null);
        }
        JsonObject chat = ResponsesToChatRequest.translate(request, model);
        RequestTraits traits = RequestTraits.conversation(Initiators.withClientHint(Initiators.forChatCompletions(chat), clientInitiator),
                OpenAiRequests.hasImages(chat.getJsonArray("messages")));
        if (endpoint == CopilotEndpoint.MESSAGES) {
            JsonObject payload = ChatToMessagesRequest.translate(chat, model);
            MessagesToChatResponse messagesToChat = new MessagesToChatResponse(clock);
            return new UpstreamPlan(endpoint, JsonIo.bytes(payload), traits,
                    body -> JsonIo.bytes(ChatToResponsesResponse.translate(messagesToChat.translate(JsonIo.readObject(body), clientModel), request, IDS)),
                    () -> new ChainedStreamTranslator(new MessagesToChatStream(clientModel, IDS, now),
                            new ChatToResponsesStream(request, clientModel, IDS, now)));
        }
        return new UpstreamPlan(endpoint, JsonIo.bytes(chat), traits,
                body -> JsonIo.bytes(ChatToResponsesResponse.translate(JsonIo.readObject(body), request, IDS)),
                () -> new ChatToResponsesStream(request, clientModel, IDS, now));
    }

    private OpenAiException unsupported(String clientModel, CopilotModel model) {
        String reachable = planner.reachable(Ingress.OPENAI_RESPONSES).stream().map(CopilotEndpoint::path).collect(Collectors.joining(", "));
        return new OpenAiException(400, "The model '" + clientModel + "' cannot be used with /responses (it supports: "
                + model.supportedEndpoints().map(String::valueOf).orElse(model.type()) + "; this gateway serves responses through "
                + reachable + ")", "invalid_request_error", "model", "unsupported_api_for_model");
    }
}
