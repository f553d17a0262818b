package dev.copilotgateway.pool;

/** Whether an account's own model catalogue lists a model (the catalogue lives above the pool, in models/). */
@FunctionalInterface
public interface ModelAvailability {

    /** True when the account lists {@code modelId}, and when its catalogue is not known yet (the upstream decides). */
    boolean offers(long accountId, String modelId);

    ModelAvailability ANY = (accountId, modelId) -> true;
}
