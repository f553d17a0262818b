package dev.copilotgateway.pool;

/**
 * An account the pool may route to, as this node last read it from the database: enabled, and not known to be
 * unusable (a dead GitHub token or no Copilot seat).
 */
public record PoolAccount(long id, String login, int priority, int weight) {
}
