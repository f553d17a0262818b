package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void startsOnAGivenLoopbackPort() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (FakeCopilotUpstream upstream = new FakeCopilotUpstream().start(port)) {
            assertEquals("http://127.0.0.1:" + port, upstream.baseUrl());
            assertEquals(404, new TestClient(upstream).send(new TestClient(upstream).request("/nothing").GET()).statusCode());
            assertThrows(IllegalStateException.class, () -> upstream.start(0));
        }
    }

    @Test
    void baseUrlNeedsAStartedServerAndCloseIsIdempotent() {
        FakeCopilotUpstream upstream = new FakeCopilotUpstream();
        assertThrows(IllegalStateException.class, upstream::baseUrl);
        upstream.start();
        upstream.close();
        upstream.close();
    }

    @Test
    void resetRestoresTheInitialState() {
        try (FakeCopilotUpstream upstream = new FakeCopilotUpstream().start()) {
            TestClient client = new TestClient(upstream);
            upstream.addGitHubUser(TestClient.GITHUB_TOKEN, 1, "alice");
            String token = client.copilotToken(TestClient.GITHUB_TOKEN);
            upstream.models().remove("gpt-4.1");
            upstream.enqueueReply(Reply.text("scripted"));
            upstream.inject(Fault.serverError().onPath("/embeddings"));
            upstream.setStreamSettings(StreamSettings.defaults().withChunkDelay(Duration.ofSeconds(1)));

            upstream.reset();

            assertEquals(0, upstream.recorder().requests().size());
            assertEquals(0, upstream.tokenExchangeCount());
            assertEquals(StreamSettings.defaults(), upstream.streamSettings());
            assertEquals(401, client.gitHubGet("/user", TestClient.GITHUB_TOKEN).statusCode(), "users are forgotten");
            assertEquals(401, client.capiGet("/models", token).statusCode(), "issued tokens are forgotten");
            upstream.addGitHubUser(TestClient.GITHUB_TOKEN, 1, "alice");
            String fresh = client.copilotToken(TestClient.GITHUB_TOKEN);
            assertEquals("Echo: hi", Jsons.parseObject(client.capiPost("/chat/completions", fresh,
                    TestClient.chatRequest("gpt-4.1", "hi", false)).body()).getJsonArray("choices")
                    .getJsonObject(0).getJsonObject("message").getString("content"));
            assertEquals(200, client.capiPost("/embeddings", fresh, TestClient.embeddingsRequest("x")).statusCode());
        }
    }
}
