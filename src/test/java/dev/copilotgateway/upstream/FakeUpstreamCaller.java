package dev.copilotgateway.upstream;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.github.EditorIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link CopilotClient} on a chosen transport, with a valid Copilot token of the fake upstream's user. */
final class FakeUpstreamCaller implements AutoCloseable {

    static final String GITHUB_TOKEN = "ghu_transport_test";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    final UpstreamTransport transport;
    final CopilotClient client;
    final CopilotCredentials credentials;

    FakeUpstreamCaller(FakeCopilotUpstream upstream, UpstreamTransports.Client kind, HttpClient.Version version, Duration firstByte) {
        this(upstream, timeouts -> UpstreamTransports.open(kind, version, CONNECT_TIMEOUT, timeouts), upstream.baseUrl(), firstByte);
    }

    /**
     * On the transport {@code opener} opens (given the timeouts), calling the Copilot API at {@code apiBaseUrl} (e.g. the
     * fake's TLS listener); the Copilot token comes from the fake's cleartext base URL.
     */
    FakeUpstreamCaller(FakeCopilotUpstream upstream, Function<UpstreamTimeouts, UpstreamTransport> opener, String apiBaseUrl,
                       Duration firstByte) {
        upstream.addGitHubUser(GITHUB_TOKEN, 77, "transport");
        UpstreamTimeouts timeouts = new UpstreamTimeouts(firstByte, Duration.ofSeconds(30));
        this.transport = opener.apply(timeouts);
        this.client = new CopilotClient(transport, new CopilotHeaders(EditorIdentity.from(TestConfigs.fromEnvironment(Map.of()))), timeouts);
        this.credentials = new CopilotCredentials(1, copilotToken(upstream), Instant.now().plusSeconds(600),
                URI.create(apiBaseUrl), new CopilotCredentials.ClientIdentity("device", "machine", "session"));
    }

    private static String copilotToken(FakeCopilotUpstream upstream) {
        try {
            // Never through a JVM proxy a test may have set: the token is set-up, not what is tested.
            HttpResponse<String> response = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(HttpRequest.newBuilder(URI.create(upstream.baseUrl()
                    + "/copilot_internal/v2/token")).header("authorization", "token " + GITHUB_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = TOKEN.matcher(response.body());
            if (!token.find()) {
                throw new IllegalStateException("no token in " + response.body());
            }
            return token.group(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] chat(boolean stream, String text) {
        return ("{\"model\":\"gpt-4.1\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    CompletableFuture<HttpResponse<byte[]>> call(String text) {
        return client.call(credentials, CopilotEndpoint.CHAT_COMPLETIONS, chat(false, text), RequestTraits.conversation("user", false));
    }

    CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> stream(String text, UpstreamStreamSubscriber subscriber) {
        return client.stream(credentials, CopilotEndpoint.CHAT_COMPLETIONS, chat(true, text), RequestTraits.conversation("user", false), subscriber);
    }

    @Override
    public void close() {
        transport.close();
    }

    /** Collects a streamed body; asks for the next chunk after each one unless told to hold. */
    static final class CollectingSink implements UpstreamStreamSubscriber.Sink {

        final StringBuffer text = new StringBuffer();
        final CopyOnWriteArrayList<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> ended = new CompletableFuture<>();
        volatile boolean hold;
        volatile UpstreamStreamSubscriber stream;

        @Override
        public void onStart(UpstreamStreamSubscriber started) {
            stream = started;
            events.add("start");
            started.requestMore();
        }

        @Override
        public void onBytes(java.util.List<ByteBuffer> chunk) {
            events.add("bytes");
            for (ByteBuffer buffer : chunk) {
                text.append(StandardCharsets.UTF_8.decode(buffer.duplicate()));
            }
            if (!hold) {
                stream.requestMore();
            }
        }

        @Override
        public void onEnd() {
            events.add("end");
            ended.complete(text.toString());
        }

        @Override
        public void onFailure(Throwable failure) {
            events.add("failure");
            ended.completeExceptionally(failure);
        }

        String awaitEnd() throws Exception {
            return ended.get(10, TimeUnit.SECONDS);
        }
    }
}
