package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.Fault;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.fakeupstream.StreamSettings;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Gemini API of the WAR in a real Tomcat against the fake upstream, over plain HTTP as Gemini's REST API is
 * documented (the Google GenAI SDK tests come with the rest of the Gemini work): generateContent, both stream forms,
 * countTokens, the model list, Google-shaped errors.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GeminiApiIT {

    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + "/copilot-gateway";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FakeCopilotUpstream upstream;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new FakeCopilotUpstream().start(ItEnvironment.UPSTREAM_PORT);
        upstream.addGitHubUser(ItEnvironment.GITHUB_TOKEN, ItEnvironment.GITHUB_USER_ID, ItEnvironment.GITHUB_LOGIN);
        ItEnvironment.awaitServing("/copilot-gateway");
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void cleanUpstream() {
        upstream.clearFaults();
        upstream.setStreamSettings(StreamSettings.defaults());
        upstream.recorder().clear();
    }

    private static String ask(String text) {
        return "{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},"
                + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}]}";
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path)).header("x-goog-api-key", ItEnvironment.API_KEYS.get(0))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(JsonObject chunk) {
        StringBuilder text = new StringBuilder();
        JsonArray candidates = chunk.getJsonArray("candidates");
        if (candidates != null) {
            for (JsonValue part : candidates.getJsonObject(0).getJsonObject("content").getJsonArray("parts")) {
                text.append(part.asJsonObject().getString("text", ""));
            }
        }
        return text.toString();
    }

    @Test
    void generateContentIsServedThroughChat() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gpt-4.1:generateContent", ask("hello gemini"));
        assertEquals(200, response.statusCode(), response.body());
        JsonObject answer = JsonIo.read(response.body()).asJsonObject();
        assertEquals("Echo: hello gemini", text(answer));
        assertEquals("STOP", answer.getJsonArray("candidates").getJsonObject(0).getString("finishReason"));
        assertTrue(answer.getJsonObject("usageMetadata").getInt("totalTokenCount") > 0);
        RecordedRequest sent = upstream.recorder().requests("/chat/completions").get(0);
        assertEquals("Be brief.", sent.json().getJsonArray("messages").getJsonObject(0).getString("content"));
    }

    @Test
    void streamsComeAsServerSentEventsWithAltSseAndAsAJsonArrayWithout() throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(5));
        HttpResponse<String> sse = post("/v1beta/models/gpt-4.1:streamGenerateContent?alt=sse", ask("stream as sse"));
        assertEquals(200, sse.statusCode(), sse.body());
        assertTrue(sse.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        StringBuilder text = new StringBuilder();
        for (String line : sse.body().split("\n")) {
            if (line.startsWith("data: ")) {
                text.append(text(JsonIo.read(line.substring(6)).asJsonObject()));
            }
        }
        assertEquals("Echo: stream as sse", text.toString());

        HttpResponse<String> array = post("/v1beta/models/gpt-4.1:streamGenerateContent", ask("stream as array"));
        assertEquals(200, array.statusCode(), array.body());
        assertTrue(array.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        StringBuilder arrayText = new StringBuilder();
        JsonArray chunks = JsonIo.read(array.body()).asJsonArray();
        chunks.forEach(chunk -> arrayText.append(text(chunk.asJsonObject())));
        assertEquals("Echo: stream as array", arrayText.toString());
        assertTrue(chunks.size() > 2, "streamed in several chunks: " + chunks.size());
    }

    @Test
    void aResponsesOnlyModelIsReachedThroughTheChatShape() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gpt-5.2-codex:generateContent", ask("hello codex"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Echo: hello codex", text(JsonIo.read(response.body()).asJsonObject()));
        assertEquals(1, upstream.recorder().requests("/responses").size());
    }

    @Test
    void countTokensIsLocalAndTheModelListIsInGooglesShape() throws Exception {
        HttpResponse<String> count = post("/v1beta/models/gpt-4.1:countTokens", ask("how many tokens is this?"));
        assertEquals(200, count.statusCode(), count.body());
        assertTrue(JsonIo.read(count.body()).asJsonObject().getInt("totalTokens") > 0, count.body());
        assertTrue(upstream.recorder().requests("/chat/completions").isEmpty(), "no inference call");

        HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/v1beta/models?key=" + ItEnvironment.API_KEYS.get(0)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, models.statusCode(), models.body());
        List<String> names = JsonIo.read(models.body()).asJsonObject().getJsonArray("models").stream()
                .map(model -> model.asJsonObject().getString("name")).toList();
        assertTrue(names.contains("models/gpt-4.1"), names.toString());
    }

    @Test
    void errorsAreInGooglesShape() throws Exception {
        HttpResponse<String> unknown = post("/v1beta/models/no-such-model:generateContent", ask("x"));
        assertEquals(404, unknown.statusCode());
        assertEquals("NOT_FOUND", JsonIo.read(unknown.body()).asJsonObject().getJsonObject("error").getString("status"), unknown.body());

        HttpResponse<String> noKey = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/v1beta/models/gpt-4.1:generateContent"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ask("x"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noKey.statusCode());
        assertEquals("UNAUTHENTICATED", JsonIo.read(noKey.body()).asJsonObject().getJsonObject("error").getString("status"), noKey.body());

        upstream.inject(Fault.rateLimited(9).onPath("/chat/completions"));
        HttpResponse<String> limited = post("/v1beta/models/gpt-4.1:generateContent", ask("x"));
        assertEquals(429, limited.statusCode());
        assertEquals("RESOURCE_EXHAUSTED", JsonIo.read(limited.body()).asJsonObject().getJsonObject("error").getString("status"), limited.body());
        assertEquals("9", limited.headers().firstValue("retry-after").orElse(null));

        HttpResponse<String> noContents = post("/v1beta/models/gpt-4.1:generateContent", "{}");
        assertEquals(400, noContents.statusCode());
        assertEquals("INVALID_ARGUMENT", JsonIo.read(noContents.body()).asJsonObject().getJsonObject("error").getString("status"), noContents.body());
    }
}
