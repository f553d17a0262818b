package dev.copilotgateway.api;

import dev.copilotgateway.pool.PoolRequest;
import dev.copilotgateway.routing.UpstreamPlan;

/**
 * A planned request: how to reach the upstream, what the pool needs to choose its account, and the model name the
 * answer must show ({@code reportAs}: the client's, when a model mapping sent it elsewhere; null to leave the answer's).
 */
record Routed(UpstreamPlan plan, PoolRequest target, String reportAs) {
}
