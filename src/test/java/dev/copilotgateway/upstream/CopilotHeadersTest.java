package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.Secret;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.github.EditorIdentity;
import dev.copilotgateway.github.GitHubHosts;
import dev.copilotgateway.github.GitHubTestClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Copilot API header set of UPSTREAM.md §6.1 / §6.2. */
class CopilotHeadersTest {

    private static final CopilotCredentials.ClientIdentity IDENTITY = new CopilotCredentials.ClientIdentity(
            "6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "ab".repeat(32), "0b6a3a4e-1d2c-4f6e-9a8b-7c6d5e4f3a2b1767225600000");
    private static final CopilotCredentials CREDENTIALS = new CopilotCredentials(7, "tid=secret;exp=1", Instant.parse("2026-01-01T00:30:00Z"),
            URI.create("https://api.githubcopilot.com"), IDENTITY);

    private final CopilotHeaders headers = new CopilotHeaders(new EditorIdentity("1.104.3", "0.38.0", "2025-05-01"));

    @Test
    void aConversationCarriesTheWholeSet() {
        UpstreamHeaders set = headers.forRequest(CREDENTIALS, RequestTraits.conversation("agent", false));

        String requestId = set.get("x-request-id").orElseThrow();
        assertTrue(requestId.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), requestId);
        assertEquals(List.of("authorization", "content-type", "copilot-integration-id", "editor-version", "editor-plugin-version",
                "user-agent", "openai-intent", "x-github-api-version", "x-request-id", "x-agent-task-id", "x-interaction-type",
                "x-vscode-user-agent-library-version", "x-initiator", "editor-device-id", "vscode-machineid", "vscode-sessionid"),
                List.copyOf(set.asMap().keySet()));
        assertEquals("Bearer tid=secret;exp=1", set.get("authorization").orElseThrow());
        assertEquals("application/json", set.get("content-type").orElseThrow());
        assertEquals("vscode-chat", set.get("copilot-integration-id").orElseThrow());
        assertEquals("vscode/1.104.3", set.get("editor-version").orElseThrow());
        assertEquals("copilot-chat/0.38.0", set.get("editor-plugin-version").orElseThrow());
        assertEquals("GitHubCopilotChat/0.38.0", set.get("user-agent").orElseThrow());
        assertEquals("conversation-agent", set.get("openai-intent").orElseThrow());
        assertEquals("2025-05-01", set.get("x-github-api-version").orElseThrow());
        assertEquals(requestId, set.get("x-agent-task-id").orElseThrow());
        assertEquals("conversation-agent", set.get("x-interaction-type").orElseThrow());
        assertEquals("electron-fetch", set.get("x-vscode-user-agent-library-version").orElseThrow());
        assertEquals("agent", set.get("x-initiator").orElseThrow());
        assertEquals(IDENTITY.deviceId(), set.get("editor-device-id").orElseThrow());
        assertEquals(IDENTITY.machineId(), set.get("vscode-machineid").orElseThrow());
        assertEquals(IDENTITY.sessionId(), set.get("vscode-sessionid").orElseThrow());
        assertEquals(Optional.empty(), set.get("copilot-vision-request"));
    }

    @Test
    void everyRequestHasItsOwnId() {
        assertNotEquals(headers.forRequest(CREDENTIALS, RequestTraits.modelsListing()).get("x-request-id"),
                headers.forRequest(CREDENTIALS, RequestTraits.modelsListing()).get("x-request-id"));
    }

    @Test
    void listingModelsHasNoBodyTypeAndNoInitiator() {
        UpstreamHeaders set = headers.forRequest(CREDENTIALS, RequestTraits.modelsListing());

        assertEquals(Optional.empty(), set.get("content-type"));
        assertEquals(Optional.empty(), set.get("x-initiator"));
        assertEquals("model-access", set.get("x-interaction-type").orElseThrow());
        assertEquals("model-access", set.get("openai-intent").orElseThrow());
    }

    @Test
    void imagesAskForVision() {
        assertEquals("true", headers.forRequest(CREDENTIALS, RequestTraits.conversation("user", true)).get("copilot-vision-request").orElseThrow());
    }

    @Test
    void theTokenIsNotPrinted() {
        String shown = headers.forRequest(CREDENTIALS, RequestTraits.conversation("user", false)).toString();
        assertFalse(shown.contains("tid=secret"), shown);
        assertTrue(shown.contains("authorization=****"), shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Connection", "content-length", "Expect", "host", "upgrade"})
    void headersTheJdkClientOwnsAreRefused(String name) {
        UpstreamHeaders set = headers.forRequest(CREDENTIALS, RequestTraits.modelsListing());
        assertThrows(IllegalArgumentException.class, () -> set.with(name, "x"));
    }

    @Test
    void extraHeadersAreAddedInLowerCaseAndMustBeOneLine() {
        UpstreamHeaders set = headers.forRequest(CREDENTIALS, RequestTraits.conversation("user", false))
                .with("Anthropic-Beta", "interleaved-thinking-2025-05-14");

        assertEquals("interleaved-thinking-2025-05-14", set.get("anthropic-beta").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> set.with("anthropic-beta", "a\r\nx-evil: 1"));
    }

    @Test
    void theFakeCopilotApiAcceptsRequestsBuiltWithThem() throws Exception {
        try (FakeCopilotUpstream upstream = new FakeCopilotUpstream().start()) {
            upstream.addGitHubUser("ghu_headers", 5, "headers");
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create(upstream.baseUrl());
            Secret copilotToken = GitHubTestClients.create(new EditorIdentity("1.104.3", "0.38.0", "2025-05-01"))
                    .exchangeCopilotToken(new GitHubHosts(base, base), new Secret("ghu_headers")).get(10, TimeUnit.SECONDS).token();
            CopilotCredentials credentials = new CopilotCredentials(5, copilotToken.reveal(), Instant.now().plusSeconds(600), base, IDENTITY);

            HttpRequest chat = headers.forRequest(credentials, RequestTraits.conversation("user", false))
                    .applyTo(HttpRequest.newBuilder(base.resolve("/chat/completions")))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build();
            HttpResponse<String> answered = http.send(chat, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answered.statusCode(), answered.body());

            HttpRequest models = headers.forRequest(credentials, RequestTraits.modelsListing())
                    .applyTo(HttpRequest.newBuilder(base.resolve("/models"))).GET().build();
            assertEquals(200, http.send(models, HttpResponse.BodyHandlers.ofString()).statusCode());

            RecordedRequest received = upstream.recorder().requests("/chat/completions").get(0);
            assertEquals("GitHubCopilotChat/0.38.0", received.header("user-agent"), "not the JDK's default user-agent");
            assertEquals(IDENTITY.sessionId(), received.header("vscode-sessionid"));
            assertEquals(received.header("x-request-id"), received.header("x-agent-task-id"));
        }
    }
}
