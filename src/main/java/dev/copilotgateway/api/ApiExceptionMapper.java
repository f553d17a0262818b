package dev.copilotgateway.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last line of defence: any exception a resource lets through becomes a small JSON error, never a stack
 * trace. Protocol-specific error shapes (OpenAI, Anthropic, Gemini) are produced by their own resources.
 */
@Provider
public final class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    /** {@code {"error":{"message":...,"type":...}}}. */
    public record ErrorBody(Error error) {
        public record Error(String message, String type) {
        }
    }

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return json(status.getStatusCode(), status.getReasonPhrase(), "invalid_request_error");
        }
        LOG.log(Level.SEVERE, "Unhandled failure", failure);
        return json(500, "Internal error; see the gateway log", "api_error");
    }

    private static Response json(int status, String message, String type) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(new ErrorBody.Error(message, type)))
                .build();
    }
}
