package dev.copilotgateway.approval;

/** No request waits under that id: it never did, it was decided already, or its time ran out. */
public final class UnknownApprovalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownApprovalException(String id) {
        super("No request waits for approval under the id '" + id + "' (unknown, already decided, or timed out)");
    }
}
