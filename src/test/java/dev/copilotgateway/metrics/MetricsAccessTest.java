package dev.copilotgateway.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MetricsAccessTest {

    private static final Function<String, String> NO_HEADERS = name -> null;
    private final MetricsAccess loopbackOnly = new MetricsAccess(Optional.empty());
    private final MetricsAccess withToken = new MetricsAccess(Optional.of("scrape-secret-0123456789"));

    private static Function<String, String> headers(Map<String, String> headers) {
        return name -> headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    @Test
    void withoutATokenOnlyLoopbackPeersAreLetIn() {
        assertTrue(loopbackOnly.allows("127.0.0.1", null, NO_HEADERS));
        assertTrue(loopbackOnly.allows("127.3.4.5", null, NO_HEADERS), "all of 127/8");
        assertTrue(loopbackOnly.allows("0:0:0:0:0:0:0:1", null, NO_HEADERS));
        assertTrue(loopbackOnly.allows("::1", null, NO_HEADERS));
        assertFalse(loopbackOnly.allows("10.1.2.3", null, NO_HEADERS));
        assertFalse(loopbackOnly.allows("192.168.0.7", null, NO_HEADERS));
        assertFalse(loopbackOnly.allows("2001:db8::1", null, NO_HEADERS));
        assertFalse(loopbackOnly.allows(null, null, NO_HEADERS));
        assertFalse(loopbackOnly.allows("localhost", null, NO_HEADERS), "a name is not an address the container reports; no DNS");
    }

    @Test
    void aSpoofedForwardingHeaderNeverMakesARemoteCallerLocal() {
        assertFalse(loopbackOnly.allows("203.0.113.9", null, headers(Map.of("X-Forwarded-For", "127.0.0.1"))));
        assertFalse(loopbackOnly.allows("203.0.113.9", null, headers(Map.of("Forwarded", "for=127.0.0.1"))));
        assertFalse(loopbackOnly.allows("203.0.113.9", null, headers(Map.of("X-Real-IP", "::1"))));
    }

    @Test
    void aLoopbackPeerThatForwardsSomeoneElseIsNotLocal() {
        // a reverse proxy on this machine: every caller's connection comes from 127.0.0.1
        assertFalse(loopbackOnly.allows("127.0.0.1", null, headers(Map.of("X-Forwarded-For", "203.0.113.9"))));
        assertFalse(loopbackOnly.allows("127.0.0.1", null, headers(Map.of("Forwarded", "for=203.0.113.9"))));
        assertFalse(loopbackOnly.allows("127.0.0.1", null, headers(Map.of("x-real-ip", "203.0.113.9"))));
    }

    @Test
    void withATokenEveryCallerNeedsIt() {
        assertTrue(withToken.needsToken());
        assertTrue(withToken.allows("203.0.113.9", "Bearer scrape-secret-0123456789", NO_HEADERS));
        assertTrue(withToken.allows("10.0.0.1", "bearer scrape-secret-0123456789", headers(Map.of("X-Forwarded-For", "1.2.3.4"))));
        assertFalse(withToken.allows("127.0.0.1", null, NO_HEADERS), "loopback too: the token is the rule once set");
        assertFalse(withToken.allows("203.0.113.9", "Bearer scrape-secret-012345678", NO_HEADERS));
        assertFalse(withToken.allows("203.0.113.9", "Bearer scrape-secret-0123456789x", NO_HEADERS));
        assertFalse(withToken.allows("203.0.113.9", "Basic scrape-secret-0123456789", NO_HEADERS));
        assertFalse(withToken.allows("203.0.113.9", "Bearer", NO_HEADERS));
    }

    @Test
    void anEmptyTokenSettingMeansLoopbackOnly() {
        MetricsAccess empty = new MetricsAccess(Optional.of(""));
        assertFalse(empty.needsToken());
        assertFalse(empty.allows("203.0.113.9", "Bearer ", NO_HEADERS));
        assertTrue(empty.allows("127.0.0.1", null, NO_HEADERS));
    }
}
