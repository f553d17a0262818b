package dev.copilotgateway.api;

import dev.copilotgateway.protocol.RequestContentException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last line of defence: any exception a resource lets through becomes a JSON error in the shape of the request's
 * API, never a stack trace. Errors a resource already shaped (OpenAiException, AnthropicException) pass as they are;
 * a translator's {@link RequestContentException} is the client's mistake, a 400.
 */
@Provider
public final class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().hasEntity()) {
            return web.getResponse(); // an error the resource already shaped
        }
        if (failure instanceof RequestContentException invalid) {
            return IngressErrors.response(uri.getPath(), 400, "invalid_request_error", invalid.getMessage(), invalid.field(), null);
        }
        if (failure instanceof BodySizeLimit.TooLargeException tooLarge) {
            return IngressErrors.response(uri.getPath(), 413, "invalid_request_error", tooLarge.getMessage(), null, "request_too_large");
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return IngressErrors.response(uri.getPath(), status.getStatusCode(), "invalid_request_error", status.getReasonPhrase(), null, null);
        }
        LOG.log(Level.SEVERE, "Unhandled failure", failure);
        return IngressErrors.response(uri.getPath(), 500, "api_error", "Internal error; see the gateway log", null, null);
    }
}
