package dev.copilotgateway.protocol.anthropic;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A client-facing error of the Anthropic-compatible API, already in Anthropic's shape (its response carries the
 * status and the JSON body); thrown by ingress code, and answered as is by the exception mapper.
 */
public final class AnthropicException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private final String type;

    public AnthropicException(int status, String type, String message) {
        super(message, null, Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new AnthropicError(type, message).bytes())
                .build());
        this.type = type;
    }

    public int status() {
        return getResponse().getStatus();
    }

    public String type() {
        return type;
    }

    public AnthropicError error() {
        return new AnthropicError(type, getMessage());
    }

    /** An error of the type Anthropic uses for {@code status}. */
    public static AnthropicException of(int status, String message) {
        return new AnthropicException(status, AnthropicError.typeFor(status), message);
    }

    public static AnthropicException invalidRequest(String message) {
        return new AnthropicException(400, AnthropicError.INVALID_REQUEST, message);
    }

    public static AnthropicException authentication(String message) {
        return new AnthropicException(401, AnthropicError.AUTHENTICATION, message);
    }

    public static AnthropicException permission(String message) {
        return new AnthropicException(403, AnthropicError.PERMISSION, message);
    }

    public static AnthropicException notFound(String message) {
        return new AnthropicException(404, AnthropicError.NOT_FOUND, message);
    }

    public static AnthropicException requestTooLarge(String message) {
        return new AnthropicException(413, AnthropicError.REQUEST_TOO_LARGE, message);
    }

    public static AnthropicException rateLimit(String message) {
        return new AnthropicException(429, AnthropicError.RATE_LIMIT, message);
    }

    public static AnthropicException api(String message) {
        return new AnthropicException(500, AnthropicError.API, message);
    }

    public static AnthropicException overloaded(String message) {
        return new AnthropicException(529, AnthropicError.OVERLOADED, message);
    }
}
