package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.Fault;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.RecordedStream;
import dev.copilotgateway.fakeupstream.StreamSettings;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both transports keep {@link CopilotClient}'s contract against the fake upstream (HTTP/1.1 on loopback). */
class UpstreamTransportTest {

    private final FakeCopilotUpstream upstream = new FakeCopilotUpstream().start();
    private FakeUpstreamCaller caller;

    private FakeUpstreamCaller caller(UpstreamTransports.Client kind) {
        caller = new FakeUpstreamCaller(upstream, kind, HttpClient.Version.HTTP_1_1, Duration.ofSeconds(5));
        return caller;
    }

    @AfterEach
    void stop() {
        if (caller != null) {
            caller.close();
        }
        upstream.close();
    }

    @ParameterizedTest
    @EnumSource(UpstreamTransports.Client.class)
    void aPlainCallCompletesWithTheWholeBodyAndHeaders(UpstreamTransports.Client kind) throws Exception {
        HttpResponse<byte[]> response = caller(kind).call("hello").get(10, TimeUnit.SECONDS);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"), "headers in any case");
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("Echo: hello"));
        assertEquals("POST", upstream.recorder().requests("/chat/completions").get(0).method());
        assertEquals("application/json", upstream.recorder().requests("/chat/completions").get(0).header("content-type"));
    }

    @ParameterizedTest
    @EnumSource(UpstreamTransports.Client.class)
    void aStreamFlowsIntoTheSinkUntilItsEnd(UpstreamTransports.Client kind) throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(10));
        FakeUpstreamCaller.CollectingSink sink = new FakeUpstreamCaller.CollectingSink();
        Runnable[] done = new Runnable[1];
        int[] doneCount = new int[1];
        done[0] = () -> doneCount[0]++;

        HttpResponse<UpstreamStreamSubscriber.Body> response = caller(kind).stream("hi", new UpstreamStreamSubscriber(sink, done[0]))
                .get(10, TimeUnit.SECONDS);
        String text = sink.awaitEnd();

        assertEquals(200, response.statusCode());
        assertTrue(response.body().streaming());
        assertTrue(text.endsWith("data: [DONE]\n\n"), text);
        assertEquals("start", sink.events.get(0));
        assertEquals("end", sink.events.get(sink.events.size() - 1));
        assertEquals(1, doneCount[0]);
        assertEquals(RecordedStream.Outcome.COMPLETED, upstream.recorder().awaitStream(1, Duration.ofSeconds(5)).awaitEnd(Duration.ofSeconds(5)));
    }

    @ParameterizedTest
    @EnumSource(UpstreamTransports.Client.class)
    void aStreamedCallsErrorStatusIsCollected(UpstreamTransports.Client kind) throws Exception {
        FakeUpstreamCaller.CollectingSink sink = new FakeUpstreamCaller.CollectingSink();
        caller(kind);
        upstream.inject(Fault.rateLimited(7).onPath("/chat/completions"));

        HttpResponse<UpstreamStreamSubscriber.Body> response = caller.stream("hi", new UpstreamStreamSubscriber(sink))
                .get(10, TimeUnit.SECONDS);

        assertEquals(429, response.statusCode());
        assertEquals("7", response.headers().firstValue("retry-after").orElseThrow());
        assertTrue(response.body().collected().length > 0);
        assertTrue(sink.events.isEmpty(), "the sink sees no error body");
    }

    @ParameterizedTest
    @EnumSource(UpstreamTransports.Client.class)
    void theSinkGetsNothingMoreUntilItAsks(UpstreamTransports.Client kind) throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(5).withChunkDelay(Duration.ofMillis(20)));
        FakeUpstreamCaller.CollectingSink sink = new FakeUpstreamCaller.CollectingSink();
        sink.hold = true;

        caller(kind).stream("hi", new UpstreamStreamSubscriber(sink)).get(10, TimeUnit.SECONDS);
        upstream.recorder().awaitStream(1, Duration.ofSeconds(5)).awaitEnd(Duration.ofSeconds(5)); // all sent: sits in buffers
        Thread.sleep(200);

        assertEquals(2, sink.events.size(), "one chunk, as asked: " + sink.events);
        sink.hold = false;
        sink.stream.requestMore();
        assertTrue(sink.awaitEnd().endsWith("data: [DONE]\n\n"));
    }

    @ParameterizedTest
    @EnumSource(UpstreamTransports.Client.class)
    void cancellingAStreamClosesTheUpstreamRequest(UpstreamTransports.Client kind) throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(200).withChunkDelay(Duration.ofMillis(20)));
        FakeUpstreamCaller.CollectingSink sink = new FakeUpstreamCaller.CollectingSink();
        int[] doneCount = new int[1];
        UpstreamStreamSubscriber subscriber = new UpstreamStreamSubscriber(sink, () -> doneCount[0]++);

        caller(kind).stream("hi", subscriber).get(10, TimeUnit.SECONDS);
        RecordedStream recorded = upstream.recorder().awaitStream(1, Duration.ofSeconds(5));
        subscriber.cancel();

        assertEquals(RecordedStream.Outcome.CLIENT_DISCONNECTED, recorded.awaitEnd(Duration.ofSeconds(10)));
        assertTrue(subscriber.cancelled());
        assertEquals(1, doneCount[0]);
    }

    @ParameterizedTest
    @EnumSource(UpstreamTransports.Client.class)
    void noHeadersWithinTheFirstByteTimeoutIsAnHttpTimeout(UpstreamTransports.Client kind) {
        caller = new FakeUpstreamCaller(upstream, kind, HttpClient.Version.HTTP_1_1, Duration.ofMillis(300));
        upstream.inject(Fault.hang().onPath("/chat/completions"));

        ExecutionException failure = assertThrows(ExecutionException.class, () -> caller.call("hi").get(10, TimeUnit.SECONDS));

        assertInstanceOf(HttpTimeoutException.class, failure.getCause());
    }

    @ParameterizedTest
    @EnumSource(UpstreamTransports.Client.class)
    void aRefusedConnectionIsAConnectException(UpstreamTransports.Client kind) throws Exception {
        caller = caller(kind);
        upstream.close();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> caller.call("hi").get(10, TimeUnit.SECONDS));

        assertInstanceOf(java.net.ConnectException.class, failure.getCause(), String.valueOf(failure.getCause()));
    }

    @org.junit.jupiter.api.Test
    void theJdkClientFollowsTheJvmProxySettings() {
        try (JdkTransport jdk = JdkTransport.open(HttpClient.Version.HTTP_1_1, Duration.ofSeconds(7))) {
            HttpClient http = jdk.client();

            assertSame(ProxySelector.getDefault(), http.proxy().orElseThrow(), "https.proxyHost / http.nonProxyHosts apply");
            assertEquals(Optional.of(Duration.ofSeconds(7)), http.connectTimeout());
            assertEquals(HttpClient.Redirect.NORMAL, http.followRedirects());
            assertEquals(HttpClient.Version.HTTP_1_1, http.version());
        }
    }
}
