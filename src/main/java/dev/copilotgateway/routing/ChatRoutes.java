package dev.copilotgateway.routing;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.translate.openai.ChatToMessagesRequest;
import dev.copilotgateway.translate.openai.ChatToResponsesRequest;
import dev.copilotgateway.translate.openai.MessagesToChatResponse;
import dev.copilotgateway.translate.openai.MessagesToChatStream;
import dev.copilotgateway.translate.openai.ResponsesToChatResponse;
import dev.copilotgateway.translate.openai.ResponsesToChatStream;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The plans for an OpenAI Chat Completions request (TRANSLATION.md §1, second row): Copilot's {@code /chat/completions}
 * with the body exactly as the client sent it, else translated to {@code /v1/messages} (§9) or {@code /responses}
 * (§8) for models that lack it.
 */
public final class ChatRoutes {

    /** Completion ids in OpenAI's style for translated answers whose upstream gave none. */
    private static final Supplier<String> COMPLETION_IDS = () -> "chatcmpl-" + GeneratedIds.HEX.get();

    private final RoutePlanner planner;
    private final Clock clock;

    public ChatRoutes(RoutePlanner planner, Clock clock) {
        this.planner = planner;
        this.clock = clock;
    }

    /**
     * The plan for a chat request: {@code raw} is the body as received (sent unchanged on the pass-through route),
     * {@code chat} the same parsed.
     */
    public UpstreamPlan plan(JsonObject chat, byte[] raw, String clientModel, CopilotModel model, RequestTraits traits) {
        CopilotEndpoint endpoint = planner.choose(Ingress.OPENAI_CHAT, model).orElse(null);
        long nowSeconds = clock.instant().getEpochSecond();
        if (endpoint == CopilotEndpoint.CHAT_COMPLETIONS) {
            return new UpstreamPlan(endpoint, raw, traits, body -> body, null);
        }
        if (endpoint == CopilotEndpoint.MESSAGES) {
            JsonObject payload = ChatToMessagesRequest.translate(chat, model);
            MessagesToChatResponse answers = new MessagesToChatResponse(clock);
            return new UpstreamPlan(endpoint, JsonIo.bytes(payload), traits,
                    body -> JsonIo.bytes(answers.translate(JsonIo.readObject(body), clientModel)),
                    () -> new MessagesToChatStream(clientModel, COMPLETION_IDS, nowSeconds));
        }
        if (endpoint == CopilotEndpoint.RESPONSES) {
            JsonObject payload = ChatToResponsesRequest.translate(chat, model);
            return new UpstreamPlan(endpoint, JsonIo.bytes(payload), traits, ChatRoutes::responsesResult,
                    () -> new ResponsesToChatStream(clientModel, COMPLETION_IDS, nowSeconds));
        }
        throw unsupported(clientModel, model);
    }

    /** A whole /responses result as a chat completion; a 200 whose response failed is an error. */
    private static byte[] responsesResult(byte[] body) {
        try {
            return JsonIo.bytes(ResponsesToChatResponse.translate(JsonIo.readObject(body)));
        } catch (ResponsesToChatResponse.FailedResponse failed) {
            throw new OpenAiException(502, "The Copilot API could not complete the response: " + failed.getMessage(), "api_error", null,
                    "upstream_error");
        }
    }

    private OpenAiException unsupported(String clientModel, CopilotModel model) {
        String reachable = planner.reachable(Ingress.OPENAI_CHAT).stream().map(CopilotEndpoint::path).collect(Collectors.joining(", "));
        return new OpenAiException(400, "The model '" + clientModel + "' cannot be used with /chat/completions (it supports: "
                + model.supportedEndpoints().map(String::valueOf).orElse(model.type()) + "; this gateway serves chat through "
                + reachable + ")", "invalid_request_error", "model", "unsupported_api_for_model");
    }
}
