package dev.copilotgateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent failed key look-ups, by key hash, so that a flood of requests with a wrong key costs a hash and a map look-up
 * each instead of a database round trip. An entry lives {@code ttl}; creating a key removes its hash at once on this
 * node. Bounded: when full, expired entries go, and if that is not enough the whole set is dropped (a full set only
 * costs database look-ups again).
 */
final class RejectedKeyCache {

    private final Duration ttl;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Instant> staleAtByHash = new ConcurrentHashMap<>();

    RejectedKeyCache(Duration ttl, int maxEntries) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    boolean rejected(String keyHash, Instant now) {
        Instant staleAt = staleAtByHash.get(keyHash);
        if (staleAt == null) {
            return false;
        }
        if (!now.isBefore(staleAt)) {
            staleAtByHash.remove(keyHash, staleAt);
            return false;
        }
        return true;
    }

    void reject(String keyHash, Instant now) {
        if (staleAtByHash.size() >= maxEntries) {
            staleAtByHash.values().removeIf(staleAt -> !now.isBefore(staleAt));
            if (staleAtByHash.size() >= maxEntries) {
                staleAtByHash.clear();
            }
        }
        staleAtByHash.put(keyHash, now.plus(ttl));
    }

    void forget(String keyHash) {
        staleAtByHash.remove(keyHash);
    }

    int size() {
        return staleAtByHash.size();
    }
}
