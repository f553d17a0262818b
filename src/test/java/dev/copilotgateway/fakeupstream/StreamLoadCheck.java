package dev.copilotgateway.fakeupstream;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Manual scale check, not a unit test: N simultaneous slow chat streams through one fake, all in this JVM.
 * Usage: {@code java -cp <test classpath> dev.copilotgateway.fakeupstream.StreamLoadCheck [streams] [chunkDelayMs]}
 */
public final class StreamLoadCheck {

    private StreamLoadCheck() {
    }

    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int chunkDelayMs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (FakeCopilotUpstream upstream = new FakeCopilotUpstream().start()) {
            upstream.setStreamSettings(StreamSettings.defaults().withChunkDelay(Duration.ofMillis(chunkDelayMs)));
            upstream.addGitHubUser("ghu_load", 1, "load");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            String token = Jsons.string(Jsons.parseObject(http.send(HttpRequest.newBuilder(
                    URI.create(upstream.baseUrl() + "/copilot_internal/v2/token"))
                    .header("authorization", "token ghu_load").build(), HttpResponse.BodyHandlers.ofString()).body()), "token");

            long start = System.nanoTime();
            List<CompletableFuture<Long>> results = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                long sent = System.nanoTime();
                results.add(http.sendAsync(streamRequest(upstream.baseUrl(), token, i), HttpResponse.BodyHandlers.ofString())
                        .thenApply(response -> {
                            if (response.statusCode() != 200 || !response.body().endsWith("data: [DONE]\n\n")) {
                                throw new IllegalStateException("bad stream: " + response.statusCode());
                            }
                            return (System.nanoTime() - sent) / 1_000_000;
                        }));
            }
            long serverThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("fake-upstream-") || thread.getName().equals("HTTP-Dispatcher"))
                    .count();
            List<Long> durations = new ArrayList<>();
            int failures = 0;
            for (CompletableFuture<Long> result : results) {
                try {
                    durations.add(result.get(120, TimeUnit.SECONDS));
                } catch (Exception e) {
                    failures++;
                    if (failures <= 3) {
                        System.out.println("failure: " + e);
                    }
                }
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            Collections.sort(durations);
            long completed = upstream.recorder().streams().stream()
                    .filter(stream -> stream.outcome() == RecordedStream.Outcome.COMPLETED).count();
            int frames = upstream.recorder().streams().get(0).framesWritten();
            System.out.printf("streams=%d chunkDelay=%dms frames/stream=%d ideal=%dms%n",
                    streams, chunkDelayMs, frames, (long) (frames - 1) * chunkDelayMs);
            System.out.printf("ok=%d failed=%d serverCompleted=%d wall=%dms p50=%dms p99=%dms max=%dms%n",
                    durations.size(), failures, completed, wall,
                    percentile(durations, 50), percentile(durations, 99), percentile(durations, 100));
            System.out.printf("fake's threads while streaming=%d, JVM peak threads (client included)=%d%n",
                    serverThreads, ManagementFactory.getThreadMXBean().getPeakThreadCount());
        }
    }

    private static HttpRequest streamRequest(String baseUrl, String token, int index) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("authorization", "Bearer " + token)
                .header("content-type", "application/json")
                .header("copilot-integration-id", "vscode-chat")
                .header("editor-version", "vscode/1.104.3")
                .header("editor-plugin-version", "copilot-chat/0.38.0")
                .header("user-agent", "GitHubCopilotChat/0.38.0")
                .header("x-github-api-version", "2025-05-01")
                .header("x-request-id", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(
                        TestClient.chatRequest("gpt-4.1", "load test stream number " + index, true)))
                .build();
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
    }
}
