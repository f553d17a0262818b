package dev.copilotgateway.approval;

/**
 * What an admin sees of a request waiting for approval: the client API key (id and visible prefix; null when anonymous),
 * its owner, the public API called ({@code RequestOutcome.INGRESS_*}), the model it will be sent to, whether it streams,
 * and the client's address. Never its body.
 */
public record ApprovalRequest(Long keyId, String keyPrefix, String owner, String ingress, String model, boolean stream,
                              String remoteAddress) {
}
