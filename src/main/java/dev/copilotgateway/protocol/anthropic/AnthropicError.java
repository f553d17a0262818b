package dev.copilotgateway.protocol.anthropic;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.util.Set;

/**
 * Anthropic's error body, {@code {"type":"error","error":{"type":...,"message":...}}}: the shape of every error of
 * the Anthropic-compatible API, whole responses and stream {@code error} events alike.
 */
public record AnthropicError(String type, String message) {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String AUTHENTICATION = "authentication_error";
    public static final String BILLING = "billing_error";
    public static final String PERMISSION = "permission_error";
    public static final String NOT_FOUND = "not_found_error";
    public static final String REQUEST_TOO_LARGE = "request_too_large";
    public static final String RATE_LIMIT = "rate_limit_error";
    public static final String API = "api_error";
    public static final String TIMEOUT = "timeout_error";
    public static final String OVERLOADED = "overloaded_error";

    private static final Set<String> TYPES = Set.of(INVALID_REQUEST, AUTHENTICATION, BILLING, PERMISSION, NOT_FOUND,
            REQUEST_TOO_LARGE, RATE_LIMIT, API, TIMEOUT, OVERLOADED);

    /** Anthropic's error type for an HTTP status (TRANSLATION.md §16, plus 402 and 504 of Anthropic's own list). */
    public static String typeFor(int status) {
        return switch (status) {
            case 400, 422 -> INVALID_REQUEST;
            case 401 -> AUTHENTICATION;
            case 402 -> BILLING;
            case 403 -> PERMISSION;
            case 404 -> NOT_FOUND;
            case 413 -> REQUEST_TOO_LARGE;
            case 429 -> RATE_LIMIT;
            case 503, 529 -> OVERLOADED;
            case 504 -> TIMEOUT;
            default -> API;
        };
    }

    /** {@code type} if it is one of Anthropic's error types, else {@code api_error}. */
    public static String knownType(String type) {
        return TYPES.contains(type) ? type : API;
    }

    public JsonObject toJson() {
        return JsonIo.object()
                .add("type", "error")
                .add("error", JsonIo.object().add("type", type).add("message", message))
                .build();
    }

    public byte[] bytes() {
        return JsonIo.bytes(toJson());
    }
}
