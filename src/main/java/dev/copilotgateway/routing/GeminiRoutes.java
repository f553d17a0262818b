package dev.copilotgateway.routing;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.gemini.GeminiException;
import dev.copilotgateway.protocol.openai.OpenAiRequests;
import dev.copilotgateway.translate.ChainedStreamTranslator;
import dev.copilotgateway.translate.gemini.ChatToGeminiResponse;
import dev.copilotgateway.translate.gemini.ChatToGeminiStream;
import dev.copilotgateway.translate.gemini.GeminiToChatRequest;
import dev.copilotgateway.translate.openai.ChatToMessagesRequest;
import dev.copilotgateway.translate.openai.ChatToResponsesRequest;
import dev.copilotgateway.translate.openai.MessagesToChatResponse;
import dev.copilotgateway.translate.openai.MessagesToChatStream;
import dev.copilotgateway.translate.openai.ResponsesToChatResponse;
import dev.copilotgateway.translate.openai.ResponsesToChatStream;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.Initiators;
import dev.copilotgateway.upstream.RequestTraits;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * The plans for a Gemini generateContent request (TRANSLATION.md §1, fourth row, §11): translated to Chat and sent to
 * {@code /chat/completions}; for models without it, the Chat shape goes on to {@code /v1/messages} or
 * {@code /responses} (§11.5), and the answer comes back the same way (Messages or Responses → Chat → Gemini).
 */
public final class GeminiRoutes {

    private final RoutePlanner planner;
    private final Clock clock;

    public GeminiRoutes(RoutePlanner planner, Clock clock) {
        this.planner = planner;
        this.clock = clock;
    }

    /** The plan for {@code request} (parsed Gemini body) asking for {@code clientModel}, resolved to {@code model}. */
    public UpstreamPlan plan(JsonObject request, String clientModel, CopilotModel model, boolean stream) {
        CopilotEndpoint endpoint = planner.choose(Ingress.GEMINI, model).orElseThrow(() -> unsupported(clientModel, model));
        JsonObject chat = GeminiToChatRequest.translate(request, model, stream);
        RequestTraits traits = RequestTraits.conversation(Initiators.forChatCompletions(chat), OpenAiRequests.hasImages(chat.getJsonArray("messages")));
        long now = clock.instant().getEpochSecond();
        switch (endpoint) {
            case CHAT_COMPLETIONS:
                return new UpstreamPlan(endpoint, JsonIo.bytes(chat), traits,
                        body -> JsonIo.bytes(ChatToGeminiResponse.translate(JsonIo.readObject(body), clientModel)),
                        ChatToGeminiStream::new);
            case MESSAGES: {
                MessagesToChatResponse toChat = new MessagesToChatResponse(clock);
                return new UpstreamPlan(endpoint, JsonIo.bytes(ChatToMessagesRequest.translate(chat, model)), traits,
                        body -> JsonIo.bytes(ChatToGeminiResponse.translate(toChat.translate(JsonIo.readObject(body), clientModel), clientModel)),
                        () -> new ChainedStreamTranslator(new MessagesToChatStream(clientModel, GeminiRoutes::chatId, now), new ChatToGeminiStream()));
            }
            case RESPONSES:
                return new UpstreamPlan(endpoint, JsonIo.bytes(ChatToResponsesRequest.translate(chat, model)), traits,
                        body -> JsonIo.bytes(ChatToGeminiResponse.translate(ResponsesToChatResponse.translate(JsonIo.readObject(body)),
                                clientModel)),
                        () -> new ChainedStreamTranslator(new ResponsesToChatStream(clientModel, GeminiRoutes::chatId, now), new ChatToGeminiStream()));
            default:
                throw unsupported(clientModel, model);
        }
    }

    private static String chatId() {
        return "chatcmpl-" + GeneratedIds.HEX.get();
    }

    private GeminiException unsupported(String clientModel, CopilotModel model) {
        String reachable = planner.reachable(Ingress.GEMINI).stream().map(CopilotEndpoint::path).collect(Collectors.joining(", "));
        return GeminiException.invalidArgument("The model '" + clientModel + "' cannot generate content here (it supports: "
                + model.supportedEndpoints().map(String::valueOf).orElse(model.type()) + "; this gateway serves Gemini requests through "
                + reachable + ")");
    }
}
