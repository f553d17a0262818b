package dev.copilotgateway.models;

import dev.copilotgateway.pool.ModelAvailability;
import dev.copilotgateway.pool.NoAccountException;
import dev.copilotgateway.pool.PoolAccount;
import dev.copilotgateway.pool.PoolState;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.upstream.AccountCalls;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Copilot's model lists, one per account (accounts on different plans see different models), cached: fetched on
 * first use, refreshed in the background, and fetched again on demand when a client names a model the cached list
 * lacks (at most every {@code minRefetch}). One fetch per account at a time; a failed refresh keeps the last good
 * list. The pool's catalogue is the union of its accounts' lists; a key bound to one account sees that account's.
 * The pool asks {@link #offers} so that only accounts listing a model are sent requests for it.
 */
public final class ModelCatalog implements ModelAvailability, AutoCloseable {

    /** The list as fetched at one moment, by id, in Copilot's order, duplicates dropped. */
    public record Snapshot(Map<String, CopilotModel> byId, Instant fetchedAt) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Instant.MIN);

        public List<CopilotModel> models() {
            return List.copyOf(byId.values());
        }
    }

    /** Asks Copilot for one account's model list ({@code GET /models} as that account). */
    @FunctionalInterface
    public interface ListSource {
        CompletableFuture<HttpResponse<byte[]>> fetch(long accountId);

        static ListSource of(AccountCalls calls) {
            return accountId -> calls.call(accountId, CopilotEndpoint.MODELS, null, RequestTraits.modelsListing());
        }
    }

    private static final Logger LOG = Logger.getLogger(ModelCatalog.class.getName());

    private final ListSource lists;
    private final PoolState pool;
    private final Clock clock;
    private final Duration minRefetch;
    private final ScheduledExecutorService refresher;
    private final ConcurrentMap<Long, AccountCatalog> byAccount = new ConcurrentHashMap<>();

    public ModelCatalog(ListSource lists, PoolState pool, Clock clock, Duration refreshEvery, Duration minRefetch) {
        this.lists = lists;
        this.pool = pool;
        this.clock = clock;
        this.minRefetch = minRefetch;
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "copilot-gateway-models-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshInBackground, refreshEvery.toMillis(), refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The pool's catalogue (every usable account's models), fetching what is not cached yet. */
    public CompletableFuture<Snapshot> snapshot() {
        return snapshot(null);
    }

    /** The catalogue a caller sees: its bound account's, or the pool's ({@code boundAccountId} null). */
    public CompletableFuture<Snapshot> snapshot(Long boundAccountId) {
        List<Long> accounts;
        try {
            accounts = accountsFor(boundAccountId);
        } catch (NoAccountException none) {
            return CompletableFuture.failedFuture(none);
        }
        return union(accounts.stream().map(id -> catalogOf(id).snapshot()).toList());
    }

    /** The model called {@code id} in the pool's catalogue; a miss refetches lists older than {@code minRefetch}. */
    public CompletableFuture<Optional<CopilotModel>> find(String id) {
        return find(id, null);
    }

    /** The model called {@code id} as a caller bound to {@code boundAccountId} (null: the pool) sees it. */
    public CompletableFuture<Optional<CopilotModel>> find(String id, Long boundAccountId) {
        return snapshot(boundAccountId).thenCompose(current -> {
            CopilotModel model = current.byId().get(id);
            if (model != null) {
                return CompletableFuture.completedFuture(Optional.of(model));
            }
            Instant staleBefore = clock.instant().minus(minRefetch);
            List<CompletableFuture<Snapshot>> refetched = accountsFor(boundAccountId).stream()
                    .map(this::catalogOf)
                    .map(catalog -> catalog.fetchedBefore(staleBefore) ? catalog.fetch() : catalog.snapshot())
                    .toList();
            return union(refetched).thenApply(fresh -> Optional.ofNullable(fresh.byId().get(id)));
        });
    }

    /** Whether some account's cached list names {@code modelId} (no fetch: for labels, which must stay a bounded set). */
    public boolean knows(String modelId) {
        return modelId != null && byAccount.values().stream().anyMatch(catalog -> catalog.current.byId().containsKey(modelId));
    }

    @Override
    public boolean offers(long accountId, String modelId) {
        AccountCatalog catalog = byAccount.get(accountId);
        Snapshot known = catalog == null ? Snapshot.EMPTY : catalog.current;
        return known.byId().isEmpty() || known.byId().containsKey(modelId);
    }

    private List<Long> accountsFor(Long boundAccountId) {
        if (boundAccountId != null) {
            return List.of(boundAccountId);
        }
        List<Long> accounts = pool.current().accounts().stream().map(PoolAccount::id).toList();
        if (accounts.isEmpty()) {
            throw new NoAccountException("No usable GitHub Copilot account is configured: add one with the github-token setting "
                    + "or through POST /admin/api/accounts");
        }
        return accounts;
    }

    private AccountCatalog catalogOf(long accountId) {
        return byAccount.computeIfAbsent(accountId, AccountCatalog::new);
    }

    /** Every list that could be had, merged in account order (the first account's entry wins); fails if none could. */
    private CompletableFuture<Snapshot> union(List<CompletableFuture<Snapshot>> lists) {
        if (lists.size() == 1) {
            return lists.get(0);
        }
        List<CompletableFuture<Outcome>> outcomes = lists.stream().map(list -> list.handle(Outcome::new)).toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(allDone -> {
            Map<String, CopilotModel> byId = new LinkedHashMap<>();
            Instant oldest = null;
            Throwable firstFailure = null;
            for (CompletableFuture<Outcome> done : outcomes) {
                Outcome outcome = done.join(); // complete: allOf
                if (outcome.snapshot() == null) {
                    firstFailure = firstFailure != null ? firstFailure : outcome.failure();
                    continue;
                }
                outcome.snapshot().byId().forEach(byId::putIfAbsent);
                oldest = oldest == null || outcome.snapshot().fetchedAt().isBefore(oldest) ? outcome.snapshot().fetchedAt() : oldest;
            }
            if (oldest == null) {
                throw firstFailure instanceof CompletionException wrapped ? wrapped : new CompletionException(firstFailure);
            }
            return new Snapshot(Collections.unmodifiableMap(byId), oldest);
        });
    }

    /** One account's list, or why it could not be had. */
    private record Outcome(Snapshot snapshot, Throwable failure) {
    }

    private void refreshInBackground() {
        Set<Long> current = pool.current().accounts().stream().map(PoolAccount::id).collect(Collectors.toSet());
        byAccount.keySet().retainAll(current); // accounts gone from the pool: their lists are not wanted any more
        for (long accountId : new ArrayList<>(current)) {
            catalogOf(accountId).fetch().exceptionally(failure -> {
                LOG.warning("Refreshing the model list of account #" + accountId + " failed; keeping the cached one: " + failure.getMessage());
                return null;
            });
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    /** One account's list, and its one fetch in flight. */
    private final class AccountCatalog {

        private final long accountId;
        private final AtomicReference<CompletableFuture<Snapshot>> inFlight = new AtomicReference<>();
        private volatile Snapshot current = Snapshot.EMPTY;

        AccountCatalog(long accountId) {
            this.accountId = accountId;
        }

        CompletableFuture<Snapshot> snapshot() {
            Snapshot known = current;
            return known.byId().isEmpty() ? fetch() : CompletableFuture.completedFuture(known);
        }

        boolean fetchedBefore(Instant time) {
            return current.fetchedAt().isBefore(time);
        }

        CompletableFuture<Snapshot> fetch() {
            CompletableFuture<Snapshot> mine = new CompletableFuture<>();
            CompletableFuture<Snapshot> running = inFlight.compareAndExchange(null, mine);
            if (running != null) {
                return running;
            }
            lists.fetch(accountId)
                    .thenApply(ModelCatalog.this::parse)
                    .whenComplete((fresh, failure) -> {
                        inFlight.set(null);
                        if (failure != null) {
                            mine.completeExceptionally(failure);
                        } else {
                            current = fresh;
                            mine.complete(fresh);
                        }
                    });
            return mine;
        }
    }

    private Snapshot parse(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new ModelListUnavailableException("the Copilot API answered " + response.statusCode() + " to GET /models");
        }
        JsonObject list;
        try {
            list = JsonIo.read(response.body()).asJsonObject();
        } catch (RuntimeException notJson) {
            throw new ModelListUnavailableException("the Copilot API's model list is not JSON");
        }
        Map<String, CopilotModel> byId = new LinkedHashMap<>();
        for (JsonValue entry : list.getJsonArray("data")) {
            if (entry instanceof JsonObject model && model.containsKey("id")) {
                byId.putIfAbsent(model.getString("id"), new CopilotModel(model));
            }
        }
        return new Snapshot(Collections.unmodifiableMap(byId), clock.instant());
    }

    /** The model list could not be had from the Copilot API. */
    public static final class ModelListUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public ModelListUnavailableException(String message) {
            super(message);
        }
    }
}
