package dev.copilotgateway.protocol;

import java.util.Map;

/**
 * What went wrong with a request before Copilot answered it, said once and in no API's terms: the kind, the status the
 * client gets, a message safe to show (never a secret), the offending field where the client's input was at fault,
 * headers to send (a {@code Retry-After}), and the exception it came from (an API's own, already-shaped error is
 * answered as it is by that API).
 */
public record Failure(Kind kind, int status, String message, String param, Map<String, String> headers, Throwable cause) {

    public enum Kind {
        /** The client's request cannot be served as sent (a field, a model, a content block). */
        INVALID_REQUEST,
        /** An error one of the APIs already stated, with its status; the others re-shape its message. */
        STATED,
        /** The gateway is at its limit of concurrent requests. */
        OVERLOADED,
        /** The caller's key has reached one of its own limits (requests per minute, tokens per day, concurrent requests). */
        KEY_LIMIT,
        /** The caller's key may not use what it asked for (a model outside its allow-list). */
        NOT_ALLOWED,
        /** Every account that could serve the request is cooling down. */
        THROTTLED,
        /** No account can serve the request (none configured, none enabled, no Copilot token). */
        NO_ACCOUNT,
        /** The model catalogue could not be fetched. */
        MODELS_UNAVAILABLE,
        /** Copilot did not answer in time. */
        UPSTREAM_TIMEOUT,
        /** Copilot cannot be reached. */
        UPSTREAM_UNREACHABLE,
        /** Copilot answered, but not in a shape that can be read. */
        UPSTREAM_UNREADABLE,
        /** The call to Copilot failed in a way not named above. */
        UPSTREAM_FAILED,
        /** The gateway itself could not answer (e.g. the response stream could not be opened). */
        GATEWAY_ERROR
    }

    public Failure {
        headers = Map.copyOf(headers);
    }

    public Failure(Kind kind, int status, String message, Throwable cause) {
        this(kind, status, message, null, Map.of(), cause);
    }
}
