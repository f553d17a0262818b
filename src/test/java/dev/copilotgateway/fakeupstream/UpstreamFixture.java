package dev.copilotgateway.fakeupstream;

import dev.copilotgateway.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh fake per test, on a clock the test moves, with one registered user, alice, and a client for it. */
abstract class UpstreamFixture {

    static final long ALICE_ID = 1001;

    final MutableClock clock = MutableClock.startingNow();
    FakeCopilotUpstream upstream;
    TestClient client;

    @BeforeEach
    void startUpstream() {
        upstream = new FakeCopilotUpstream(clock).start();
        upstream.addGitHubUser(TestClient.GITHUB_TOKEN, ALICE_ID, "alice");
        client = new TestClient(upstream);
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    String copilotToken() {
        return client.copilotToken(TestClient.GITHUB_TOKEN);
    }
}
