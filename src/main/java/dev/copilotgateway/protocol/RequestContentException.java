package dev.copilotgateway.protocol;

/**
 * The client's request cannot be understood or translated: a missing or mistyped field, a content block the
 * target cannot carry. Protocol-neutral on purpose: the ingress resource turns it into a 400 in its own error
 * shape (OpenAI, Anthropic or Gemini), naming {@link #field()} where there is one.
 */
public final class RequestContentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /** {@code field} is the path of the offending field as the client wrote it ({@code messages[2].content}), or null. */
    public RequestContentException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
