package dev.copilotgateway.api;

import dev.copilotgateway.protocol.openai.OpenAiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last line of defence: any exception a resource lets through becomes a JSON error in OpenAI's shape, never a
 * stack trace. Resources of other protocols (Anthropic, Gemini) answer their own errors before this.
 */
@Provider
public final class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().hasEntity()) {
            return web.getResponse(); // an error the resource already shaped
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return OpenAiError.response(status.getStatusCode(), status.getReasonPhrase(), "invalid_request_error", null);
        }
        LOG.log(Level.SEVERE, "Unhandled failure", failure);
        return OpenAiError.response(500, "Internal error; see the gateway log", "api_error", null);
    }
}
