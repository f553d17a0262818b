package dev.copilotgateway.github;

import jakarta.ws.rs.client.Client;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** GitHub clients for tests: one shared JAX-RS client (it is heavyweight) on a small pool of daemon threads. */
public final class GitHubTestClients {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "test-github-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private static final Client REST = GitHubClient.newRestClient(Duration.ofSeconds(10), EXECUTOR);

    private GitHubTestClients() {
    }

    public static GitHubClient create(EditorIdentity editor) {
        return new GitHubClient(REST, editor);
    }

    /** With a short read timeout, for tests of a silent GitHub. */
    static GitHubClient withRequestTimeout(EditorIdentity editor, Duration requestTimeout) {
        return new GitHubClient(REST, editor, requestTimeout);
    }
}
