package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.Fault;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.fakeupstream.RecordedStream;
import dev.copilotgateway.fakeupstream.StreamSettings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Jetty transport speaks HTTP/2 (h2c with prior knowledge) to the fake upstream's HTTP/2 listener, end to end. */
class Http2UpstreamTest {

    private final FakeCopilotUpstream upstream = new FakeCopilotUpstream().withHttp2().start();
    private FakeUpstreamCaller caller;

    private FakeUpstreamCaller caller(HttpClient.Version version, Duration firstByte) {
        caller = new FakeUpstreamCaller(upstream, UpstreamTransports.Client.JETTY, version, firstByte);
        return caller;
    }

    @AfterEach
    void stop() {
        if (caller != null) {
            caller.close();
        }
        upstream.close();
    }

    private RecordedRequest lastChatRequest() {
        List<RecordedRequest> requests = upstream.recorder().requests("/chat/completions");
        return requests.get(requests.size() - 1);
    }

    @Test
    void aStreamedRequestGoesOverHttp2EndToEnd() throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(10).withChunkDelay(Duration.ofMillis(5)));
        FakeUpstreamCaller.CollectingSink sink = new FakeUpstreamCaller.CollectingSink();

        HttpResponse<UpstreamStreamSubscriber.Body> response = caller(HttpClient.Version.HTTP_2, Duration.ofSeconds(5))
                .stream("over h2", new UpstreamStreamSubscriber(sink)).get(10, TimeUnit.SECONDS);
        String text = sink.awaitEnd();

        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals("HTTP/2.0", lastChatRequest().protocol(), "the fake saw HTTP/2");
        assertTrue(text.contains("\"content\":\"Ec\"") && text.endsWith("data: [DONE]\n\n"), text);
        assertEquals(RecordedStream.Outcome.COMPLETED, upstream.recorder().awaitStream(1, Duration.ofSeconds(5)).awaitEnd(Duration.ofSeconds(5)));
    }

    @Test
    void manyStreamsAtOnceAllComplete() throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(5).withChunkDelay(Duration.ofMillis(20)));
        caller(HttpClient.Version.HTTP_2, Duration.ofSeconds(5));
        List<FakeUpstreamCaller.CollectingSink> sinks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            FakeUpstreamCaller.CollectingSink sink = new FakeUpstreamCaller.CollectingSink();
            sinks.add(sink);
            caller.stream("n" + i, new UpstreamStreamSubscriber(sink));
        }
        for (FakeUpstreamCaller.CollectingSink sink : sinks) {
            assertTrue(sink.awaitEnd().endsWith("data: [DONE]\n\n"));
        }
        assertTrue(upstream.recorder().requests("/chat/completions").stream().allMatch(request -> request.protocol().equals("HTTP/2.0")));
    }

    @Test
    void aPlainCallAndAnErrorStatusOverHttp2() throws Exception {
        HttpResponse<byte[]> ok = caller(HttpClient.Version.HTTP_2, Duration.ofSeconds(5)).call("plain").get(10, TimeUnit.SECONDS);
        upstream.inject(Fault.rateLimited(3).onPath("/chat/completions"));
        HttpResponse<UpstreamStreamSubscriber.Body> limited = caller.stream("x", new UpstreamStreamSubscriber(
                new FakeUpstreamCaller.CollectingSink())).get(10, TimeUnit.SECONDS);

        assertEquals(HttpClient.Version.HTTP_2, ok.version());
        assertTrue(new String(ok.body(), StandardCharsets.UTF_8).contains("Echo: plain"));
        assertEquals(429, limited.statusCode());
        assertEquals("3", limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(limited.body().collected().length > 0);
    }

    @Test
    void cancellingResetsTheHttp2Stream() throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(300).withChunkDelay(Duration.ofMillis(20)));
        UpstreamStreamSubscriber subscriber = new UpstreamStreamSubscriber(new FakeUpstreamCaller.CollectingSink());

        caller(HttpClient.Version.HTTP_2, Duration.ofSeconds(5)).stream("x", subscriber).get(10, TimeUnit.SECONDS);
        RecordedStream recorded = upstream.recorder().awaitStream(1, Duration.ofSeconds(5));
        subscriber.cancel();

        assertEquals(RecordedStream.Outcome.CLIENT_DISCONNECTED, recorded.awaitEnd(Duration.ofSeconds(10)));
        HttpResponse<byte[]> after = caller.call("still fine").get(10, TimeUnit.SECONDS); // the connection lives on
        assertEquals(200, after.statusCode());
    }

    @Test
    void aDroppedStreamIsAFailureForTheSink() throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(20));
        caller(HttpClient.Version.HTTP_2, Duration.ofSeconds(5));
        upstream.inject(Fault.dropStreamAfter(3).onPath("/chat/completions"));
        FakeUpstreamCaller.CollectingSink sink = new FakeUpstreamCaller.CollectingSink();

        caller.stream("x", new UpstreamStreamSubscriber(sink)).get(10, TimeUnit.SECONDS);

        assertThrows(ExecutionException.class, sink::awaitEnd);
        assertEquals("failure", sink.events.get(sink.events.size() - 1));
    }

    @Test
    void theFirstByteTimeoutHoldsOverHttp2() {
        caller(HttpClient.Version.HTTP_2, Duration.ofMillis(300));
        upstream.inject(Fault.hang().onPath("/chat/completions"));

        ExecutionException failure = assertThrows(ExecutionException.class, () -> caller.call("x").get(10, TimeUnit.SECONDS));

        assertInstanceOf(HttpTimeoutException.class, failure.getCause());
    }

    /** h2c with prior knowledge against a server that speaks only HTTP/1.1 (the fake's JDK HttpServer). */
    @Test
    void anHttp11OnlyUpstreamFailsAtOnceNamingTheSetting() throws Exception {
        try (FakeCopilotUpstream http11Only = new FakeCopilotUpstream().start();
             FakeUpstreamCaller h2c = new FakeUpstreamCaller(http11Only, UpstreamTransports.Client.JETTY,
                     HttpClient.Version.HTTP_2, Duration.ofSeconds(60));
             FakeUpstreamCaller http11 = new FakeUpstreamCaller(http11Only, UpstreamTransports.Client.JETTY,
                     HttpClient.Version.HTTP_1_1, Duration.ofSeconds(60))) {

            ExecutionException failure = assertThrows(ExecutionException.class, () -> h2c.call("x").get(10, TimeUnit.SECONDS),
                    "fails well before the first-byte timeout");
            HttpResponse<byte[]> withHttp11 = http11.call("y").get(10, TimeUnit.SECONDS);

            IOException cause = assertInstanceOf(IOException.class, failure.getCause(), "an I/O failure: the next account may try");
            assertTrue(cause.getMessage().contains("did not answer in HTTP/2") && cause.getMessage().contains("upstream-http-version=1.1"),
                    cause.getMessage());
            assertEquals(200, withHttp11.statusCode());
            assertEquals(List.of("HTTP/1.1"), http11Only.recorder().requests("/chat/completions").stream()
                    .map(RecordedRequest::protocol).toList(), "only the HTTP/1.1 call reached the handler");
        }
    }

    @Test
    void versionOnePointOneStaysOnHttp11() throws Exception {
        HttpResponse<byte[]> response = caller(HttpClient.Version.HTTP_1_1, Duration.ofSeconds(5)).call("x").get(10, TimeUnit.SECONDS);

        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        assertEquals("HTTP/1.1", lastChatRequest().protocol());
    }
}
