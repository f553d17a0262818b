package dev.copilotgateway.models;

import dev.copilotgateway.pool.PoolAccount;
import dev.copilotgateway.pool.PoolSettings;
import dev.copilotgateway.pool.PoolState;
import dev.copilotgateway.testing.CannedResponse;
import dev.copilotgateway.testing.MutableClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-account catalogues: a pool key sees their union, a bound key its account's, and the pool learns who lists what. */
class ModelCatalogTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final Map<Long, List<String>> modelsByAccount = new ConcurrentHashMap<>(Map.of(
            1L, List.of("gpt-4.1", "gpt-5-mini"),
            2L, List.of("gpt-4.1", "claude-opus-4.6")));
    private final List<Long> fetches = new ArrayList<>();
    private final PoolState pool = new PoolState(() -> new PoolState.Snapshot(
            List.of(new PoolAccount(1, "one", 0, 1), new PoolAccount(2, "two", 0, 1)), PoolSettings.DEFAULT));
    private final ModelCatalog catalog = new ModelCatalog(this::fetch, pool, clock, Duration.ofMinutes(10), Duration.ofSeconds(30));

    @AfterEach
    void close() {
        catalog.close();
    }

    private synchronized CompletableFuture<HttpResponse<byte[]>> fetch(long accountId) {
        fetches.add(accountId);
        StringBuilder data = new StringBuilder();
        for (String id : modelsByAccount.get(accountId)) {
            data.append(data.length() == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\"}");
        }
        return CompletableFuture.completedFuture(new CannedResponse<>(200, ("{\"data\":[" + data + "]}").getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> ids(ModelCatalog.Snapshot snapshot) {
        return snapshot.models().stream().map(CopilotModel::id).toList();
    }

    @Test
    void aPoolKeySeesTheUnionAndABoundKeyItsAccountsList() {
        pool.refreshNow();
        assertEquals(List.of("gpt-4.1", "gpt-5-mini", "claude-opus-4.6"), ids(catalog.snapshot().join()));
        assertEquals(List.of("gpt-4.1", "claude-opus-4.6"), ids(catalog.snapshot(2L).join()));
        assertEquals(Optional.empty(), catalog.find("gpt-5-mini", 2L).join().map(CopilotModel::id));
        assertEquals(Optional.of("gpt-5-mini"), catalog.find("gpt-5-mini").join().map(CopilotModel::id));
    }

    @Test
    void thePoolLearnsWhichAccountListsAModel() {
        pool.refreshNow();
        assertTrue(catalog.offers(1, "claude-opus-4.6"), "not fetched yet: the upstream decides");
        catalog.snapshot().join();
        assertFalse(catalog.offers(1, "claude-opus-4.6"));
        assertTrue(catalog.offers(2, "claude-opus-4.6"));
        assertTrue(catalog.offers(1, "gpt-4.1") && catalog.offers(2, "gpt-4.1"));
    }

    @Test
    void aMissRefetchesOnlyListsOlderThanTheMinimum() {
        pool.refreshNow();
        catalog.snapshot().join();
        modelsByAccount.put(1L, List.of("gpt-4.1", "gpt-5-mini", "gpt-5.3"));
        assertEquals(Optional.empty(), catalog.find("gpt-5.3").join(), "too soon to ask again");
        assertEquals(List.of(1L, 2L), fetches);
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Optional.of("gpt-5.3"), catalog.find("gpt-5.3").join().map(CopilotModel::id));
        assertEquals(List.of(1L, 2L, 1L, 2L), fetches);
    }

    @Test
    void oneAccountsFailureLeavesTheOthersList() {
        pool.refreshNow();
        ModelCatalog failing = new ModelCatalog(accountId -> accountId == 1
                ? CompletableFuture.failedFuture(new java.net.ConnectException("refused")) : fetch(accountId),
                pool, clock, Duration.ofMinutes(10), Duration.ofSeconds(30));
        try {
            assertEquals(List.of("gpt-4.1", "claude-opus-4.6"), ids(failing.snapshot().join()));
        } finally {
            failing.close();
        }
    }
}
