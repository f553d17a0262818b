package dev.copilotgateway.protocol.openai;

import dev.copilotgateway.protocol.ErrorResponse;
import dev.copilotgateway.protocol.Failure;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts what went wrong (Copilot's own error answer, or a {@link Failure} classified by the API) in the OpenAI-shaped
 * error the client gets. Copilot's own errors keep their
 * status and Retry-After and come in OpenAI's full shape (message, type, param, code); plain-text ones are wrapped. A 401 that survived the token refresh becomes 502:
 * it is the gateway's account that was refused, and a 401 would make SDKs blame the client's own API key.
 */
public final class OpenAiUpstreamErrors {

    private static final int MAX_MESSAGE = 1000;

    private OpenAiUpstreamErrors() {
    }

    public static ErrorResponse fromUpstream(int status, HttpHeaders headers, byte[] body) {
        Map<String, String> passed = new LinkedHashMap<>();
        headers.firstValue("retry-after").ifPresent(value -> passed.put("Retry-After", value));
        if (status == 401) {
            return new ErrorResponse(502, passed, json("The Copilot API refused the gateway's account token", "api_error", null, "upstream_unauthorized"));
        }
        JsonObject copilots = errorObject(body);
        if (copilots != null) {
            return new ErrorResponse(status, passed, fullShape(copilots, status));
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String message = text.isEmpty() ? "The Copilot API answered " + status : text.substring(0, Math.min(text.length(), MAX_MESSAGE));
        return new ErrorResponse(status, passed, fullShape(message, typeFor(status), null, null));
    }

    /** A failure before Copilot answered, in OpenAI's shape: the API's own errors as they are, the others by kind. */
    public static ErrorResponse of(Failure failure) {
        if (failure.cause() instanceof OpenAiException own) {
            OpenAiError.Detail detail = own.error().error();
            return new ErrorResponse(failure.status(), failure.headers(), json(detail.message(), detail.type(), detail.param(), detail.code()));
        }
        String type = switch (failure.kind()) {
            case INVALID_REQUEST -> "invalid_request_error";
            case STATED -> typeFor(failure.status());
            case THROTTLED, KEY_LIMIT -> "rate_limit_error";
            case NOT_ALLOWED -> "permission_error";
            case UPSTREAM_TIMEOUT -> "timeout_error";
            default -> "api_error";
        };
        String code = switch (failure.kind()) {
            case OVERLOADED -> "gateway_overloaded";
            case THROTTLED, KEY_LIMIT -> "rate_limit_exceeded";
            case NOT_ALLOWED -> "model_not_allowed";
            case NO_ACCOUNT -> "no_account_available";
            case MODELS_UNAVAILABLE -> "models_unavailable";
            case UPSTREAM_TIMEOUT -> "upstream_timeout";
            case UPSTREAM_UNREACHABLE -> "upstream_unreachable";
            case UPSTREAM_UNREADABLE -> "upstream_unreadable";
            case UPSTREAM_FAILED -> "upstream_error";
            case INVALID_REQUEST, STATED, GATEWAY_ERROR -> null;
        };
        return new ErrorResponse(failure.status(), failure.headers(), json(failure.message(), type, failure.param(), code));
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
