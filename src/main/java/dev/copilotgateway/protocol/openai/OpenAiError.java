package dev.copilotgateway.protocol.openai;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * OpenAI's error body, {@code {"error":{"message":...,"type":...,"param":...,"code":...}}} (nulls omitted).
 * The shape of every error of the OpenAI-compatible API and of the admin API.
 */
public record OpenAiError(Detail error) {

    /** The inner object; {@code type} is e.g. {@code invalid_request_error}, {@code authentication_error}. */
    public record Detail(String message, String type, String param, String code) {
    }

    public static OpenAiError of(String message, String type, String code) {
        return new OpenAiError(new Detail(message, type, null, code));
    }

    /** A JSON response with this error as its body. */
    public static Response response(int status, String message, String type, String code) {
        return response(status, new Detail(message, type, null, code));
    }

    /** A JSON response with this error as its body; {@code param} names the request field at fault. */
    public static Response response(int status, Detail error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new OpenAiError(error)).build();
    }
}
