package dev.copilotgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.metrics.GatewayMeters;
import dev.copilotgateway.pool.AccountPool;
import dev.copilotgateway.pool.AdmissionLimits;
import dev.copilotgateway.pool.ModelAvailability;
import dev.copilotgateway.pool.PoolAccount;
import dev.copilotgateway.pool.PoolSettings;
import dev.copilotgateway.pool.PoolState;
import dev.copilotgateway.pool.PoolStrategy;
import dev.copilotgateway.testing.MutableClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shedding filter: at the node's limit, requests bound upstream are refused in their API's shape, nothing else is. */
class OverloadSheddingTest {

    private final AccountPool pool = pool(new AdmissionLimits(1, 0));
    private final GatewayMeters meters = GatewayMeters.detached();

    private static AccountPool pool(AdmissionLimits limits) {
        PoolState state = new PoolState(() -> new PoolState.Snapshot(List.of(new PoolAccount(1, "octo", 0, 1)),
                new PoolSettings(PoolStrategy.PRIORITY, Duration.ZERO, 3)));
        state.refreshNow();
        return new AccountPool(state, ModelAvailability.ANY, MutableClock.startingNow(), new Random(1), limits);
    }

    /** A response that keeps what the filter set; the request answers only what the filter asks. */
    private static final class Exchange {
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final AtomicBoolean passedOn = new AtomicBoolean();
        int status = 200;

        void run(OverloadShedding filter, String method, String path) throws Exception {
            HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, called, args) -> switch (called.getName()) {
                        case "getMethod" -> method;
                        case "getRequestURI" -> "/gw" + path;
                        case "getContextPath" -> "/gw";
                        default -> throw new UnsupportedOperationException(called.getName());
                    });
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
            HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, called, args) -> {
                        switch (called.getName()) {
                            case "setStatus" -> status = (Integer) args[0];
                            case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                            case "setContentLength" -> headers.put("Content-Length", args[0].toString());
                            case "getOutputStream" -> {
                                return out;
                            }
                            default -> throw new UnsupportedOperationException(called.getName());
                        }
                        return null;
                    });
            filter.doFilter(request, response, (req, res) -> passedOn.set(true));
        }

        JsonObject json() {
            return Json.createReader(new StringReader(body.toString(StandardCharsets.UTF_8))).readObject();
        }
    }

    @Test
    void withRoomEveryRequestIsPassedOn() throws Exception {
        Exchange exchange = new Exchange();

        exchange.run(new OverloadShedding(pool, meters), "POST", "/v1/chat/completions");

        assertTrue(exchange.passedOn.get());
        assertEquals(0, exchange.body.size());
    }

    @ParameterizedTest
    @CsvSource({
        "/v1/chat/completions, openai", "/chat/completions, openai", "/v1/responses, openai", "/v1/embeddings, openai",
        "/v1/messages, anthropic", "/messages, anthropic",
        "/v1beta/models/gemini-2.5-pro:streamGenerateContent, gemini", "/v1beta/models/gpt-4.1:generateContent, gemini"})
    void atTheNodesLimitARequestBoundUpstreamIsRefusedInItsApisShape(String path, String api) throws Exception {
        assertTrue(pool.tryStart(1)); // the node's one place is taken
        Exchange exchange = new Exchange();

        exchange.run(new OverloadShedding(pool, meters), "POST", path);

        assertFalse(exchange.passedOn.get());
        assertEquals(503, exchange.status);
        assertEquals("1", exchange.headers.get("Retry-After"));
        assertEquals("close", exchange.headers.get("Connection"));
        assertEquals(Integer.toString(exchange.body.size()), exchange.headers.get("Content-Length"));
        JsonObject error = exchange.json().getJsonObject("error");
        switch (api) {
            case "openai" -> assertEquals("gateway_overloaded", error.getString("code"));
            case "anthropic" -> assertEquals("overloaded_error", error.getString("type"));
            default -> assertEquals("UNAVAILABLE", error.getString("status"));
        }
        assertEquals(1.0, meters.registry().get("gateway.limit.refusals").tag("limit", "max-concurrent-requests").counter().count(),
                "the refusal is counted");
        assertTrue(error.getString("message").contains("max-concurrent-requests"), error.toString());
    }

    @ParameterizedTest
    @CsvSource({"POST, /v1/messages/count_tokens", "POST, /v1beta/models/gpt-4.1:countTokens", "GET, /v1/models",
        "POST, /admin/api/keys", "POST, /console/login", "GET, /healthz"})
    void atTheNodesLimitWhatDoesNotGoUpstreamIsPassedOn(String method, String path) throws Exception {
        assertTrue(pool.tryStart(1));
        Exchange exchange = new Exchange();

        exchange.run(new OverloadShedding(pool, meters), method, path);

        assertTrue(exchange.passedOn.get(), path);
    }

    @Test
    void theLimitIsOnlyTheNodesNotAnAccounts() throws Exception {
        AccountPool perAccountOnly = pool(new AdmissionLimits(0, 1));
        assertTrue(perAccountOnly.tryStart(1));
        Exchange exchange = new Exchange();

        exchange.run(new OverloadShedding(perAccountOnly, meters), "POST", "/v1/chat/completions");

        assertTrue(exchange.passedOn.get(), "another account may still serve it: the pool decides");
    }
}
