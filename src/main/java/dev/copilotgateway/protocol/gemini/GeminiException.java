package dev.copilotgateway.protocol.gemini;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A client-facing error of the Gemini-compatible API, already in Google's shape (its response carries the status
 * and the JSON body); thrown by ingress code, and answered as is by the exception mapper.
 */
public final class GeminiException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private final String status;

    public GeminiException(int httpStatus, String status, String message) {
        super(message, null, Response.status(httpStatus)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new GeminiError(httpStatus, message, status).bytes())
                .build());
        this.status = status;
    }

    /** The HTTP status. */
    public int code() {
        return getResponse().getStatus();
    }

    /** Google's status name, e.g. {@code INVALID_ARGUMENT}. */
    public String status() {
        return status;
    }

    public GeminiError error() {
        return new GeminiError(code(), getMessage(), status);
    }

    /** An error with the status name Google uses for {@code httpStatus}. */
    public static GeminiException of(int httpStatus, String message) {
        return new GeminiException(httpStatus, GeminiError.statusFor(httpStatus), message);
    }

    public static GeminiException invalidArgument(String message) {
        return of(400, message);
    }

    public static GeminiException unauthenticated(String message) {
        return of(401, message);
    }

    public static GeminiException permissionDenied(String message) {
        return of(403, message);
    }

    public static GeminiException notFound(String message) {
        return of(404, message);
    }

    public static GeminiException resourceExhausted(String message) {
        return of(429, message);
    }

    public static GeminiException internal(String message) {
        return of(500, message);
    }

    public static GeminiException unavailable(String message) {
        return of(503, message);
    }
}
