package dev.copilotgateway.usage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The listeners of ended requests (usage records, metrics, limits, access log), told in the order they were added. */
public final class RequestOutcomes implements RequestOutcomeListener {

    private static final Logger LOG = Logger.getLogger(RequestOutcomes.class.getName());

    private final List<RequestOutcomeListener> listeners = new CopyOnWriteArrayList<>();

    public void add(RequestOutcomeListener listener) {
        listeners.add(listener);
    }

    /** Tells every listener; one that throws is logged and does not keep the others from hearing. */
    @Override
    public void ended(RequestOutcome outcome) {
        for (RequestOutcomeListener listener : listeners) {
            try {
                listener.ended(outcome);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "A request outcome listener failed: " + listener.getClass().getName(), failed);
            }
        }
    }
}
