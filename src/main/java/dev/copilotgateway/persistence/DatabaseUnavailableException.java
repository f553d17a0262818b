package dev.copilotgateway.persistence;

/** The database is not open (yet, or any more); the message is the reason /readyz gives, safe to show. */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String reason) {
        super(reason, null, false, false);
    }
}
