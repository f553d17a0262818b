package dev.copilotgateway.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The answers of {@link ClientAuthFilter}, in the error shape of the API the request was for. */
final class AuthenticationErrors {

    private static final String CHALLENGE = "Bearer realm=\"copilot-gateway\"";

    private AuthenticationErrors() {
    }

    /** 401 {@code authentication_error} / {@code invalid_api_key}, with a {@code WWW-Authenticate} challenge. */
    static Response unauthorized(String path, String message) {
        return Response.fromResponse(IngressErrors.response(path, 401, "authentication_error", message, null, "invalid_api_key"))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .build();
    }
}
