package dev.copilotgateway.api;

import dev.copilotgateway.protocol.anthropic.AnthropicError;
import dev.copilotgateway.protocol.gemini.GeminiError;
import dev.copilotgateway.protocol.openai.OpenAiError;
import dev.copilotgateway.routing.Ingress;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The errors the gateway itself makes before a request reaches its resource (no or bad API key, body too large or
 * not JSON, database down), in the error shape of the API the request was for: an Anthropic SDK must be able to
 * read a 401 as an Anthropic {@code authentication_error}, an OpenAI SDK as an OpenAI one.
 */
public final class IngressErrors {

    private IngressErrors() {
    }

    /** The API of a request path as Jersey gives it (relative to the application, no leading slash). */
    public static Ingress ingressOf(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.startsWith("v1/messages") || relative.startsWith("messages")) {
            return Ingress.ANTHROPIC_MESSAGES;
        }
        if (relative.startsWith("v1beta/") || relative.startsWith("v1alpha/") || relative.startsWith("v1/models/") && relative.contains(":")) {
            return Ingress.GEMINI;
        }
        if (relative.startsWith("v1/responses") || relative.startsWith("responses")) {
            return Ingress.OPENAI_RESPONSES;
        }
        return Ingress.OPENAI_CHAT;
    }

    /**
     * A JSON error response for {@code path}. {@code type} is OpenAI's error type (Anthropic shares most of them;
     * otherwise Anthropic's type for the status is used; Google's shape names the status instead); {@code param} and
     * {@code code} only appear in OpenAI's shape.
     */
    public static Response response(String path, int status, String type, String message, String param, String code) {
        if (ingressOf(path) == Ingress.ANTHROPIC_MESSAGES) {
            String anthropicType = status == 413 ? AnthropicError.REQUEST_TOO_LARGE
                    : AnthropicError.knownType(type).equals(type) ? type : AnthropicError.typeFor(status);
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new AnthropicError(anthropicType, message).bytes()).build();
        }
        if (ingressOf(path) == Ingress.GEMINI) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(GeminiError.of(status, message).bytes()).build();
        }
        return OpenAiError.response(status, new OpenAiError.Detail(message, type, param, code));
    }
}
