package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultInjectionTest extends UpstreamFixture {

    @Test
    void rateLimitCarriesRetryAfterAndHitsOnce() {
        String token = copilotToken();
        upstream.inject(Fault.rateLimited(7).onPath("/chat/completions"));

        HttpResponse<String> limited = client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "a", false));

        assertEquals(429, limited.statusCode());
        assertEquals("7", limited.headers().firstValue("retry-after").orElse(null));
        assertEquals("rate_limited", TestClient.json(limited).getJsonObject("error").getString("code"));
        assertEquals(200, client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "a", false)).statusCode());
    }

    @Test
    void faultsRespectPathAndCount() {
        String token = copilotToken();
        upstream.inject(Fault.serverError().onPath("/chat/completions").times(2));

        assertEquals(200, client.capiGet("/models", token).statusCode(), "other paths are untouched");
        assertEquals(500, client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "a", false)).statusCode());
        assertEquals(500, client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "a", false)).statusCode());
        assertEquals(200, client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "a", false)).statusCode());
    }

    @Test
    void aFaultForOneAccountSparesTheOthers() {
        upstream.addGitHubUser("ghu_bob_token", 1002, "bob");
        String alice = copilotToken();
        String bob = client.copilotToken("ghu_bob_token");
        upstream.inject(Fault.rateLimited(9).forAccount("bob").times(2));

        assertEquals(200, client.capiPost("/chat/completions", alice, TestClient.chatRequest("gpt-4.1", "a", false)).statusCode());
        assertEquals(429, client.capiPost("/chat/completions", bob, TestClient.chatRequest("gpt-4.1", "a", false)).statusCode());
        assertEquals(200, client.capiPost("/chat/completions", alice, TestClient.chatRequest("gpt-4.1", "a", false)).statusCode());
        assertEquals(429, client.capiPost("/chat/completions", bob, TestClient.chatRequest("gpt-4.1", "a", false)).statusCode());
        assertEquals(200, client.capiPost("/chat/completions", bob, TestClient.chatRequest("gpt-4.1", "a", false)).statusCode());
        List<String> accounts = upstream.recorder().requests().stream()
                .filter(request -> request.path().equals("/chat/completions")).map(upstream::accountOf).toList();
        assertEquals(List.of("alice", "bob", "alice", "bob", "bob"), accounts);
    }

    @Test
    void anyPathFaultHitsTheNextRequest() {
        upstream.inject(Fault.forbidden());

        assertEquals(403, client.gitHubGet("/copilot_internal/v2/token", TestClient.GITHUB_TOKEN).statusCode());
        assertEquals(200, client.gitHubGet("/copilot_internal/v2/token", TestClient.GITHUB_TOKEN).statusCode());
    }

    @ParameterizedTest
    @CsvSource({"401, unauthorized: token expired", "402, quota_exceeded", "403, forbidden", "500, internal_error"})
    void statusFaultsHaveRealisticBodies(int status, String bodyPart) {
        String token = copilotToken();
        upstream.inject(switch (status) {
            case 401 -> Fault.unauthorized();
            case 402 -> Fault.quotaExceeded();
            case 403 -> Fault.forbidden();
            default -> Fault.serverError();
        });

        HttpResponse<String> response = client.capiPost("/v1/messages", token, TestClient.messagesRequest("claude-sonnet-4.6", "a", false));

        assertEquals(status, response.statusCode());
        assertTrue(response.body().contains(bodyPart), response.body());
    }

    @Test
    void hangNeverAnswersUntilTheClientGivesUp() {
        String token = copilotToken();
        upstream.inject(Fault.hang().onPath("/chat/completions"));

        HttpRequest.Builder request = client.capi("/chat/completions", token)
                .timeout(Duration.ofMillis(300))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.chatRequest("gpt-4.1", "a", false)));

        assertThrows(HttpTimeoutException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        assertEquals(1, upstream.recorder().requests("/chat/completions").size(), "the hung request was received");
    }

    @Test
    void closingTheServerEndsHungRequestsQuickly() throws Exception {
        String token = copilotToken();
        upstream.inject(Fault.hang());
        CompletableFuture<HttpResponse<String>> pending = client.http().sendAsync(
                client.capi("/models", token).GET().build(), HttpResponse.BodyHandlers.ofString());
        upstream.recorder().awaitRequest("/models", 1, Duration.ofSeconds(2));

        long start = System.nanoTime();
        upstream.close();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> pending.get(2, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failure.getCause());
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "close() must not wait for hung exchanges");
    }

    @Test
    void slowFirstByteDelaysTheWholeAnswer() {
        String token = copilotToken();
        upstream.inject(Fault.slowFirstByte(Duration.ofMillis(300)));

        long start = System.nanoTime();
        HttpResponse<String> response = client.capiGet("/models", token);

        assertEquals(200, response.statusCode());
        assertTrue(System.nanoTime() - start >= 290_000_000L);
    }

    @Test
    void dropClosesTheConnectionAbruptlyAfterKEvents() throws Exception {
        String token = copilotToken();
        // Events 100 ms apart: a TCP reset makes the kernel drop data the client has not read yet, so events that
        // arrive together with the reset may be lost. Those before it are read in time.
        upstream.setStreamSettings(StreamSettings.defaults().withChunkDelay(Duration.ofMillis(100)));
        upstream.inject(Fault.dropStreamAfter(3).onPath("/chat/completions"));

        HttpResponse<InputStream> response = client.send(client.capi("/chat/completions", token)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.chatRequest("gpt-4.1", "drop", true))),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> dataLines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThrows(IOException.class, () -> {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("data: ")) {
                        dataLines.add(line);
                    }
                }
            }, "an abrupt close is an I/O error for the client, not a clean end of body");
        }

        assertTrue(dataLines.size() >= 2 && dataLines.size() <= 3, "the events before the drop arrive: " + dataLines);
        assertFalse(dataLines.contains("data: [DONE]"));
        RecordedStream stream = upstream.recorder().awaitStream(1, Duration.ofSeconds(1));
        assertEquals(RecordedStream.Outcome.DROPPED, stream.awaitEnd(Duration.ofSeconds(1)));
        assertEquals(3, stream.framesWritten());
    }

    @ParameterizedTest
    @CsvSource({"/chat/completions, [DONE]", "/v1/messages, message_stop", "/responses, response.completed"})
    void endingEarlyWithholdsEachDialectsTerminator(String path, String terminator) {
        String token = copilotToken();
        upstream.inject(Fault.endStreamEarlyAfter(4));
        String body = switch (path) {
            case "/v1/messages" -> TestClient.messagesRequest("claude-sonnet-4.6", "x", true);
            case "/responses" -> TestClient.responsesRequest("gpt-5.2-codex", "x", true);
            default -> TestClient.chatRequest("gpt-4.1", "x", true);
        };

        List<ReceivedSseEvent> events = client.capiStream(path, token, body);

        assertEquals(4, events.size());
        assertTrue(events.stream().noneMatch(event -> terminator.equals(event.event()) || terminator.equals(event.data())));
        assertTrue(client.capiStream(path, token, body).stream()
                .anyMatch(event -> terminator.equals(event.event()) || terminator.equals(event.data())), "the next stream is whole");
    }

    @Test
    void aCutNeverLetsTheTerminatorThrough() {
        upstream.inject(Fault.endStreamEarlyAfter(1_000));

        List<ReceivedSseEvent> events = client.capiStream("/chat/completions", copilotToken(), TestClient.chatRequest("gpt-4.1", "x", true));

        assertEquals("stop", events.get(events.size() - 1).json().getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void streamFaultsSkipNonStreamRequests() {
        String token = copilotToken();
        upstream.inject(Fault.endStreamEarlyAfter(1));

        assertEquals(200, client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "a", false)).statusCode());
        assertEquals(1, client.capiStream("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "a", true)).size(),
                "the stream fault waited for the streaming request");
    }
}
