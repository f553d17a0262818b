/**
 * Per-key limits (requests per minute, tokens per UTC day, concurrent requests): counted on each node, admitted without
 * touching the database, and shared with the other nodes on the same database by {@link dev.copilotgateway.limits.LimitCountSync}.
 */
package dev.copilotgateway.limits;
