package dev.copilotgateway.github;

import java.util.concurrent.CompletionException;

/**
 * A GitHub call that did not give what was asked. The message says what happened in words safe for logs and API
 * answers: it never contains a token (GitHub's own error message is quoted, shortened).
 */
public final class GitHubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What the failure means for the caller. */
    public enum Problem {
        /** 401: the GitHub token is revoked or invalid; the account needs a new login. */
        TOKEN_REJECTED,
        /** 403 / 404 from a Copilot endpoint: no Copilot seat, or Copilot disabled for the user. */
        NO_COPILOT,
        /** GitHub answered with an OAuth error that retrying will not fix (e.g. device flow disabled). */
        REFUSED,
        /** Network failure, time-out, 5xx, or an answer that cannot be read: worth retrying later. */
        UNAVAILABLE
    }

    private final Problem problem;

    public GitHubException(Problem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** The GitHub failure behind an asynchronous failure; anything unexpected counts as {@link Problem#UNAVAILABLE}. */
    public static GitHubException from(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof GitHubException gitHub ? gitHub
                : new GitHubException(Problem.UNAVAILABLE, "the GitHub call failed (" + cause.getClass().getSimpleName() + ")");
    }
}
