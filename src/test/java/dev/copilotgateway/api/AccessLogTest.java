package dev.copilotgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.security.Caller;
import dev.copilotgateway.testing.MutableClock;
import dev.copilotgateway.usage.RequestOutcome;
import dev.copilotgateway.usage.RequestMeter;
import dev.copilotgateway.usage.RequestMeters;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    private static final String KEY = "cgw_secretkeyvalue0123456789abcdef";

    private final List<String> lines = new ArrayList<>();
    private final Logger logger = Logger.getLogger("copilot-gateway.access.test");
    private final MutableClock clock = MutableClock.startingNow();

    AccessLogTest() {
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private static HttpServletRequest request(String method, String uri, String query, Map<String, Object> attributes) {
        return (HttpServletRequest) Proxy.newProxyInstance(AccessLogTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, called, args) -> switch (called.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> "/gw" + uri;
                    case "getContextPath" -> "/gw";
                    case "getQueryString" -> query;
                    case "getRemoteAddr" -> "192.0.2.10";
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "isAsyncStarted" -> false;
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? "Bearer " + KEY : null;
                    default -> throw new UnsupportedOperationException(called.getName());
                });
    }

    private static HttpServletResponse response(int status, String contentType) {
        return (HttpServletResponse) Proxy.newProxyInstance(AccessLogTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, called, args) -> switch (called.getName()) {
                    case "getStatus" -> status;
                    case "getContentType" -> contentType;
                    default -> throw new UnsupportedOperationException(called.getName());
                });
    }

    @Test
    void oneJsonLinePerRequestWithTheKeysPrefixOnlyAndNoQuery() throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        AccessLog log = new AccessLog(logger, clock);
        RequestMeters meters = new RequestMeters(clock, outcome -> { }, Runnable::run);
        meters.onStart(log::attach);
        Instant arrived = clock.instant();

        log.doFilter(request("POST", "/v1beta/models/gemini-2.5-pro:generateContent", "key=" + KEY, attributes), response(200, "application/json"),
                (req, res) -> {
                    req.setAttribute(Caller.PROPERTY, new Caller(7L, "cgw_secr", "alice", null));
                    RequestMeter meter = meters.start(7L, RequestOutcome.INGRESS_GEMINI, "gemini-2.5-pro", false); // as a proxy does
                    meter.servedBy(3);
                    meter.firstByte();
                    meter.ended(200);
                });

        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertFalse(line.contains("\n"), "one line");
        assertFalse(line.contains(KEY), "never the key");
        assertFalse(line.contains("key="), "never the query string");
        JsonObject json = JsonIo.read(line).asJsonObject();
        assertEquals(arrived.toString(), json.getString("time"));
        assertEquals("192.0.2.10", json.getString("remote"));
        assertEquals("POST", json.getString("method"));
        assertEquals("/v1beta/models/gemini-2.5-pro:generateContent", json.getString("path"));
        assertEquals(200, json.getInt("status"));
        assertEquals("gemini", json.getString("ingress"));
        assertEquals("gemini-2.5-pro", json.getString("model"));
        assertEquals("cgw_secr", json.getString("key"));
        assertEquals(3, json.getInt("accountId"));
        assertTrue(json.getInt("ttfbMs") >= 0);
        assertFalse(json.getBoolean("stream"));
        assertTrue(json.getJsonNumber("latencyMs").longValue() >= 0);
    }

    @Test
    void aRefusedRequestIsLoggedWithWhatTheServletLayerKnows() throws Exception {
        AccessLog log = new AccessLog(logger, clock);

        log.doFilter(request("POST", "/v1/messages", null, new HashMap<>()), response(401, "application/json"), (req, res) -> { });

        JsonObject json = JsonIo.read(lines.get(0)).asJsonObject();
        assertEquals(401, json.getInt("status"));
        assertEquals("/v1/messages", json.getString("path"));
        assertFalse(json.containsKey("key"));
        assertFalse(json.containsKey("model"));
    }

    @Test
    void theConsoleTheAdminApiAndProbesAreNotInTheAccessLog() throws Exception {
        AccessLog log = new AccessLog(logger, clock);
        for (String path : List.of("/console/keys", "/static/console.css", "/admin/api/keys", "/metrics", "/healthz", "/readyz")) {
            Map<String, Object> attributes = new HashMap<>();
            log.doFilter(request("GET", path, null, attributes), response(200, "text/html"), (req, res) -> { });
            assertFalse(attributes.containsKey(AccessLog.LOGGED_ATTRIBUTE), path + " is left to Tomcat's access log");
        }
        Map<String, Object> attributes = new HashMap<>();
        log.doFilter(request("GET", "/v1/models", null, attributes), response(200, "application/json"), (req, res) -> { });

        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"path\":\"/v1/models\""));
        assertEquals(Boolean.TRUE, attributes.get(AccessLog.LOGGED_ATTRIBUTE), "marked, so that Tomcat's access log leaves it out");
    }
}
