package dev.copilotgateway.approval;

import java.time.Instant;

/** A request waiting for an admin's decision, as {@code GET /admin/api/approvals} lists it. */
public record PendingRequest(String id, Instant time, Instant expiresAt, ApprovalRequest request) {
}
