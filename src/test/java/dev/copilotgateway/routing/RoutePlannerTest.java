package dev.copilotgateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.upstream.CopilotEndpoint;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TRANSLATION.md §1, every ingress against the endpoint sets Copilot's models advertise. */
class RoutePlannerTest {

    private final RoutePlanner planner = new RoutePlanner();

    private static CopilotModel model(String... endpoints) {
        JsonArrayBuilder list = JsonIo.array();
        for (String endpoint : endpoints) {
            list.add(endpoint);
        }
        return new CopilotModel(JsonIo.object().add("id", "m").add("supported_endpoints", list)
                .add("capabilities", JsonIo.object().add("type", "chat")).build());
    }

    private static CopilotModel legacyModel(String type) {
        JsonObjectBuilder model = JsonIo.object().add("id", "legacy").add("capabilities", JsonIo.object().add("type", type));
        return new CopilotModel(model.build());
    }

    private Optional<CopilotEndpoint> route(Ingress ingress, CopilotModel model) {
        return planner.choose(ingress, model);
    }

    @Test
    void claudeModelsListingEverythingGetTheNativeEndpointOfEachIngress() {
        CopilotModel claude = model("/chat/completions", "/v1/messages");
        assertEquals(Optional.of(CopilotEndpoint.MESSAGES), route(Ingress.ANTHROPIC_MESSAGES, claude));
        assertEquals(Optional.of(CopilotEndpoint.CHAT_COMPLETIONS), route(Ingress.OPENAI_CHAT, claude));
        assertEquals(Optional.of(CopilotEndpoint.MESSAGES), route(Ingress.OPENAI_RESPONSES, claude));
        assertEquals(Optional.of(CopilotEndpoint.CHAT_COMPLETIONS), route(Ingress.GEMINI, claude));
    }

    @Test
    void anthropicPrefersResponsesOverChatWhenThereIsNoMessagesEndpoint() {
        CopilotModel gpt5 = model("/chat/completions", "/responses", "ws:/responses");
        assertEquals(Optional.of(CopilotEndpoint.RESPONSES), route(Ingress.ANTHROPIC_MESSAGES, gpt5));
        assertEquals(Optional.of(CopilotEndpoint.CHAT_COMPLETIONS), route(Ingress.OPENAI_CHAT, gpt5));
        assertEquals(Optional.of(CopilotEndpoint.RESPONSES), route(Ingress.OPENAI_RESPONSES, gpt5));
    }

    @Test
    void responsesOnlyModelsAreReachedFromEveryIngress() {
        CopilotModel codex = model("/responses");
        for (Ingress ingress : Ingress.values()) {
            assertEquals(Optional.of(CopilotEndpoint.RESPONSES), route(ingress, codex), ingress.name());
        }
    }

    @Test
    void messagesOnlyModelsAreReachedFromEveryIngress() {
        CopilotModel messagesOnly = model("/v1/messages");
        for (Ingress ingress : Ingress.values()) {
            assertEquals(Optional.of(CopilotEndpoint.MESSAGES), route(ingress, messagesOnly), ingress.name());
        }
    }

    @Test
    void chatOnlyModelsAreReachedFromEveryIngress() {
        CopilotModel chatOnly = model("/chat/completions");
        for (Ingress ingress : Ingress.values()) {
            assertEquals(Optional.of(CopilotEndpoint.CHAT_COMPLETIONS), route(ingress, chatOnly), ingress.name());
        }
    }

    @Test
    void aModelWithoutTheFieldIsAChatModel() {
        for (Ingress ingress : Ingress.values()) {
            assertEquals(Optional.of(CopilotEndpoint.CHAT_COMPLETIONS), route(ingress, legacyModel("chat")), ingress.name());
        }
        assertEquals(Optional.empty(), route(Ingress.OPENAI_CHAT, legacyModel("embeddings")));
    }

    @Test
    void nothingUsableGivesNoRoute() {
        for (Ingress ingress : Ingress.values()) {
            assertEquals(Optional.empty(), route(ingress, model()), ingress.name());
            assertEquals(Optional.empty(), route(ingress, model("ws:/responses")), "ws:/responses alone is not HTTP /responses");
            assertEquals(Optional.empty(), route(ingress, model("/embeddings")), ingress.name());
        }
    }

    @Test
    void switchingTheNativeMessagesPathOffFallsBackToTranslation() {
        RoutePlanner withoutMessages = planner.without(CopilotEndpoint.MESSAGES);
        assertEquals(Optional.of(CopilotEndpoint.CHAT_COMPLETIONS),
                withoutMessages.choose(Ingress.ANTHROPIC_MESSAGES, model("/chat/completions", "/v1/messages")));
        assertEquals(Optional.empty(), withoutMessages.choose(Ingress.ANTHROPIC_MESSAGES, model("/v1/messages")));
    }
}
