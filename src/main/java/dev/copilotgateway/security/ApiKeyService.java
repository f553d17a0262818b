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
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * A key as the admin sees it: never the secret, never its hash. {@code accountId} null means the pool; {@code models}
     * (sorted) null means every model.
     */
    public record ApiKeyView(long id, String name, String prefix, String owner, Long accountId, Instant createdAt,
                             Instant lastUsedAt, Instant expiresAt, Instant revokedAt, State state, KeyLimits limits,
                             List<String> models) {
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
    /** A model id as stored (client_api_key_model.model). */
    public static final int MAX_MODEL_LENGTH = 200;
    public static final int MAX_MODELS = 500;
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
        return create(name, owner, accountId, expiresAt, KeyLimits.NONE, null);
    }

    /**
     * Creates a key as {@link #create(String, String, Long, Instant)} does, with {@code limits} and the model ids it may
     * use ({@code models}; null: every model).
     *
     * @throws InvalidRequestException when a value is unusable (its message names the field)
     */
    public CreatedKey create(String name, String owner, Long accountId, Instant expiresAt, KeyLimits limits, List<String> models) {
        String cleanName = required(name);
        String cleanOwner = optional(owner);
        KeyLimits checkedLimits = checked(limits == null ? KeyLimits.NONE : limits);
        List<String> allowedModels = models == null ? List.of() : allowedModels(models);
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
            setLimits(key, checkedLimits);
            key.setAllowedModels(allowedModels);
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

    /**
     * Changes the key {@code id} as {@code changes} say. This node's callers see the change at once (the key's cached
     * look-up is dropped); the other nodes' within {@link #CACHE_TTL}.
     *
     * @return the changed key, or empty when there is no such key
     * @throws InvalidRequestException when a value is unusable (its message names the field)
     */
    public Optional<ApiKeyView> update(long id, KeyChanges changes) {
        String cleanName = changes.name() == null ? null : required(changes.name());
        KeyChanges.Change<String> owner = changes.owner() == null ? null : new KeyChanges.Change<>(optional(changes.owner().value()));
        List<String> models = changes.models() == null || changes.models().value() == null ? List.of() : allowedModels(changes.models().value());
        Instant now = now();
        record Changed(String hash, ApiKeyView view) {
        }
        Optional<Changed> changed = database().inTransaction(entityManager -> new ApiKeyRepository(entityManager).find(id)
                .map(key -> {
                    KeyLimits limits = checked(new KeyLimits(
                            changed(changes.requestsPerMinute(), key.getRequestsPerMinute()),
                            changed(changes.tokensPerDay(), key.getTokensPerDay()),
                            changed(changes.concurrentRequests(), key.getConcurrentRequests())));
                    if (cleanName != null) {
                        key.setName(cleanName);
                    }
                    if (owner != null) {
                        key.setOwner(owner.value());
                    }
                    setLimits(key, limits);
                    if (changes.models() != null) {
                        key.setAllowedModels(models);
                    }
                    return new Changed(key.getKeyHash(), view(key, now));
                }));
        changed.ifPresent(done -> {
            cache.invalidate(done.hash());
            LOG.info("Client API key " + done.view().prefix() + "… (#" + id + ") changed");
        });
        return changed.map(Changed::view);
    }

    private static <T> T changed(KeyChanges.Change<T> change, T current) {
        return change == null ? current : change.value();
    }

    private static void setLimits(ClientApiKey key, KeyLimits limits) {
        key.setRequestsPerMinute(limits.requestsPerMinute());
        key.setTokensPerDay(limits.tokensPerDay());
        key.setConcurrentRequests(limits.concurrentRequests());
    }

    private static KeyLimits checked(KeyLimits limits) {
        within("limits.requestsPerMinute", limits.requestsPerMinute(), KeyLimits.MAX_REQUESTS_PER_MINUTE);
        within("limits.tokensPerDay", limits.tokensPerDay(), KeyLimits.MAX_TOKENS_PER_DAY);
        within("limits.concurrentRequests", limits.concurrentRequests(), KeyLimits.MAX_CONCURRENT_REQUESTS);
        return limits;
    }

    private static void within(String field, Number limit, long max) {
        if (limit != null && (limit.longValue() < 1 || limit.longValue() > max)) {
            throw new InvalidRequestException(field, field + " must be a whole number from 1 to " + max + ", or null for no limit");
        }
    }

    /** The model ids, stripped, without repeats; at least one (null, not an empty list, allows every model). */
    private static List<String> allowedModels(List<String> models) {
        Set<String> clean = new TreeSet<>();
        for (String model : models) {
            String id = model == null ? "" : model.strip();
            if (id.isEmpty()) {
                throw new InvalidRequestException("models", "models must not hold an empty model id");
            }
            if (id.length() > MAX_MODEL_LENGTH) {
                throw new InvalidRequestException("models", "A model id in models is longer than " + MAX_MODEL_LENGTH + " characters");
            }
            clean.add(id);
        }
        if (clean.isEmpty()) {
            throw new InvalidRequestException("models", "models must list at least one model id; null allows every model "
                    + "(to stop a key altogether, revoke it)");
        }
        if (clean.size() > MAX_MODELS) {
            throw new InvalidRequestException("models", "models may list at most " + MAX_MODELS + " model ids");
        }
        return List.copyOf(clean);
    }

    /** The key {@code id}, or empty when there is none. */
    public Optional<ApiKeyView> find(long id) {
        Instant now = now();
        return database().inTransaction(entityManager -> new ApiKeyRepository(entityManager).find(id).map(key -> view(key, now)));
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
                .map(key -> new Usable(new Caller(key.getId(), key.getKeyPrefix(), key.getOwner(), accountId(key), limits(key),
                        key.getAllowedModels().isEmpty() ? null : key.getAllowedModels()), key.getExpiresAt())));
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
                key.getLastUsedAt(), key.getExpiresAt(), key.getRevokedAt(), state, limits(key),
                key.getAllowedModels().isEmpty() ? null : List.copyOf(key.getAllowedModels()));
    }

    private static KeyLimits limits(ClientApiKey key) {
        return new KeyLimits(key.getRequestsPerMinute(), key.getTokensPerDay(), key.getConcurrentRequests());
    }

    private static Long accountId(ClientApiKey key) {
        GitHubAccount account = key.getAccount();
        return account == null ? null : account.getId();
    }
}
