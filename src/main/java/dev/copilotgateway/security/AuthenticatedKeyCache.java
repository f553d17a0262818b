package dev.copilotgateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent successful key look-ups, by key hash, so most public API requests touch no database. An entry lives
 * {@code ttl} at most and never past its key's expiry. Reads take no lock; puts and invalidations share one, so
 * that a look-up which read the key before it was revoked cannot put it back after the revocation removed it.
 * Only this node's revocations invalidate: another node's revocation takes effect here within {@code ttl}.
 */
final class AuthenticatedKeyCache {

    private record Entry(Caller caller, Instant keyExpiresAt, Instant staleAt) {
        boolean usableAt(Instant now) {
            return now.isBefore(staleAt) && (keyExpiresAt == null || now.isBefore(keyExpiresAt));
        }
    }

    private final Duration ttl;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private long invalidations;

    AuthenticatedKeyCache(Duration ttl, int maxEntries) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    Optional<Caller> get(String keyHash, Instant now) {
        Entry entry = entries.get(keyHash);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.usableAt(now)) {
            entries.remove(keyHash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    /** Taken before a database look-up and handed to {@link #put}: an invalidation in between voids the put. */
    synchronized long generation() {
        return invalidations;
    }

    synchronized void put(String keyHash, Caller caller, Instant keyExpiresAt, Instant now, long generation) {
        if (generation != invalidations) {
            return;
        }
        if (entries.size() >= maxEntries) {
            makeRoom(now);
        }
        entries.put(keyHash, new Entry(caller, keyExpiresAt, now.plus(ttl)));
    }

    synchronized void invalidate(String keyHash) {
        invalidations++;
        entries.remove(keyHash);
    }

    int size() {
        return entries.size();
    }

    /** Drops stale entries, then arbitrary ones: a full cache only costs database look-ups. */
    private void makeRoom(Instant now) {
        entries.values().removeIf(entry -> !entry.usableAt(now));
        Iterator<String> hashes = entries.keySet().iterator();
        while (entries.size() >= maxEntries && hashes.hasNext()) {
            hashes.next();
            hashes.remove();
        }
    }
}
