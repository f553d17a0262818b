package dev.copilotgateway.pool;

/** No account can serve the request; the message tells the operator what to do. Answered with 503. */
public final class NoAccountException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoAccountException(String message) {
        super(message);
    }
}
