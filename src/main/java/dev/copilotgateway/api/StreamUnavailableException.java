package dev.copilotgateway.api;

/** The servlet response cannot be switched to streaming (the container refused async I/O): a 500, not Copilot's fault. */
final class StreamUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StreamUnavailableException(Throwable cause) {
        super("The response stream could not be opened", cause);
    }
}
