package dev.copilotgateway.protocol.gemini;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;

/**
 * Google's error body, {@code {"error":{"code":<http status>,"message":...,"status":"INVALID_ARGUMENT"}}}
 * (TRANSLATION.md §11.7): the shape of every error of the Gemini-compatible API, whole responses and stream error
 * chunks alike. {@code status} is the canonical gRPC code name Google pairs with the HTTP status.
 */
public record GeminiError(int code, String message, String status) {

    public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";
    public static final String FAILED_PRECONDITION = "FAILED_PRECONDITION";
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String ABORTED = "ABORTED";
    public static final String RESOURCE_EXHAUSTED = "RESOURCE_EXHAUSTED";
    public static final String CANCELLED = "CANCELLED";
    public static final String INTERNAL = "INTERNAL";
    public static final String UNIMPLEMENTED = "UNIMPLEMENTED";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    public static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";

    /** An error with the status name Google uses for {@code httpStatus}. */
    public static GeminiError of(int httpStatus, String message) {
        return new GeminiError(httpStatus, message, statusFor(httpStatus));
    }

    /**
     * The status name for an HTTP status (§11.7, completed from Google's canonical code table). 402 is Copilot's
     * quota answer, hence RESOURCE_EXHAUSTED; 502 and 529 are passing outages, hence UNAVAILABLE.
     */
    public static String statusFor(int httpStatus) {
        return switch (httpStatus) {
            case 400, 413, 422 -> INVALID_ARGUMENT;
            case 401 -> UNAUTHENTICATED;
            case 402, 429 -> RESOURCE_EXHAUSTED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 409 -> ABORTED;
            case 499 -> CANCELLED;
            case 501 -> UNIMPLEMENTED;
            case 502, 503, 529 -> UNAVAILABLE;
            case 504 -> DEADLINE_EXCEEDED;
            default -> httpStatus >= 400 && httpStatus < 500 ? FAILED_PRECONDITION : INTERNAL;
        };
    }

    /**
     * The error for a stream that cannot go on, from the relay's neutral kind ({@code timeout_error},
     * {@code overloaded_error}, {@code rate_limit_error}; anything else is an internal error).
     */
    public static GeminiError ofStreamFailure(String neutralType, String message) {
        int httpStatus = switch (neutralType == null ? "" : neutralType) {
            case "timeout_error" -> 504;
            case "overloaded_error" -> 503;
            case "rate_limit_error" -> 429;
            case "invalid_request_error" -> 400;
            default -> 500;
        };
        return of(httpStatus, message);
    }

    public JsonObject toJson() {
        return JsonIo.object()
                .add("error", JsonIo.object().add("code", code).add("message", message).add("status", status))
                .build();
    }

    public byte[] bytes() {
        return JsonIo.bytes(toJson());
    }
}
