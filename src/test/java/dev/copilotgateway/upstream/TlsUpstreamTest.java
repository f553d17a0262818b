package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.fakeupstream.RecordedStream;
import dev.copilotgateway.fakeupstream.StreamSettings;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Jetty transport over TLS to the fake upstream's TLS listener: ALPN picks h2 (or HTTP/1.1), and trust is checked. */
class TlsUpstreamTest {

    private static final List<String> TRUST_PROPERTIES = List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
            "javax.net.ssl.trustStoreType");

    private final FakeCopilotUpstream upstream = new FakeCopilotUpstream().withTls().start();
    private final SystemProperties properties = new SystemProperties();
    private FakeUpstreamCaller caller;

    @AfterEach
    void stop() {
        if (caller != null) {
            caller.close();
        }
        upstream.close();
        properties.restore();
    }

    /** A caller on the fake's TLS listener that trusts its certificate (and nothing else). */
    private FakeUpstreamCaller trustingCaller(HttpClient.Version version) {
        caller = new FakeUpstreamCaller(upstream, timeouts -> JettyTransport.open(version, FakeUpstreamCaller.CONNECT_TIMEOUT,
                timeouts.streamIdle(), upstream.tlsCertificate().trustingContext()), upstream.tlsBaseUrl(), Duration.ofSeconds(5));
        return caller;
    }

    private RecordedRequest lastChatRequest() {
        List<RecordedRequest> requests = upstream.recorder().requests("/chat/completions");
        return requests.get(requests.size() - 1);
    }

    @Test
    void aPlainCallNegotiatesHttp2ByAlpn() throws Exception {
        HttpResponse<byte[]> response = trustingCaller(HttpClient.Version.HTTP_2).call("over tls").get(10, TimeUnit.SECONDS);

        assertEquals(200, response.statusCode());
        assertTrue(response.uri().toString().startsWith("https://127.0.0.1:"), response.uri().toString());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals("HTTP/2.0", lastChatRequest().protocol(), "the fake saw HTTP/2");
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("Echo: over tls"));
    }

    @Test
    void aStreamNegotiatesHttp2ByAlpn() throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(10).withChunkDelay(Duration.ofMillis(5)));
        FakeUpstreamCaller.CollectingSink sink = new FakeUpstreamCaller.CollectingSink();

        HttpResponse<UpstreamStreamSubscriber.Body> response = trustingCaller(HttpClient.Version.HTTP_2)
                .stream("streamed over tls", new UpstreamStreamSubscriber(sink)).get(10, TimeUnit.SECONDS);
        String text = sink.awaitEnd();

        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals("HTTP/2.0", lastChatRequest().protocol());
        assertTrue(text.endsWith("data: [DONE]\n\n"), text);
        assertEquals(RecordedStream.Outcome.COMPLETED, upstream.recorder().awaitStream(1, Duration.ofSeconds(5)).awaitEnd(Duration.ofSeconds(5)));
    }

    @Test
    void versionOnePointOneKeepsToHttp11OverTls() throws Exception {
        HttpResponse<byte[]> response = trustingCaller(HttpClient.Version.HTTP_1_1).call("x").get(10, TimeUnit.SECONDS);
        FakeUpstreamCaller.CollectingSink sink = new FakeUpstreamCaller.CollectingSink();
        caller.stream("y", new UpstreamStreamSubscriber(sink)).get(10, TimeUnit.SECONDS);
        sink.awaitEnd();

        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        assertTrue(upstream.recorder().requests("/chat/completions").stream().allMatch(request -> request.protocol().equals("HTTP/1.1")));
        assertEquals(2, upstream.recorder().requests("/chat/completions").size());
    }

    @Test
    void anUntrustedCertificateFailsTheCallAtOnce() {
        properties.clear(TRUST_PROPERTIES); // the JDK's own cacerts, which do not know the fake's certificate
        Duration longFirstByte = Duration.ofSeconds(60);
        caller = new FakeUpstreamCaller(upstream, timeouts -> UpstreamTransports.open(UpstreamTransports.Client.JETTY,
                HttpClient.Version.HTTP_2, FakeUpstreamCaller.CONNECT_TIMEOUT, timeouts), upstream.tlsBaseUrl(), longFirstByte);

        ExecutionException failure = assertThrows(ExecutionException.class, () -> caller.call("x").get(10, TimeUnit.SECONDS),
                "fails well before the first-byte timeout");

        SSLHandshakeException handshake = assertInstanceOf(SSLHandshakeException.class, failure.getCause());
        assertTrue(handshake.getMessage().contains("certification path"), handshake.getMessage());
        assertTrue(upstream.recorder().requests("/chat/completions").isEmpty(), "nothing reached the fake");
    }

    /** What the README tells ops behind a TLS-inspecting proxy: the JVM's trust store properties reach Jetty's client. */
    @Test
    void theJvmTrustStorePropertiesAreHonoured() throws Exception {
        properties.set("javax.net.ssl.trustStore", upstream.tlsCertificate().trustStore().toString());
        properties.set("javax.net.ssl.trustStorePassword", upstream.tlsCertificate().password());
        properties.set("javax.net.ssl.trustStoreType", "PKCS12");
        caller = new FakeUpstreamCaller(upstream, timeouts -> UpstreamTransports.open(UpstreamTransports.Client.JETTY,
                HttpClient.Version.HTTP_2, FakeUpstreamCaller.CONNECT_TIMEOUT, timeouts), upstream.tlsBaseUrl(), Duration.ofSeconds(5));

        HttpResponse<byte[]> response = caller.call("trusted by the JVM").get(10, TimeUnit.SECONDS);

        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals("HTTP/2.0", lastChatRequest().protocol());
    }
}
