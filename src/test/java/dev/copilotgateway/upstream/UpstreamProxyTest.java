package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JVM's proxy settings ({@link JvmProxies}) with the Jetty transport, through a real forward proxy on loopback. The
 * JDK's proxy selector never proxies {@code localhost} or a {@code 127.*} literal, whatever {@code http.nonProxyHosts}
 * says, so the destinations are 127.0.0.1 written as an IPv4-mapped IPv6 address: proxied like any other host, yet
 * reached (directly, or by the proxy) on 127.0.0.1 without a name lookup. The settings are read when the transport opens.
 */
class UpstreamProxyTest {

    private static final List<String> PROXY_PROPERTIES = List.of("http.proxyHost", "http.proxyPort", "https.proxyHost",
            "https.proxyPort", "http.nonProxyHosts");
    private static final String MAPPED_LOOPBACK = "[::ffff:127.0.0.1]";
    /** Matches no host of these tests. */
    private static final String NO_EXCEPTIONS = "nothing.invalid";

    private final FakeCopilotUpstream upstream = new FakeCopilotUpstream().withTls().start();
    private final int tlsPort = URI.create(upstream.tlsBaseUrl()).getPort();
    private final String plainUrl = upstream.baseUrl().replace("127.0.0.1", MAPPED_LOOPBACK);
    private final String tlsUrl = upstream.tlsBaseUrl().replace("127.0.0.1", MAPPED_LOOPBACK);
    /** Like Squid's default: tunnels to the TLS port only. */
    private final RecordingForwardProxy proxy = new RecordingForwardProxy().tunnellingTo(tlsPort);
    private final SystemProperties properties = new SystemProperties();
    private FakeUpstreamCaller caller;

    @AfterEach
    void stop() {
        if (caller != null) {
            caller.close();
        }
        proxy.close();
        upstream.close();
        properties.restore();
    }

    private void proxyFor(String scheme, String nonProxyHosts) {
        properties.clear(PROXY_PROPERTIES);
        properties.set(scheme + ".proxyHost", "127.0.0.1");
        properties.set(scheme + ".proxyPort", Integer.toString(proxy.port()));
        properties.set("http.nonProxyHosts", nonProxyHosts);
    }

    /** Opened after the properties are set; trusts the fake's certificate. */
    private FakeUpstreamCaller caller(HttpClient.Version version, String apiBaseUrl) {
        caller = new FakeUpstreamCaller(upstream, timeouts -> JettyTransport.open(version, FakeUpstreamCaller.CONNECT_TIMEOUT,
                timeouts.streamIdle(), upstream.tlsCertificate().trustingContext()), apiBaseUrl, Duration.ofSeconds(5));
        return caller;
    }

    private List<String> chatProtocols() {
        return upstream.recorder().requests("/chat/completions").stream().map(RecordedRequest::protocol).toList();
    }

    private String callAndStream() throws Exception {
        HttpResponse<byte[]> response = caller.call("via proxy").get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("Echo: via proxy"));
        FakeUpstreamCaller.CollectingSink sink = new FakeUpstreamCaller.CollectingSink();
        caller.stream("streamed via proxy", new UpstreamStreamSubscriber(sink)).get(10, TimeUnit.SECONDS);
        String text = sink.awaitEnd();
        assertTrue(text.endsWith("data: [DONE]\n\n"), text);
        return text;
    }

    @Test
    void anHttpsDestinationIsTunnelledThroughTheHttpsProxyAndStillNegotiatesHttp2() throws Exception {
        proxyFor("https", NO_EXCEPTIONS);
        caller(HttpClient.Version.HTTP_2, tlsUrl);

        callAndStream();

        List<String> lines = proxy.requestLines();
        assertFalse(lines.isEmpty(), "the proxy saw the connection");
        assertTrue(lines.stream().allMatch(line -> line.equals("CONNECT " + MAPPED_LOOPBACK + ":" + tlsPort + " HTTP/1.1")), lines.toString());
        assertEquals(List.of("HTTP/2.0", "HTTP/2.0"), chatProtocols(), "h2 by ALPN inside the tunnel");
    }

    @Test
    void anHttpDestinationGoesThroughTheHttpProxyAsHttp11InAbsoluteForm() throws Exception {
        proxyFor("http", NO_EXCEPTIONS);
        caller(HttpClient.Version.HTTP_2, plainUrl); // h2c with prior knowledge cannot pass an HTTP/1.1 proxy

        callAndStream();

        List<String> chatLines = proxy.requestLines().stream().filter(line -> line.contains("/chat/completions")).toList();
        assertEquals(List.of("POST " + plainUrl + "/chat/completions HTTP/1.1", "POST " + plainUrl + "/chat/completions HTTP/1.1"),
                chatLines);
        assertTrue(proxy.requestLines().stream().noneMatch(line -> line.startsWith("CONNECT")), proxy.requestLines().toString());
        assertEquals(List.of("HTTP/1.1", "HTTP/1.1"), chatProtocols());
    }

    @Test
    void theHttpProxyIsNotUsedForAnHttpsDestination() throws Exception {
        proxyFor("http", NO_EXCEPTIONS);
        caller(HttpClient.Version.HTTP_2, tlsUrl);

        callAndStream();

        assertEquals(List.of(), proxy.requestLines());
        assertEquals(List.of("HTTP/2.0", "HTTP/2.0"), chatProtocols());
    }

    @Test
    void nonProxyHostsLeaveAHostOut() throws Exception {
        proxyFor("http", "example.invalid|" + MAPPED_LOOPBACK);
        properties.set("https.proxyHost", "127.0.0.1");
        properties.set("https.proxyPort", Integer.toString(proxy.port()));
        caller(HttpClient.Version.HTTP_2, plainUrl);
        callAndStream();
        caller.close();
        caller(HttpClient.Version.HTTP_2, tlsUrl);

        callAndStream();

        assertEquals(List.of(), proxy.requestLines(), "neither destination went through the proxy");
        assertEquals(List.of("HTTP/2.0", "HTTP/2.0", "HTTP/2.0", "HTTP/2.0"), chatProtocols(), "h2c and h2 straight to the fake");
    }

    @Test
    void loopbackLiteralsAreNeverProxied() throws Exception {
        proxyFor("http", NO_EXCEPTIONS);
        caller(HttpClient.Version.HTTP_2, upstream.baseUrl());

        callAndStream();

        assertEquals(List.of(), proxy.requestLines());
        assertEquals(List.of("HTTP/2.0", "HTTP/2.0"), chatProtocols());
    }
}
