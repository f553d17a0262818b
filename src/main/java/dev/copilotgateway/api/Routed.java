package dev.copilotgateway.api;

import dev.copilotgateway.pool.PoolRequest;
import dev.copilotgateway.routing.UpstreamPlan;

/** A planned request: how to reach the upstream, and what the pool needs to choose its account. */
record Routed(UpstreamPlan plan, PoolRequest target) {
}
