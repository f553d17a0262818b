package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.Settings;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.StreamSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 1: no thread per request. Sends plain and streamed requests through the default upstream client
 * (the {@code upstream-http-client} setting's default; {@code -Dthread-starts.client=jdk} tries the other) to the
 * fake upstream on loopback, and counts the threads the JVM started meanwhile. The JDK client fails this on a
 * machine with one or two CPUs: {@code sendAsync}'s hop on {@code CompletableFuture}'s default executor starts a
 * thread per request there.
 */
class ThreadStartsTest {

    private static final int REQUESTS = 500;
    private static final int IN_FLIGHT = 8;
    /** Pools growing to their working size, a scheduler tick: far below one per request. */
    private static final int MOST_THREAD_STARTS = 20;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void hundredsOfRequestsStartOnlyAFewThreads() throws Exception {
        String client = System.getProperty("thread-starts.client", Settings.UPSTREAM_HTTP_CLIENT.defaultText());
        UpstreamTransports.Client kind = UpstreamTransports.Client.valueOf(client.toUpperCase(Locale.ROOT));
        try (FakeCopilotUpstream upstream = new FakeCopilotUpstream().start();
             FakeUpstreamCaller caller = new FakeUpstreamCaller(upstream, kind, HttpClient.Version.HTTP_1_1, Duration.ofSeconds(10))) {
            upstream.recorder().setKeeping(false);
            upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(5));
            sendAll(caller, 2 * IN_FLIGHT * 5); // warm-up: connections, pools at working size

            long before = threads.getTotalStartedThreadCount();
            sendAll(caller, REQUESTS);
            long started = threads.getTotalStartedThreadCount() - before;

            assertTrue(started < MOST_THREAD_STARTS, kind + " client: " + started + " threads started for " + REQUESTS
                    + " requests on " + Runtime.getRuntime().availableProcessors() + " CPUs");
        }
    }

    /** Half plain, half streamed, {@link #IN_FLIGHT} at a time; each one checked. */
    private static void sendAll(FakeUpstreamCaller caller, int count) throws Exception {
        for (int sent = 0; sent < count; sent += IN_FLIGHT) {
            List<CompletableFuture<String>> round = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                round.add(i % 2 == 0 ? plain(caller) : streamed(caller));
            }
            for (CompletableFuture<String> answer : round) {
                String body = answer.get(10, TimeUnit.SECONDS);
                assertTrue(body.contains("Echo: n") || body.endsWith("data: [DONE]\n\n"), body);
            }
        }
    }

    private static CompletableFuture<String> plain(FakeUpstreamCaller caller) {
        return caller.call("n").thenApply(response -> {
            assertEquals(200, response.statusCode());
            return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        });
    }

    private static CompletableFuture<String> streamed(FakeUpstreamCaller caller) {
        FakeUpstreamCaller.CollectingSink sink = new FakeUpstreamCaller.CollectingSink();
        return caller.stream("n", new UpstreamStreamSubscriber(sink)).thenCompose(response -> {
            assertEquals(200, response.statusCode());
            return sink.ended;
        });
    }
}
