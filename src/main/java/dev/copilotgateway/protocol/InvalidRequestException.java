package dev.copilotgateway.protocol;

/**
 * Input the caller got wrong. The message is shown to the caller as is (so it never holds a secret) and
 * {@code param} names the offending field, or is {@code null}; answered 400 by the API's exception mapper
 * ({@code api.InvalidRequestMapper}).
 */
public final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String param;

    public InvalidRequestException(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
