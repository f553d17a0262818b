package dev.copilotgateway.models;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.upstream.CopilotDispatcher;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Copilot's model list, cached: fetched on first use, refreshed in the background, and fetched again on demand
 * when a client names a model the cached list lacks (at most every {@code minRefetch}). One fetch at a time;
 * a failed refresh keeps the last good list.
 */
public final class ModelCatalog implements AutoCloseable {

    /** The list as fetched at one moment, by id, in Copilot's order, duplicates dropped. */
    public record Snapshot(Map<String, CopilotModel> byId, Instant fetchedAt) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Instant.MIN);

        public List<CopilotModel> models() {
            return List.copyOf(byId.values());
        }
    }

    private static final Logger LOG = Logger.getLogger(ModelCatalog.class.getName());

    private final CopilotDispatcher dispatcher;
    private final Clock clock;
    private final Duration minRefetch;
    private final ScheduledExecutorService refresher;
    private final AtomicReference<CompletableFuture<Snapshot>> inFlight = new AtomicReference<>();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    public ModelCatalog(CopilotDispatcher dispatcher, Clock clock, Duration refreshEvery, Duration minRefetch) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.minRefetch = minRefetch;
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "copilot-gateway-models-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshInBackground, refreshEvery.toMillis(), refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The cached list, fetching it first if there is none yet. */
    public CompletableFuture<Snapshot> snapshot() {
        Snapshot current = snapshot;
        return current.byId().isEmpty() ? fetch() : CompletableFuture.completedFuture(current);
    }

    /** The model called {@code id}; a miss refetches the list if the cached one is older than {@code minRefetch}. */
    public CompletableFuture<Optional<CopilotModel>> find(String id) {
        return snapshot().thenCompose(current -> {
            CopilotModel model = current.byId().get(id);
            if (model != null || current.fetchedAt().plus(minRefetch).isAfter(clock.instant())) {
                return CompletableFuture.completedFuture(Optional.ofNullable(model));
            }
            return fetch().thenApply(fresh -> Optional.ofNullable(fresh.byId().get(id)));
        });
    }

    private void refreshInBackground() {
        fetch().exceptionally(failure -> {
            LOG.warning("Refreshing the model list failed; keeping the cached one: " + failure.getMessage());
            return snapshot;
        });
    }

    private CompletableFuture<Snapshot> fetch() {
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        dispatcher.call(null, CopilotEndpoint.MODELS, null, RequestTraits.modelsListing())
                .thenApply(this::parse)
                .whenComplete((fresh, failure) -> {
                    inFlight.set(null);
                    if (failure != null) {
                        mine.completeExceptionally(failure);
                    } else {
                        snapshot = fresh;
                        mine.complete(fresh);
                    }
                });
        return mine;
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

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    /** The model list could not be had from the Copilot API. */
    public static final class ModelListUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public ModelListUnavailableException(String message) {
            super(message);
        }
    }
}
