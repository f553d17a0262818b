package dev.copilotgateway.fakeupstream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Pending faults, consumed in the order they were added by the requests they match. */
final class FaultInjector {

    /** A fault with its remaining hit count. */
    private static final class Pending {
        final Fault fault;
        int remaining;

        Pending(Fault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }
    }

    private final List<Pending> pending = new ArrayList<>();

    synchronized void add(Fault fault) {
        pending.add(new Pending(fault));
    }

    synchronized void clear() {
        pending.clear();
    }

    /** The first pending fault matching this request (one hit used up), or null; {@code account}: its token's login, or null. */
    synchronized Fault take(String path, boolean streaming, String account) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending candidate = it.next();
            if (candidate.fault.matches(path, streaming, account)) {
                if (--candidate.remaining == 0) {
                    it.remove();
                }
                return candidate.fault;
            }
        }
        return null;
    }
}
