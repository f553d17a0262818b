package dev.copilotgateway.persistence;

/**
 * The database is not open (still starting, or down and being retried by {@link DatabaseConnector}). Answered
 * 503 with a pointer to /readyz; it carries no stack trace, being a state rather than a bug.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException() {
        super("The gateway is starting or its database is unavailable; see /readyz", null, false, false);
    }
}
