package dev.copilotgateway.api;

import dev.copilotgateway.protocol.openai.OpenAiError;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
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

    @Override
    public Response toResponse(ProcessingException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return OpenAiError.response(400, "The request body is not valid JSON of the expected shape", "invalid_request_error", "invalid_json");
            }
        }
        LOG.log(Level.SEVERE, "Unhandled failure", failure);
        return OpenAiError.response(500, "Internal error; see the gateway log", "api_error", null);
    }
}
