package dev.copilotgateway.admin;

import dev.copilotgateway.api.DatabaseUnavailableMapper;
import dev.copilotgateway.github.GitHubException;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.protocol.openai.OpenAiError;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The admin API's error answers, in OpenAI's shape. Messages never carry a token. */
final class AdminErrors {

    private static final Logger LOG = Logger.getLogger(AdminErrors.class.getName());

    private AdminErrors() {
    }

    static Response badRequest(String message) {
        return OpenAiError.response(400, message, "invalid_request_error", null);
    }

    static Response notFound(String message) {
        return OpenAiError.response(404, message, "invalid_request_error", "not_found");
    }

    /** What a failed asynchronous call (GitHub, then the database) means for the admin client. */
    static Response fromFailure(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof GitHubException gitHub) {
            return switch (gitHub.problem()) {
                case TOKEN_REJECTED -> OpenAiError.response(400, gitHub.getMessage(), "invalid_request_error", "invalid_github_token");
                case NO_COPILOT -> OpenAiError.response(400, gitHub.getMessage(), "invalid_request_error", "no_copilot_access");
                case REFUSED -> OpenAiError.response(502, gitHub.getMessage(), "api_error", "github_refused");
                case UNAVAILABLE -> OpenAiError.response(502, gitHub.getMessage(), "api_error", "github_unavailable");
            };
        }
        if (cause instanceof DatabaseUnavailableException unavailable) {
            return DatabaseUnavailableMapper.response("admin/api", unavailable);
        }
        LOG.log(Level.SEVERE, "Admin API call failed", cause);
        return OpenAiError.response(500, "Internal error; see the gateway log", "api_error", null);
    }
}
