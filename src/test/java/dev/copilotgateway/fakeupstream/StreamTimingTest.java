package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamTimingTest extends UpstreamFixture {

    @Test
    void chunkDelaySpreadsTheEventsOut() {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(5).withChunkDelay(Duration.ofMillis(40)));

        List<ReceivedSseEvent> events = client.capiStream("/chat/completions", copilotToken(),
                TestClient.chatRequest("gpt-4.1", "slowly", true));

        assertEquals(8, events.size(), "role, 5 content chunks, finish chunk, [DONE]");
        long spreadMillis = (events.get(7).arrivalNanos() - events.get(0).arrivalNanos()) / 1_000_000;
        assertTrue(spreadMillis >= 7 * 40 * 9 / 10, "7 gaps of 40 ms, got " + spreadMillis + " ms");
        assertTrue(spreadMillis < 2_000, "delays must not add up beyond the schedule: " + spreadMillis + " ms");
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).arrivalNanos() - events.get(i - 1).arrivalNanos() >= 15_000_000,
                    "event " + i + " arrived together with the previous one");
        }
    }

    @Test
    void firstChunkDelayHoldsTheFirstEventButNotTheHeaders() throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withFirstChunkDelay(Duration.ofMillis(400)));
        HttpRequest.Builder request = client.capi("/chat/completions", copilotToken())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.chatRequest("gpt-4.1", "wait", true)));

        long sent = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long headersAfter = (System.nanoTime() - sent) / 1_000_000;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String firstLine = reader.readLine();
            long firstEventAfter = (System.nanoTime() - sent) / 1_000_000;

            assertTrue(firstLine.startsWith("data: {"), firstLine);
            assertTrue(headersAfter < 300, "headers took " + headersAfter + " ms");
            assertTrue(firstEventAfter >= 380, "first event after " + firstEventAfter + " ms");
        }
    }
}
