package dev.copilotgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.routing.Ingress;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class IngressErrorsTest {

    @Test
    void pathsAreTakenToTheirApis() {
        assertEquals(Ingress.ANTHROPIC_MESSAGES, IngressErrors.ingressOf("v1/messages"));
        assertEquals(Ingress.ANTHROPIC_MESSAGES, IngressErrors.ingressOf("/v1/messages/count_tokens"));
        assertEquals(Ingress.ANTHROPIC_MESSAGES, IngressErrors.ingressOf("messages"));
        assertEquals(Ingress.GEMINI, IngressErrors.ingressOf("v1beta/models/gemini-2.5-pro:generateContent"));
        assertEquals(Ingress.GEMINI, IngressErrors.ingressOf("v1/models/gemini-2.5-pro:streamGenerateContent"));
        assertEquals(Ingress.OPENAI_CHAT, IngressErrors.ingressOf("v1/models/gpt-4.1"));
        assertEquals(Ingress.OPENAI_RESPONSES, IngressErrors.ingressOf("responses"));
        assertEquals(Ingress.OPENAI_CHAT, IngressErrors.ingressOf("v1/chat/completions"));
        assertEquals(Ingress.OPENAI_CHAT, IngressErrors.ingressOf("v1/models"));
    }

    private static JsonObject body(Response response) {
        Object entity = response.getEntity();
        return JsonIo.read(entity instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : JsonIo.PROVIDER.createObjectBuilder().add("error", JsonIo.object()).build().toString()).asJsonObject();
    }

    @Test
    void anthropicRequestsGetAnthropicsShapeAndTypes() {
        Response unauthorized = IngressErrors.response("v1/messages", 401, "authentication_error", "no key", null, "invalid_api_key");
        assertEquals(401, unauthorized.getStatus());
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"no key\"}}", body(unauthorized).toString());

        Response tooLarge = IngressErrors.response("v1/messages", 413, "invalid_request_error", "too big", null, "request_too_large");
        assertEquals("request_too_large", body(tooLarge).getJsonObject("error").getString("type"));

        Response unavailable = IngressErrors.response("v1/messages", 503, "service_unavailable", "down", null, null);
        assertEquals("overloaded_error", body(unavailable).getJsonObject("error").getString("type"), "unknown types follow the status");
    }

    @Test
    void openAiRequestsKeepOpenAisShape() {
        Response response = IngressErrors.response("v1/chat/completions", 400, "invalid_request_error", "bad", "model", null);
        assertEquals(400, response.getStatus());
        assertEquals("dev.copilotgateway.protocol.openai.OpenAiError", response.getEntity().getClass().getName());
    }

    @Test
    void geminiRequestsGetGooglesShape() {
        Response unauthorized = IngressErrors.response("v1beta/models/gemini-2.5-pro:generateContent", 401, "authentication_error", "no key",
                null, "invalid_api_key");
        assertEquals("{\"error\":{\"code\":401,\"message\":\"no key\",\"status\":\"UNAUTHENTICATED\"}}", body(unauthorized).toString());
    }
}
