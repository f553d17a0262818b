package dev.copilotgateway.routing;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.pool.PoolRequest;
import dev.copilotgateway.upstream.Initiators;
import dev.copilotgateway.upstream.RequestTraits;

/** The pool's view of a planned request: the caller's account, the conversation, the model and its premium cost. */
public final class PoolRequests {

    private PoolRequests() {
    }

    /** Only a user turn costs premium requests (an agent turn, {@code x-initiator: agent}, is free: UPSTREAM.md §14). */
    public static PoolRequest of(Long boundAccountId, String conversationKey, CopilotModel model, RequestTraits traits) {
        boolean agentTurn = Initiators.AGENT.equals(traits.initiator());
        return new PoolRequest(boundAccountId, conversationKey, model.id(), agentTurn ? 0 : model.premiumMultiplier());
    }
}
