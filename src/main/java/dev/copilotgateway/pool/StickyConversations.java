package dev.copilotgateway.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

/**
 * Which account served each recent conversation, so its next requests go there too (warm prompt caches, no hopping
 * between seats). Per node and in memory; bounded: expired entries are purged when the map is full, and past the
 * bound a new conversation simply is not remembered.
 */
final class StickyConversations {

    private static final Logger LOG = Logger.getLogger(StickyConversations.class.getName());

    private record Assignment(long accountId, Instant expiresAt) {
    }

    private final ConcurrentMap<String, Assignment> byConversation = new ConcurrentHashMap<>();
    private final int maxEntries;
    private volatile boolean fullReported;

    StickyConversations(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The account that served {@code conversation} within its time to live, or null. */
    Long account(String conversation, Instant now) {
        Assignment assignment = byConversation.get(conversation);
        if (assignment == null) {
            return null;
        }
        if (!assignment.expiresAt().isAfter(now)) {
            byConversation.remove(conversation, assignment);
            return null;
        }
        return assignment.accountId();
    }

    /** {@code account} served {@code conversation} at {@code now}: it stays there for {@code ttl} from now. */
    void served(String conversation, long account, Instant now, Duration ttl) {
        if (byConversation.size() >= maxEntries && !byConversation.containsKey(conversation)) {
            byConversation.values().removeIf(assignment -> !assignment.expiresAt().isAfter(now));
            if (byConversation.size() >= maxEntries) {
                if (!fullReported) {
                    fullReported = true;
                    LOG.warning("More than " + maxEntries + " conversations are sticky at once; new ones are not kept on one account");
                }
                return;
            }
        }
        byConversation.put(conversation, new Assignment(account, now.plus(ttl)));
    }

    int size() {
        return byConversation.size();
    }
}
