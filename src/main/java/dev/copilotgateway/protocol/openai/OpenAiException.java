package dev.copilotgateway.protocol.openai;

import jakarta.ws.rs.WebApplicationException;

/** A client-facing error of the OpenAI-compatible API, already in OpenAI's shape; thrown by ingress code. */
public final class OpenAiException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private final transient OpenAiError error;

    public OpenAiException(int status, String message, String type, String param, String code) {
        super(message, null, jakarta.ws.rs.core.Response.status(status)
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .entity(new OpenAiError(new OpenAiError.Detail(message, type, param, code)))
                .build());
        this.error = new OpenAiError(new OpenAiError.Detail(message, type, param, code));
    }

    public OpenAiError error() {
        return error;
    }

    public static OpenAiException invalidRequest(String message, String param) {
        return new OpenAiException(400, message, "invalid_request_error", param, null);
    }
}
