package dev.copilotgateway.usage;

/** Told of each ended request. Called on the thread that ended it (often an I/O thread): must return at once, never block. */
@FunctionalInterface
public interface RequestOutcomeListener {

    void ended(RequestOutcome outcome);
}
