package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** A java.net.http client speaking to the fake the way the gateway must (headers of UPSTREAM §3 and §6.1). */
final class TestClient {

    static final String GITHUB_TOKEN = "ghu_alice_token";

    private final FakeCopilotUpstream upstream;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    TestClient(FakeCopilotUpstream upstream) {
        this.upstream = upstream;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(upstream.baseUrl() + path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return http.send(request.build(), handler);
    }

    HttpClient http() {
        return http;
    }

    /** A device-flow call to github.com. */
    HttpResponse<String> oauthPost(String path, String json) {
        return send(request(path)
                .header("content-type", "application/json")
                .header("accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A call to api.github.com with the GitHub token. */
    HttpResponse<String> gitHubGet(String path, String githubToken) {
        return send(request(path)
                .header("authorization", "token " + githubToken)
                .header("accept", "application/json")
                .header("editor-version", "vscode/1.104.3")
                .header("editor-plugin-version", "copilot-chat/0.38.0")
                .header("user-agent", "GitHubCopilotChat/0.38.0")
                .header("x-github-api-version", "2025-04-01")
                .GET());
    }

    /** Exchanges the GitHub token for a Copilot token. */
    String copilotToken(String githubToken) {
        HttpResponse<String> response = gitHubGet("/copilot_internal/v2/token", githubToken);
        assertEquals(200, response.statusCode(), response.body());
        return Jsons.string(Jsons.parseObject(response.body()), "token");
    }

    /** A CAPI request with the full baseline header set; tests remove headers with {@link #without}. */
    HttpRequest.Builder capi(String path, String copilotToken) {
        return request(path)
                .header("authorization", "Bearer " + copilotToken)
                .header("copilot-integration-id", "vscode-chat")
                .header("editor-version", "vscode/1.104.3")
                .header("editor-plugin-version", "copilot-chat/0.38.0")
                .header("user-agent", "GitHubCopilotChat/0.38.0")
                .header("openai-intent", "conversation-agent")
                .header("x-github-api-version", "2025-05-01")
                .header("x-request-id", UUID.randomUUID().toString());
    }

    /** The CAPI headers minus one (java.net.http builders cannot remove a header once set). */
    HttpRequest.Builder without(String missing, String path, String copilotToken) {
        HttpRequest.Builder builder = request(path);
        capi(path, copilotToken).build().headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(missing)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder;
    }

    HttpResponse<String> capiGet(String path, String copilotToken) {
        return send(capi(path, copilotToken).GET());
    }

    HttpResponse<String> capiPost(String path, String copilotToken, String body) {
        return send(capi(path, copilotToken)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a streaming request and reads the whole SSE body (asserting status 200). */
    List<ReceivedSseEvent> capiStream(String path, String copilotToken, String body) {
        try {
            HttpResponse<Stream<String>> response = send(capi(path, copilotToken)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("content-type").orElse(""));
            try (Stream<String> lines = response.body()) {
                return ReceivedSseEvent.readAll(lines.iterator());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonObject json(HttpResponse<String> response) {
        return Jsons.parseObject(response.body());
    }

    // ---- request bodies ----

    static String chatRequest(String model, String userText, boolean stream) {
        return Jsons.object()
                .add("model", model)
                .add("messages", Jsons.array()
                        .add(Jsons.object().add("role", "system").add("content", "You are terse."))
                        .add(Jsons.object().add("role", "user").add("content", userText)))
                .add("stream", stream)
                .build().toString();
    }

    static String messagesRequest(String model, String userText, boolean stream) {
        return Jsons.object()
                .add("model", model)
                .add("max_tokens", 1024)
                .add("messages", Jsons.array()
                        .add(Jsons.object().add("role", "user").add("content", Jsons.array()
                                .add(Jsons.object().add("type", "text").add("text", userText)))))
                .add("stream", stream)
                .build().toString();
    }

    static String responsesRequest(String model, String userText, boolean stream) {
        return Jsons.object()
                .add("model", model)
                .add("input", Jsons.array().add(Jsons.object()
                        .add("type", "message").add("role", "user")
                        .add("content", Jsons.array().add(Jsons.object().add("type", "input_text").add("text", userText)))))
                .add("stream", stream)
                .add("store", false)
                .build().toString();
    }

    static String embeddingsRequest(String... inputs) {
        return Jsons.object()
                .add("model", "text-embedding-3-small")
                .add("input", Jsons.array(List.of(inputs)))
                .build().toString();
    }
}
