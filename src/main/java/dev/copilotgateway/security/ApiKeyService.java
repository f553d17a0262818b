package dev.copilotgateway.security;

import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.ApiKeyRepository;
import dev.copilotgateway.persistence.ClientApiKey;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.protocol.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Client API keys of the public API: created (the secret is returned once and stored only as its SHA-256),
 * listed, revoked, and checked on every request. Checks are answered from {@link AuthenticatedKeyCache} when
 * possible; {@code last_used_at} is written by {@link LastUsedRecorder}, so its value may lag a minute.
 * Methods needing the database throw {@link DatabaseUnavailableException} while it is not open.
 * Logs name keys by id and visible prefix only.
 */
public final class ApiKeyService {

    /** The state a key is in at the time it is looked at. */
    public enum State { ACTIVE, EXPIRED, REVOKED }

    /** A key as the admin sees it: never the secret, never its hash. {@code accountId} null means the pool. */
    public record ApiKeyView(long id, String name, String prefix, String owner, Long accountId, Instant createdAt,
                             Instant lastUsedAt, Instant expiresAt, Instant revokedAt, State state) {
    }

    /** A newly created key: {@code secret} is shown to its creator once and is kept nowhere. */
    public record CreatedKey(String secret, ApiKeyView view) {
        @Override
        public String toString() {
            return "CreatedKey[secret=****, view=" + view + "]";
        }
    }

    /** Keys may be given an expiry up to this many days ahead. */
    public static final int MAX_LIFETIME_DAYS = 36_500;

    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    static final int CACHE_SIZE = 10_000;

    private static final int MAX_NAME_LENGTH = 100;
    private static final int MAX_OWNER_LENGTH = 200;
    private static final Logger LOG = Logger.getLogger(ApiKeyService.class.getName());

    private final Supplier<Optional<Database>> databases;
    private final Clock clock;
    private final AuthenticatedKeyCache cache = new AuthenticatedKeyCache(CACHE_TTL, CACHE_SIZE);
    private final RejectedKeyCache rejected = new RejectedKeyCache(CACHE_TTL, CACHE_SIZE);
    private volatile AnyKey anyKey = new AnyKey(false, Instant.MIN);

    /** Whether any key could authenticate, as last read from the database. */
    private record AnyKey(boolean exists, Instant checkedAt) {
    }
    private final LastUsedRecorder lastUsed;

    /**
     * @param databases        the database when it is open (e.g. {@code DatabaseConnector::database})
     * @param lastUsedWrites   runs the {@code last_used_at} writes, off the request threads
     */
    public ApiKeyService(Supplier<Optional<Database>> databases, Clock clock, Executor lastUsedWrites) {
        this.databases = databases;
        this.clock = clock;
        this.lastUsed = new LastUsedRecorder(databases, lastUsedWrites);
    }

    /**
     * Creates a key named {@code name} for {@code owner} (optional), bound to the account {@code accountId}
     * (optional; null means the pool), expiring at {@code expiresAt} (optional).
     *
     * @throws InvalidRequestException when a value is unusable (its message names the field)
     */
    public CreatedKey create(String name, String owner, Long accountId, Instant expiresAt) {
        String cleanName = required(name);
        String cleanOwner = optional(owner);
        Instant now = now();
        Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        checkExpiry(expiry, now);
        String secret = ApiKeyFormat.generate();
        String prefix = ApiKeyFormat.visiblePrefix(secret);
        String hash = Hashes.sha256Hex(secret);
        ApiKeyView view = database().inTransaction(entityManager -> {
            ClientApiKey key = new ClientApiKey(cleanName, prefix, hash, ClientApiKey.Origin.ADMIN_API, now);
            key.setOwner(cleanOwner);
            key.setExpiresAt(expiry);
            if (accountId != null) {
                key.setAccount(new AccountRepository(entityManager).find(accountId).orElseThrow(
                        () -> new InvalidRequestException("accountId", "There is no account with id " + accountId)));
            }
            new ApiKeyRepository(entityManager).add(key);
            return view(key, now);
        });
        rejected.forget(hash);
        anyKey = new AnyKey(true, now);
        LOG.info("Client API key " + prefix + "… (#" + view.id() + ") created");
        return new CreatedKey(secret, view);
    }

    private static String required(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw new InvalidRequestException("name", "name is required");
        }
        if (clean.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException("name", "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return clean;
    }

    private static String optional(String owner) {
        String clean = owner == null ? "" : owner.strip();
        if (clean.length() > MAX_OWNER_LENGTH) {
            throw new InvalidRequestException("owner", "owner is longer than " + MAX_OWNER_LENGTH + " characters");
        }
        return clean.isEmpty() ? null : clean;
    }

    private static void checkExpiry(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return;
        }
        if (!expiresAt.isAfter(now)) {
            throw new InvalidRequestException("expiresAt", "expiresAt must be in the future");
        }
        if (expiresAt.isAfter(now.plus(Duration.ofDays(MAX_LIFETIME_DAYS)))) {
            throw new InvalidRequestException("expiresAt", "expiresAt is more than " + MAX_LIFETIME_DAYS + " days away");
        }
    }

    /** Every key, oldest first, revoked and expired ones included. */
    public List<ApiKeyView> list() {
        Instant now = now();
        return database().inTransaction(entityManager -> new ApiKeyRepository(entityManager).findAll().stream()
                .map(key -> view(key, now))
                .toList());
    }

    /**
     * Revokes the key {@code id} (again is fine) and forgets it in this node's cache at once.
     *
     * @return the revoked key, or empty when there is no such key
     */
    public Optional<ApiKeyView> revoke(long id) {
        record Revoked(String hash, ApiKeyView view) {
        }
        Instant now = now();
        Optional<Revoked> revoked = database().inTransaction(entityManager -> new ApiKeyRepository(entityManager).find(id)
                .map(key -> {
                    key.revoke(now);
                    return new Revoked(key.getKeyHash(), view(key, now));
                }));
        if (revoked.isEmpty()) {
            return Optional.empty();
        }
        cache.invalidate(revoked.get().hash());
        anyKey = new AnyKey(false, Instant.MIN); // perhaps the last one: read again when asked
        LOG.info("Client API key " + revoked.get().view().prefix() + "… (#" + id + ") revoked");
        return Optional.of(revoked.get().view());
    }

    /**
     * The caller presenting {@code presentedKey}, or empty when the key is unknown, revoked or expired.
     * Usually answered from the caches (of good keys and of wrong ones); a miss reads the database.
     */
    public Optional<Caller> authenticate(String presentedKey) {
        String hash = Hashes.sha256Hex(presentedKey);
        Instant now = now();
        Optional<Caller> caller = cache.get(hash, now);
        if (caller.isEmpty()) {
            if (rejected.rejected(hash, now)) {
                return Optional.empty();
            }
            caller = lookUp(hash, now);
            if (caller.isEmpty()) {
                rejected.reject(hash, now);
            }
        }
        caller.ifPresent(found -> lastUsed.record(found.apiKeyId(), now));
        return caller;
    }

    private Optional<Caller> lookUp(String hash, Instant now) {
        record Usable(Caller caller, Instant expiresAt) {
        }
        long generation = cache.generation();
        Optional<Usable> usable = database().inTransaction(entityManager -> new ApiKeyRepository(entityManager).findByHash(hash)
                .filter(key -> key.isUsableAt(now))
                .map(key -> new Usable(new Caller(key.getId(), key.getKeyPrefix(), key.getOwner(), accountId(key)), key.getExpiresAt())));
        usable.ifPresent(key -> cache.put(hash, key.caller(), key.expiresAt(), now, generation));
        return usable.map(Usable::caller);
    }

    /**
     * Whether any key could authenticate now; when none can, the public API explains how to create one. Read from
     * the database at most every {@link #CACHE_TTL} (it is asked on every refusal).
     */
    public boolean anyUsableKey() {
        Instant now = now();
        AnyKey known = anyKey;
        if (known.checkedAt().plus(CACHE_TTL).isAfter(now)) {
            return known.exists();
        }
        boolean exists = database().inTransaction(entityManager -> new ApiKeyRepository(entityManager).anyUsableAt(now));
        anyKey = new AnyKey(exists, now);
        return exists;
    }

    /** Microseconds, as the database keeps them, so that views show exactly what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Database database() {
        return databases.get().orElseThrow(() -> new DatabaseUnavailableException("the database is not open"));
    }

    private static ApiKeyView view(ClientApiKey key, Instant now) {
        State state = key.getRevokedAt() != null ? State.REVOKED : key.isUsableAt(now) ? State.ACTIVE : State.EXPIRED;
        return new ApiKeyView(key.getId(), key.getName(), key.getKeyPrefix(), key.getOwner(), accountId(key), key.getCreatedAt(),
                key.getLastUsedAt(), key.getExpiresAt(), key.getRevokedAt(), state);
    }

    private static Long accountId(ClientApiKey key) {
        GitHubAccount account = key.getAccount();
        return account == null ? null : account.getId();
    }
}
