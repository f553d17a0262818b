package dev.copilotgateway.models;

import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.persistence.ModelMapping;
import dev.copilotgateway.persistence.ModelMappingRepository;
import dev.copilotgateway.protocol.InvalidRequestException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The model mappings: kept in the database (shared by every node), changed through the admin API, and applied to
 * requests from this node's in-memory {@link ModelMappings} snapshot, so a request never waits for the database.
 * The snapshot is re-read at most every {@code maxAge} by a background task (a change made on another node applies
 * here within that time, plus one tick), and at once after a change made through this node. While the database is
 * unavailable the last snapshot stays in force.
 */
public final class ModelMappingService implements AutoCloseable {

    /** A mapping as the admin sees it. */
    public record Mapping(long id, String from, String to, boolean exposed, Instant createdAt, Instant updatedAt) {
    }

    /** Another mapping already has this {@code from} (names match ignoring case). */
    public static final class DuplicateMappingException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final long existingId;

        DuplicateMappingException(String from, long existingId) {
            super("A model mapping from '" + from + "' already exists (id " + existingId + "); change it with PUT /admin/api/model-mappings/"
                    + existingId, null, false, false);
            this.existingId = existingId;
        }

        public long existingId() {
            return existingId;
        }
    }

    static final int MAX_NAME_LENGTH = 200;
    /** How often the background task checks whether the snapshot is due (when {@code maxAge} is longer). */
    private static final Duration LONGEST_TICK = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(ModelMappingService.class.getName());

    private final Supplier<Optional<Database>> databases;
    private final Clock clock;
    private final Duration maxAge;
    private final Object reading = new Object();
    private volatile ModelMappings current = ModelMappings.NONE;
    private volatile Instant readAt = Instant.MIN;
    private volatile boolean failing;
    private ScheduledExecutorService refresher;

    /**
     * @param databases the database when it is open (e.g. {@code DatabaseConnector::database})
     * @param maxAge    how stale the snapshot may get ({@code shared-state-refresh})
     */
    public ModelMappingService(Supplier<Optional<Database>> databases, Clock clock, Duration maxAge) {
        this.databases = databases;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The mappings in force on this node: the hot path, a volatile read. */
    public ModelMappings current() {
        return current;
    }

    /** Starts the background task that keeps the snapshot fresh. */
    public synchronized void startRefreshing() {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "copilot-gateway-mappings-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long tick = Math.max(1, Math.min(maxAge.toMillis(), LONGEST_TICK.toMillis()));
        refresher.scheduleWithFixedDelay(this::refreshIfDue, 0, tick, TimeUnit.MILLISECONDS);
    }

    /** Re-reads the mappings if the snapshot is {@code maxAge} old (or was never read). */
    public void refreshIfDue() {
        if (!clock.instant().isBefore(readAt.plus(maxAge))) {
            reload();
        }
    }

    /**
     * Re-reads the mappings now; keeps the current snapshot if the database cannot be read. One read at a time, so a
     * slow background read cannot overwrite what a later change through this node read.
     */
    public void reload() {
        synchronized (reading) {
            Optional<Database> database = databases.get();
            if (database.isPresent()) {
                read(database.get());
            } // else not open yet (the connector reports why): nothing to read, nothing to lose
        }
    }

    private void read(Database database) {
        Instant startedAt = clock.instant();
        try {
            List<ModelMappings.Entry> entries = database.inTransaction(entityManager -> new ModelMappingRepository(entityManager).findAll()
                    .stream()
                    .map(mapping -> new ModelMappings.Entry(mapping.getClientModel(), mapping.getTargetModel(), mapping.isExposed()))
                    .toList());
            current = ModelMappings.of(entries);
            readAt = startedAt;
            if (failing) {
                failing = false;
                LOG.info("Model mappings read again from the database (" + entries.size() + ")");
            }
        } catch (RuntimeException unreadable) { // PersistenceException, or a pool that is closing: never end the refresh task
            readAt = startedAt; // tried: the next attempt waits its turn too
            if (!failing) {
                failing = true;
                LOG.warning("Cannot read the model mappings; keeping the " + current.entries().size() + " known: " + unreadable.getMessage());
            }
        }
    }

    /** Every mapping, oldest first, as stored (not this node's snapshot). */
    public List<Mapping> list() {
        return database().inTransaction(entityManager -> new ModelMappingRepository(entityManager).findAll().stream()
                .map(ModelMappingService::view)
                .toList());
    }

    /**
     * Adds a mapping; {@code exposed} null means true. Applies on this node at once.
     *
     * @throws InvalidRequestException   when a value is unusable (its {@code param} names the field)
     * @throws DuplicateMappingException when a mapping from that name exists
     */
    public Mapping create(String from, String to, Boolean exposed) {
        String cleanFrom = name("from", from);
        String cleanTo = target(cleanFrom, to);
        Instant now = now();
        Mapping created = write(cleanFrom, entityManager -> {
            ModelMappingRepository mappings = new ModelMappingRepository(entityManager);
            mappings.findByClientModel(cleanFrom).ifPresent(existing -> {
                throw new DuplicateMappingException(cleanFrom, existing.getId());
            });
            return view(mappings.add(new ModelMapping(cleanFrom, cleanTo, exposed == null || exposed, now)));
        });
        LOG.info("Model mapping #" + created.id() + " added: " + created.from() + " → " + created.to());
        return created;
    }

    /**
     * Replaces every field of the mapping {@code id} ({@code exposed} null means true). Applies on this node at once.
     *
     * @return the changed mapping, or empty when there is no such mapping
     */
    public Optional<Mapping> replace(long id, String from, String to, Boolean exposed) {
        String cleanFrom = name("from", from);
        String cleanTo = target(cleanFrom, to);
        Instant now = now();
        Optional<Mapping> changed = write(cleanFrom, entityManager -> {
            ModelMappingRepository mappings = new ModelMappingRepository(entityManager);
            Optional<ModelMapping> found = mappings.find(id);
            if (found.isPresent()) {
                mappings.findByClientModel(cleanFrom).filter(other -> other.getId() != id).ifPresent(other -> {
                    throw new DuplicateMappingException(cleanFrom, other.getId());
                });
                found.get().change(cleanFrom, cleanTo, exposed == null || exposed, now);
            }
            return found.map(ModelMappingService::view);
        });
        changed.ifPresent(mapping -> LOG.info("Model mapping #" + id + " changed: " + mapping.from() + " → " + mapping.to()));
        return changed;
    }

    /** Removes the mapping {@code id}; applies on this node at once. Whether there was one. */
    public boolean delete(long id) {
        boolean deleted = database().inTransaction(entityManager -> {
            ModelMappingRepository mappings = new ModelMappingRepository(entityManager);
            Optional<ModelMapping> found = mappings.find(id);
            found.ifPresent(mappings::remove);
            return found.isPresent();
        });
        if (deleted) {
            LOG.info("Model mapping #" + id + " deleted");
            reload();
        }
        return deleted;
    }

    /**
     * Runs a write and refreshes the snapshot. The database's unique constraint catches what the look-up before the
     * write cannot: the same name added on two nodes at once.
     */
    private <T> T write(String from, Function<EntityManager, T> work) {
        T result;
        try {
            result = database().inTransaction(work);
        } catch (PersistenceException conflict) {
            Optional<ModelMapping> existing = database().inTransaction(
                    entityManager -> new ModelMappingRepository(entityManager).findByClientModel(from));
            if (existing.isPresent()) {
                throw new DuplicateMappingException(from, existing.get().getId());
            }
            throw conflict;
        }
        reload();
        return result;
    }

    /** A model name: trimmed, 1 to 200 characters, no spaces or control characters inside. */
    private static String name(String field, String value) {
        String clean = value == null ? "" : value.strip();
        if (clean.isEmpty()) {
            throw new InvalidRequestException(field, field + " is required");
        }
        if (clean.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException(field, field + " is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (clean.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidRequestException(field, field + " must not contain spaces or control characters");
        }
        return clean;
    }

    private static String target(String from, String to) {
        String clean = name("to", to);
        if (clean.equalsIgnoreCase(from)) {
            throw new InvalidRequestException("to", "to must name another model than from");
        }
        return clean;
    }

    private static Mapping view(ModelMapping mapping) {
        return new Mapping(mapping.getId(), mapping.getClientModel(), mapping.getTargetModel(), mapping.isExposed(), mapping.getCreatedAt(),
                mapping.getUpdatedAt());
    }

    /** Microseconds, as the database keeps them, so that views show exactly what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Database database() {
        return databases.get().orElseThrow(() -> new DatabaseUnavailableException("the database is not open"));
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
