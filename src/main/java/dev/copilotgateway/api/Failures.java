package dev.copilotgateway.api;

import dev.copilotgateway.approval.ApprovalDeniedException;
import dev.copilotgateway.limits.KeyLimitExceededException;
import dev.copilotgateway.limits.ModelNotAllowedException;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.pool.NoAccountException;
import dev.copilotgateway.pool.OverloadedException;
import dev.copilotgateway.pool.PoolThrottledException;
import dev.copilotgateway.protocol.Failure;
import dev.copilotgateway.protocol.Failure.Kind;
import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.protocol.RequestContentException;
import dev.copilotgateway.upstream.CopilotTokens;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * The one place that says what a failure of a public API request means: a {@link Throwable} from any stage (parsing
 * late, translating, choosing an account, calling Copilot, reading its answer) becomes a {@link Failure}, which each
 * API then only puts in its own shape. Unexpected failures are logged here, once, and answered without their details.
 */
public final class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class.getName());

    private Failures() {
    }

    public static Failure classify(Throwable failure) {
        Throwable cause = unwrapped(failure);
        if (cause instanceof WebApplicationException stated) {
            return new Failure(Kind.STATED, stated.getResponse().getStatus(), stated.getMessage(), cause);
        }
        if (cause instanceof RequestContentException content) {
            return new Failure(Kind.INVALID_REQUEST, 400, content.getMessage(), content.field(), Map.of(), cause);
        }
        if (cause instanceof InvalidRequestException invalid) {
            return new Failure(Kind.INVALID_REQUEST, 400, invalid.getMessage(), invalid.param(), Map.of(), cause);
        }
        if (cause instanceof ApprovalDeniedException denied) { // a decision, not a limit: 403, which clients do not retry
            return new Failure(Kind.STATED, 403, denied.getMessage(), cause);
        }
        if (cause instanceof OverloadedException overloaded) {
            return new Failure(Kind.OVERLOADED, 503, overloaded.getMessage(), null, overloaded.retryAfterHeader(), cause);
        }
        if (cause instanceof KeyLimitExceededException limited) {
            return new Failure(Kind.KEY_LIMIT, 429, limited.getMessage(), null, limited.retryAfterHeader(), cause);
        }
        if (cause instanceof ModelNotAllowedException notAllowed) {
            return new Failure(Kind.NOT_ALLOWED, 403, notAllowed.getMessage(), "model", Map.of(), cause);
        }
        if (cause instanceof PoolThrottledException throttled) {
            return new Failure(Kind.THROTTLED, 429, throttled.getMessage(), null, throttled.retryAfterHeader(), cause);
        }
        if (cause instanceof NoAccountException || cause instanceof CopilotTokens.AccountUnavailableException) {
            return new Failure(Kind.NO_ACCOUNT, 503, cause.getMessage(), cause);
        }
        if (cause instanceof ModelCatalog.ModelListUnavailableException) {
            return new Failure(Kind.MODELS_UNAVAILABLE, 503, "The model list is unavailable: " + cause.getMessage(), cause);
        }
        if (cause instanceof JsonException unreadable) { // the client's body was read before anything was sent
            LOG.warning("Unreadable answer from the Copilot API: " + unreadable.getMessage());
            return new Failure(Kind.UPSTREAM_UNREADABLE, 502, "The Copilot API's answer could not be read", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new Failure(Kind.UPSTREAM_TIMEOUT, 504, "The Copilot API did not answer in time", cause);
        }
        if (cause instanceof ConnectException) {
            return new Failure(Kind.UPSTREAM_UNREACHABLE, 502, "The Copilot API cannot be reached", cause);
        }
        if (cause instanceof StreamUnavailableException) {
            return new Failure(Kind.GATEWAY_ERROR, 500, cause.getMessage(), cause);
        }
        LOG.warning("Upstream call failed: " + cause);
        return new Failure(Kind.UPSTREAM_FAILED, 502, "The call to the Copilot API failed", cause);
    }

    /** The failure itself, not the wrappers the futures put around it. */
    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
