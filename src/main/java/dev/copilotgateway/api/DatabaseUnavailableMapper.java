package dev.copilotgateway.api;

import dev.copilotgateway.persistence.DatabaseUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Work that needs the database while it is down: 503 with the reason /readyz gives. */
@Provider
public final class DatabaseUnavailableMapper implements ExceptionMapper<DatabaseUnavailableException> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(DatabaseUnavailableException unavailable) {
        return response(uri.getPath(), unavailable);
    }

    /** The 503 answer for a request to {@code path}, also for failures that arrive asynchronously (not through the mapper). */
    public static Response response(String path, DatabaseUnavailableException unavailable) {
        return IngressErrors.response(path, 503, "api_error", "Service unavailable: " + unavailable.getMessage() + "; see /readyz",
                null, "service_unavailable");
    }
}
