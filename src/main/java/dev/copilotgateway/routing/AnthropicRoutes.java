package dev.copilotgateway.routing;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.anthropic.AnthropicException;
import dev.copilotgateway.protocol.anthropic.AnthropicRequests;
import dev.copilotgateway.protocol.openai.OpenAiRequests;
import dev.copilotgateway.translate.ReasoningEffort;
import dev.copilotgateway.translate.anthropic.AnthropicToChatPreprocessing;
import dev.copilotgateway.translate.anthropic.AnthropicToChatRequest;
import dev.copilotgateway.translate.anthropic.AnthropicToResponsesRequest;
import dev.copilotgateway.translate.anthropic.ChatToAnthropicResponse;
import dev.copilotgateway.translate.anthropic.ChatToAnthropicStream;
import dev.copilotgateway.translate.anthropic.ClaudeCodeRequests;
import dev.copilotgateway.translate.anthropic.ClaudeCodeSystemPrompts;
import dev.copilotgateway.translate.anthropic.NativeMessagesFixes;
import dev.copilotgateway.translate.anthropic.NativeMessagesStream;
import dev.copilotgateway.translate.anthropic.ResponsesToAnthropicResponse;
import dev.copilotgateway.translate.anthropic.ResponsesToAnthropicStream;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The plans for an Anthropic Messages request (TRANSLATION.md §1 first row): Copilot's native {@code /v1/messages}
 * after the §6 clean-ups, else translated to {@code /responses} (§7) or {@code /chat/completions} (§3–§5). The §3.9
 * pre-processing and the configured extra system prompts apply on every route.
 */
public final class AnthropicRoutes {

    /** What the request is, beyond its body: the model it resolved to and what the client's headers said. */
    public record Request(JsonObject body, String clientModel, CopilotModel model, Optional<String> effort, String anthropicBeta,
                          String clientInitiator) {
    }

    private final RoutePlanner planner;
    private final NativeMessagesFixes nativeFixes;
    private final ClaudeCodeSystemPrompts systemPrompts;
    /** Models Copilot refused an assistant prefill for: their prefills get the §6.3 continuation upfront. */
    private final Set<String> refusePrefill = ConcurrentHashMap.newKeySet();

    public AnthropicRoutes(RoutePlanner planner, NativeMessagesFixes nativeFixes, ClaudeCodeSystemPrompts systemPrompts) {
        this.planner = planner;
        this.nativeFixes = nativeFixes;
        this.systemPrompts = systemPrompts;
    }

    /** The plan for {@code request}; a 400 in Anthropic's shape when no endpoint of the model can serve it. */
    public UpstreamPlan plan(Request request) {
        CopilotEndpoint endpoint = planner.choose(Ingress.ANTHROPIC_MESSAGES, request.model())
                .orElseThrow(() -> unsupported(request));
        ClaudeCodeRequests.Kind kind = ClaudeCodeRequests.kind(request.body());
        JsonObject prepared = AnthropicToChatPreprocessing.apply(request.body(), kind != ClaudeCodeRequests.Kind.COMPACTION);
        prepared = systemPrompts.apply(prepared, request.model().id());
        ClaudeCodeRequests.Turn turn = ClaudeCodeRequests.turn(prepared, request.clientInitiator());
        List<String> stopSequences = AnthropicRequests.stopSequences(prepared);
        String clientModel = request.clientModel();
        switch (endpoint) {
            case MESSAGES: {
                NativeMessagesFixes.Result fixed = nativeFixes.apply(prepared, request.model(), request.effort(), request.anthropicBeta());
                RequestTraits traits = turn.traits(fixed.vision());
                if (fixed.anthropicBeta().isPresent()) {
                    traits = traits.withHeader("anthropic-beta", fixed.anthropicBeta().get());
                }
                boolean omitThinking = fixed.omitThinkingDeltas();
                JsonObject continued = NativeMessagesFixes.withPrefillFallback(fixed.payload());
                String modelId = request.model().id();
                boolean prefill = continued != fixed.payload();
                if (prefill && refusePrefill.contains(modelId)) {
                    return new UpstreamPlan(endpoint, JsonIo.bytes(continued), traits, body -> body,
                            omitThinking ? () -> new NativeMessagesStream(true) : null);
                }
                return new UpstreamPlan(endpoint, JsonIo.bytes(fixed.payload()), traits, body -> body,
                        omitThinking ? () -> new NativeMessagesStream(true) : null,
                        prefill ? new UpstreamPlan.PrefillRetry(JsonIo.bytes(continued), () -> refusePrefill.add(modelId)) : null);
            }
            case RESPONSES: {
                JsonObject payload = AnthropicToResponsesRequest.translate(prepared, request.model());
                boolean thinking = ReasoningEffort.thinkingRequested(prepared);
                return new UpstreamPlan(endpoint, JsonIo.bytes(payload), turn.traits(NativeMessagesFixes.hasImages(prepared)),
                        body -> responsesResult(body, thinking),
                        () -> new ResponsesToAnthropicStream(clientModel, AnthropicRequests.MESSAGE_IDS, thinking));
            }
            case CHAT_COMPLETIONS: {
                JsonObject payload = AnthropicToChatRequest.translate(prepared, request.model(),
                        new AnthropicToChatRequest.Options(kind == ClaudeCodeRequests.Kind.COMPACTION, true, false));
                boolean vision = OpenAiRequests.hasImages(payload.getJsonArray("messages"));
                CopilotModel model = request.model();
                return new UpstreamPlan(endpoint, JsonIo.bytes(payload), turn.traits(vision),
                        body -> JsonIo.bytes(ChatToAnthropicResponse.translate(JsonIo.readObject(body), model, clientModel,
                                stopSequences, AnthropicRequests.MESSAGE_IDS)),
                        () -> new ChatToAnthropicStream(clientModel, stopSequences, AnthropicRequests.MESSAGE_IDS));
            }
            default:
                throw unsupported(request);
        }
    }

    /** A whole /responses result as an Anthropic message; a 200 whose response failed is an error (§16). */
    private static byte[] responsesResult(byte[] body, boolean thinking) {
        JsonObject response = JsonIo.readObject(body);
        if ("failed".equals(response.getString("status", ""))) {
            JsonObject error = response.get("error") instanceof JsonObject detail ? detail : JsonIo.object().build();
            throw AnthropicException.api("The Copilot API could not complete the response: " + error.getString("message", "no reason given"));
        }
        return JsonIo.bytes(new ResponsesToAnthropicResponse(thinking).translate(response));
    }

    private AnthropicException unsupported(Request request) {
        String reachable = planner.reachable(Ingress.ANTHROPIC_MESSAGES).stream().map(CopilotEndpoint::path).collect(Collectors.joining(", "));
        String supported = request.model().supportedEndpoints().map(String::valueOf).orElse(request.model().type());
        return AnthropicException.invalidRequest("The model '" + request.clientModel() + "' cannot be used through the Messages API: it "
                + "supports " + supported + ", and this gateway reaches Anthropic clients' models through " + reachable);
    }
}
