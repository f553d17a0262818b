package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RecordingTest extends UpstreamFixture {

    @Test
    void recordsMethodPathQueryHeadersAndBody() {
        String token = copilotToken();
        Instant before = Instant.now();
        String body = TestClient.chatRequest("gpt-4.1", "récord", false);

        client.send(client.capi("/models?intent=chat", token).GET());
        client.capiPost("/chat/completions", token, body);

        List<RecordedRequest> requests = upstream.recorder().requests();
        assertEquals(3, requests.size(), "token exchange, models, chat");
        RecordedRequest models = requests.get(1);
        assertEquals("GET", models.method());
        assertEquals("/models", models.path());
        assertEquals("intent=chat", models.query());
        assertEquals("vscode/1.104.3", models.headers().get("editor-version").get(0));
        assertEquals("vscode-chat", models.header("Copilot-Integration-Id"));
        assertTrue(models.headers().keySet().stream().allMatch(name -> name.equals(name.toLowerCase())));
        RecordedRequest chat = requests.get(2);
        assertEquals(body, chat.body());
        assertEquals("gpt-4.1", chat.json().getString("model"));
        assertNull(chat.query());
        assertTrue(!chat.receivedAt().isBefore(before) && !chat.receivedAt().isAfter(Instant.now()));
        assertTrue(chat.sequence() > models.sequence());
    }

    @Test
    void filtersAndClears() {
        String token = copilotToken();
        client.capiGet("/models", token);
        client.capiGet("/models", token);

        assertEquals(2, upstream.recorder().requests("/models").size());
        assertEquals(1, upstream.recorder().matching(request -> request.path().startsWith("/copilot_internal")).size());

        upstream.recorder().clear();
        assertEquals(List.of(), upstream.recorder().requests());
    }

    @Test
    void recordingCanBeSwitchedOff() {
        upstream.recorder().setKeeping(false);
        client.capiStream("/chat/completions", copilotToken(), TestClient.chatRequest("gpt-4.1", "x", true));

        assertEquals(List.of(), upstream.recorder().requests());
        assertEquals(List.of(), upstream.recorder().streams());
    }

    @Test
    void awaitsRequestsMadeByAnotherThread() {
        String token = copilotToken();
        CompletableFuture.runAsync(() -> {
            sleep(100);
            client.capiGet("/models", token);
        });

        RecordedRequest request = upstream.recorder().awaitRequest("/models", 1, Duration.ofSeconds(2));

        assertEquals("/models", request.path());
        assertThrows(AssertionError.class, () -> upstream.recorder().awaitRequest(5, Duration.ofMillis(100)));
    }

    @Test
    void completedStreamsAreRecorded() {
        List<ReceivedSseEvent> events = client.capiStream("/v1/messages", copilotToken(),
                TestClient.messagesRequest("claude-sonnet-4.6", "done", true));

        RecordedStream stream = upstream.recorder().awaitStream(1, Duration.ofSeconds(1));
        assertEquals(RecordedStream.Outcome.COMPLETED, stream.awaitEnd(Duration.ofSeconds(1)));
        assertEquals(events.size(), stream.framesWritten());
        assertEquals("/v1/messages", stream.request().path());
    }

    @Test
    void clientDisconnectIsNoticedWithinASecond() throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(50).withChunkDelay(Duration.ofMillis(50)));
        HttpResponse<InputStream> response = client.send(client.capi("/chat/completions", copilotToken())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.chatRequest("gpt-4.1", "x".repeat(60), true))),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        assertTrue(body.read(new byte[64]) > 0, "the stream started");

        Instant disconnected = Instant.now();
        body.close();

        RecordedStream stream = upstream.recorder().awaitStream(1, Duration.ofSeconds(1));
        assertEquals(RecordedStream.Outcome.CLIENT_DISCONNECTED, stream.awaitEnd(Duration.ofSeconds(1)));
        assertTrue(Duration.between(disconnected, stream.endedAt()).toMillis() < 1_000);
        assertTrue(stream.framesWritten() < 53, "the stream stopped early: " + stream.framesWritten());
    }

    @Test
    void closingTheServerStopsRunningStreams() {
        upstream.setStreamSettings(StreamSettings.defaults().withChunkDelay(Duration.ofSeconds(5)));
        client.http().sendAsync(client.capi("/chat/completions", copilotToken())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.chatRequest("gpt-4.1", "x", true))).build(),
                HttpResponse.BodyHandlers.discarding());
        RecordedStream stream = upstream.recorder().awaitStream(1, Duration.ofSeconds(2));

        upstream.close();

        assertEquals(RecordedStream.Outcome.SERVER_STOPPED, stream.awaitEnd(Duration.ofMillis(100)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
