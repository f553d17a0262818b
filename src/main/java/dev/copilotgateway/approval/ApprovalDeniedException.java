package dev.copilotgateway.approval;

/**
 * The request was not approved: an admin denied it, no one decided in time, or it could not be put before the admins.
 * Answered with 403 in the caller's protocol (OpenAI {@code permission_error}, Anthropic {@code permission_error},
 * Gemini {@code PERMISSION_DENIED}): a decision, not a rate limit, so clients do not retry it on their own.
 */
public final class ApprovalDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApprovalDeniedException(String message) {
        super(message);
    }
}
