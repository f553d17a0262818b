package dev.copilotgateway.protocol.openai;

import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.pool.NoAccountException;
import dev.copilotgateway.pool.OverloadedException;
import dev.copilotgateway.pool.PoolThrottledException;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import dev.copilotgateway.upstream.CopilotTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * Turns what went wrong upstream into the OpenAI-shaped error the client gets. Copilot's own errors keep their
 * status and Retry-After and come in OpenAI's full shape (message, type, param, code); plain-text ones are wrapped. A 401 that survived the token refresh becomes 502:
 * it is the gateway's account that was refused, and a 401 would make SDKs blame the client's own API key.
 */
public final class OpenAiUpstreamErrors {

    /** An error response: status, headers (e.g. retry-after) and a JSON body. */
    public record ErrorResponse(int status, Map<String, String> headers, byte[] body) {
    }

    private static final Logger LOG = Logger.getLogger(OpenAiUpstreamErrors.class.getName());
    private static final int MAX_MESSAGE = 1000;

    private OpenAiUpstreamErrors() {
    }

    public static ErrorResponse fromUpstream(int status, HttpHeaders headers, byte[] body) {
        Map<String, String> passed = new LinkedHashMap<>();
        headers.firstValue("retry-after").ifPresent(value -> passed.put("Retry-After", value));
        if (status == 401) {
            return new ErrorResponse(502, passed, json("The Copilot API refused the gateway's account token", "api_error", "upstream_unauthorized"));
        }
        JsonObject copilots = errorObject(body);
        if (copilots != null) {
            return new ErrorResponse(status, passed, fullShape(copilots, status));
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String message = text.isEmpty() ? "The Copilot API answered " + status : text.substring(0, Math.min(text.length(), MAX_MESSAGE));
        return new ErrorResponse(status, passed, fullShape(message, typeFor(status), null, null));
    }

    /** A failure before any upstream response: no account, no token, no connection, a time-out. */
    public static ErrorResponse fromFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof OpenAiException clientMistake) {
            OpenAiError.Detail detail = clientMistake.error().error();
            return new ErrorResponse(clientMistake.getResponse().getStatus(), Map.of(), json(detail.message(), detail.type(), detail.param(), detail.code()));
        }
        if (cause instanceof RequestContentException invalid) { // found while translating the request: still the client's mistake
            return new ErrorResponse(400, Map.of(), json(invalid.getMessage(), "invalid_request_error", invalid.field(), null));
        }
        if (cause instanceof OverloadedException overloaded) {
            return new ErrorResponse(503, overloaded.retryAfterHeader(), json(overloaded.getMessage(), "api_error", "gateway_overloaded"));
        }
        if (cause instanceof PoolThrottledException throttled) {
            return new ErrorResponse(429, throttled.retryAfterHeader(), json(throttled.getMessage(), "rate_limit_error", "rate_limit_exceeded"));
        }
        if (cause instanceof NoAccountException || cause instanceof CopilotTokens.AccountUnavailableException) {
            return new ErrorResponse(503, Map.of(), json(cause.getMessage(), "api_error", "no_account_available"));
        }
        if (cause instanceof ModelCatalog.ModelListUnavailableException) {
            return new ErrorResponse(503, Map.of(), json("The model list is unavailable: " + cause.getMessage(), "api_error", "models_unavailable"));
        }
        if (cause instanceof HttpTimeoutException) {
            return new ErrorResponse(504, Map.of(), json("The Copilot API did not answer in time", "timeout_error", "upstream_timeout"));
        }
        if (cause instanceof ConnectException) {
            return new ErrorResponse(502, Map.of(), json("The Copilot API cannot be reached", "api_error", "upstream_unreachable"));
        }
        LOG.warning("Upstream call failed: " + cause);
        return new ErrorResponse(502, Map.of(), json("The call to the Copilot API failed", "api_error", "upstream_error"));
    }

    /** Copilot's {@code error} object when the body is OpenAI-style JSON, else null. */
    private static JsonObject errorObject(byte[] body) {
        try {
            return JsonIo.read(body) instanceof JsonObject object && object.get("error") instanceof JsonObject error ? error : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /**
     * Copilot's error in OpenAI's full shape: its message, type, param and code where it gave them (Copilot often sends
     * only message and code), the status's type otherwise, so SDKs that read {@code error.type} find one.
     */
    private static byte[] fullShape(JsonObject copilots, int status) {
        String code = text(copilots.get("code"));
        String message = text(copilots.get("message"));
        if (message == null || message.isBlank()) {
            message = "The Copilot API answered " + status + (code == null ? "" : " (" + code + ")");
        }
        String type = text(copilots.get("type"));
        return fullShape(message, type == null || type.isBlank() ? typeFor(status) : type, text(copilots.get("param")), code);
    }

    private static String text(JsonValue value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value.toString();
    }

    /** {@code {"error":{"message","type","param","code"}}} with every member present (null where unknown), as OpenAI answers. */
    private static byte[] fullShape(String message, String type, String param, String code) {
        JsonObjectBuilder error = JsonIo.object().add("message", message).add("type", type);
        if (param == null) {
            error.addNull("param");
        } else {
            error.add("param", param);
        }
        if (code == null) {
            error.addNull("code");
        } else {
            error.add("code", code);
        }
        return JsonIo.object().add("error", error).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String typeFor(int status) {
        return switch (status) {
            case 400, 413, 422 -> "invalid_request_error";
            case 402 -> "insufficient_quota";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static byte[] json(String message, String type, String code) {
        return json(message, type, null, code);
    }

    /** {@code {"error":{"message","type","param","code"}}}, nulls left out (as JSON-B writes {@link OpenAiError}). */
    private static byte[] json(String message, String type, String param, String code) {
        JsonObjectBuilder error = JsonIo.object();
        if (code != null) {
            error.add("code", code);
        }
        error.add("message", message);
        if (param != null) {
            error.add("param", param);
        }
        error.add("type", type);
        return JsonIo.object().add("error", error).build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
