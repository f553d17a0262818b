package dev.copilotgateway.api;

import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.protocol.openai.OpenAiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** {@link DatabaseUnavailableException} → 503, the same answer the admin filter gives before the database opens. */
@Provider
public final class DatabaseUnavailableMapper implements ExceptionMapper<DatabaseUnavailableException> {

    @Override
    public Response toResponse(DatabaseUnavailableException unavailable) {
        return OpenAiError.response(503, unavailable.getMessage(), "api_error", "service_unavailable");
    }
}
