package dev.copilotgateway.api;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request body JSON-B cannot read (not JSON, or a value of the wrong type) is the client's mistake: 400, not the
 * 500 Jersey's JSON-B provider would make of it. The parser's own message is not repeated (it may quote the body).
 */
@Provider
public final class InvalidJsonBodyMapper implements ExceptionMapper<ProcessingException> {

    private static final Logger LOG = Logger.getLogger(InvalidJsonBodyMapper.class.getName());

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(ProcessingException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException || thrownByTheParser(cause)) {
                return IngressErrors.response(uri.getPath(), 400, "invalid_request_error", "The request body is not valid JSON of the expected shape",
                        null, "invalid_json");
            }
        }
        LOG.log(Level.SEVERE, "Unhandled failure", failure);
        return IngressErrors.response(uri.getPath(), 500, "api_error", "Internal error; see the gateway log", null, null);
    }

    /** Parsson reports some bodies it cannot read (nested past its depth limit) with a bare RuntimeException. */
    static boolean thrownByTheParser(Throwable cause) {
        StackTraceElement[] trace = cause.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.eclipse.parsson.");
    }
}
