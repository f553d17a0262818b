package dev.copilotgateway.api;

import dev.copilotgateway.approval.ApprovalRequest;
import dev.copilotgateway.security.Caller;
import java.util.function.Supplier;

/**
 * Who sent a public API request and how: the caller, the API called ({@code RequestOutcome.INGRESS_*}), whether it asked
 * for a stream, and the client's address (read only when an admin is to see it). What manual approval shows the admins, once the model is known.
 */
record Requester(Caller caller, String ingress, boolean stream, Supplier<String> remoteAddress) {

    ApprovalRequest approvalRequest(Routed routed) {
        return new ApprovalRequest(caller.apiKeyId(), caller.keyPrefix(), caller.owner(), ingress, routed.target().modelId(), stream,
                remoteAddress.get());
    }
}
