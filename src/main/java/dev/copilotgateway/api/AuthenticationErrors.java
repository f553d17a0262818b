package dev.copilotgateway.api;

import dev.copilotgateway.protocol.openai.OpenAiError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The answers of {@link ClientAuthFilter}, rendered in this one place: in OpenAI's error shape for now. When the
 * Anthropic and Gemini APIs arrive, this is where the request's protocol picks their shapes instead.
 */
final class AuthenticationErrors {

    private static final String CHALLENGE = "Bearer realm=\"copilot-gateway\"";

    private AuthenticationErrors() {
    }

    /** 401 {@code authentication_error} / {@code invalid_api_key}, with a {@code WWW-Authenticate} challenge. */
    static Response unauthorized(String message) {
        return Response.fromResponse(OpenAiError.response(401, message, "authentication_error", "invalid_api_key"))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .build();
    }
}
