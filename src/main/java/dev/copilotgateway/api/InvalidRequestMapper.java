package dev.copilotgateway.api;

import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.protocol.openai.OpenAiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** {@link InvalidRequestException} → 400 {@code invalid_request_error}, with the offending field as {@code param}. */
@Provider
public final class InvalidRequestMapper implements ExceptionMapper<InvalidRequestException> {

    @Override
    public Response toResponse(InvalidRequestException invalid) {
        return OpenAiError.response(400, new OpenAiError.Detail(invalid.getMessage(), "invalid_request_error", invalid.param(), null));
    }
}
