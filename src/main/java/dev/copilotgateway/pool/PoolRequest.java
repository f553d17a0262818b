package dev.copilotgateway.pool;

/**
 * What the pool needs to know of a request to choose its account.
 *
 * @param boundAccountId    the caller's own account (its key is bound to one), or null for the pool
 * @param conversationKey   identifies the conversation for stickiness (see {@link ConversationKeys}), or null
 * @param modelId           the Copilot model asked for; only accounts whose catalogue lists it are candidates
 *                          (null: any account, e.g. for the model list itself)
 * @param premiumMultiplier premium requests the call costs (the model's multiplier for a user turn, else 0)
 */
public record PoolRequest(Long boundAccountId, String conversationKey, String modelId, double premiumMultiplier) {

    /** A request that any account may serve, with no conversation and no cost. */
    public static PoolRequest anyAccount(Long boundAccountId) {
        return new PoolRequest(boundAccountId, null, null, 0);
    }
}
