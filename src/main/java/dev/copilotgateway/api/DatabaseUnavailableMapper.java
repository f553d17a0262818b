package dev.copilotgateway.api;

import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.protocol.openai.OpenAiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Work that needs the database while it is down: 503 with the reason /readyz gives. */
@Provider
public final class DatabaseUnavailableMapper implements ExceptionMapper<DatabaseUnavailableException> {

    @Override
    public Response toResponse(DatabaseUnavailableException unavailable) {
        return response(unavailable);
    }

    /** The 503 answer, also for failures that arrive asynchronously (not through the mapper). */
    public static Response response(DatabaseUnavailableException unavailable) {
        return OpenAiError.response(503, "Service unavailable: " + unavailable.getMessage() + "; see /readyz",
                "api_error", "service_unavailable");
    }
}
