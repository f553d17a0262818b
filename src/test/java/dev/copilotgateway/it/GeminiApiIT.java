package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.Content;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Tool;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.Fault;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.fakeupstream.Reply;
import dev.copilotgateway.fakeupstream.StreamSettings;
import dev.copilotgateway.fakeupstream.ToolCall;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
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
 * The Gemini API of the WAR in a real Tomcat against the fake upstream, driven by the official Google Gen AI Java SDK
 * (generateContent, stream, system instruction, multi-turn, function calling, countTokens) and over plain HTTP where
 * the SDK does not go (the JSON-array stream form, the model list, error shapes).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GeminiApiIT {

    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + "/copilot-gateway";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FakeCopilotUpstream upstream;
    private static Client gemini;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = ItEnvironment.startUpstream("/copilot-gateway");
        gemini = Client.builder().apiKey(ItEnvironment.API_KEYS.get(0)).httpOptions(HttpOptions.builder().baseUrl(BASE).build()).build();
    }

    @AfterAll
    static void stopUpstream() {
        gemini.close();
        upstream.close();
    }

    private static GenerateContentConfig brief() {
        return GenerateContentConfig.builder().systemInstruction(Content.fromParts(Part.fromText("Be brief."))).build();
    }

    @Test
    void theSdkGeneratesContentWithASystemInstruction() {
        GenerateContentResponse response = gemini.models.generateContent("gpt-4.1", "hello sdk", brief());
        assertEquals("Echo: hello sdk", response.text());
        assertTrue(response.usageMetadata().orElseThrow().totalTokenCount().orElseThrow() > 0);
        RecordedRequest sent = upstream.recorder().requests("/chat/completions").get(0);
        assertEquals("Be brief.", sent.json().getJsonArray("messages").getJsonObject(0).getString("content"));
    }

    @Test
    void theSdkStreams() {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(6));
        StringBuilder text = new StringBuilder();
        int[] chunks = {0};
        try (ResponseStream<GenerateContentResponse> stream = gemini.models.generateContentStream("claude-sonnet-4.6", "stream sdk", brief())) {
            for (GenerateContentResponse chunk : stream) {
                chunks[0]++;
                if (chunk.text() != null) {
                    text.append(chunk.text());
                }
            }
        }
        assertEquals("Echo: stream sdk", text.toString());
        assertTrue(chunks[0] > 2, "several chunks: " + chunks[0]);
    }

    @Test
    void theSdkKeepsAMultiTurnConversation() {
        List<Content> history = List.of(
                Content.builder().role("user").parts(Part.fromText("my name is Ada")).build(),
                Content.builder().role("model").parts(Part.fromText("Hello Ada")).build(),
                Content.builder().role("user").parts(Part.fromText("what is my name?")).build());
        assertEquals("Echo: what is my name?", gemini.models.generateContent("gpt-4.1", history, null).text());
        JsonArray messages = upstream.recorder().requests("/chat/completions").get(0).json().getJsonArray("messages");
        assertEquals(List.of("user", "assistant", "user"), messages.stream().map(m -> m.asJsonObject().getString("role")).toList());
        assertEquals("Hello Ada", messages.getJsonObject(1).getString("content"));
    }

    @Test
    void theSdkCallsAFunctionAndSendsItsResponseBack() {
        upstream.enqueueReply(Reply.toolCalls(new ToolCall("call_g1", "get_weather", "{\"city\":\"Oslo\"}")));
        GenerateContentConfig withTool = GenerateContentConfig.builder().tools(Tool.builder().functionDeclarations(
                FunctionDeclaration.builder().name("get_weather").description("Weather of a city")
                        .parametersJsonSchema(Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")))).build()).build())
                .build();
        GenerateContentResponse call = gemini.models.generateContent("gpt-4.1", "weather in Oslo?", withTool);
        FunctionCall function = call.functionCalls().get(0);
        assertEquals("get_weather", function.name().orElseThrow());
        assertEquals(Map.of("city", "Oslo"), function.args().orElseThrow());

        upstream.recorder().clear();
        List<Content> turns = List.of(
                Content.builder().role("user").parts(Part.fromText("weather in Oslo?")).build(),
                Content.builder().role("model").parts(Part.fromFunctionCall("get_weather", Map.of("city", "Oslo"))).build(),
                Content.builder().role("user").parts(Part.fromFunctionResponse("get_weather", Map.of("temperature", "4 C"))).build());
        GenerateContentResponse answer = gemini.models.generateContent("gpt-4.1", turns, withTool);
        assertTrue(answer.text() != null);
        String sent = upstream.recorder().requests("/chat/completions").get(0).body();
        assertTrue(sent.contains("\"role\":\"tool\"") && sent.contains("4 C"), sent);
        assertEquals("agent", upstream.recorder().requests("/chat/completions").get(0).header("x-initiator"));
    }

    @Test
    void theSdkCountsTokensLocally() {
        CountTokensResponse small = gemini.models.countTokens("gpt-4.1", "hi", null);
        CountTokensResponse large = gemini.models.countTokens("gpt-4.1", "Please summarise the history of the Roman Empire in three paragraphs.", null);
        assertTrue(small.totalTokens().orElseThrow() > 0 && large.totalTokens().orElseThrow() > small.totalTokens().orElseThrow());
        assertTrue(upstream.recorder().requests("/chat/completions").isEmpty(), "no inference call");
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

        upstream.inject(Fault.rateLimited(2).onPath("/chat/completions"));
        HttpResponse<String> limited = post("/v1beta/models/gpt-4.1:generateContent", ask("x"));
        assertEquals(429, limited.statusCode());
        assertEquals("RESOURCE_EXHAUSTED", JsonIo.read(limited.body()).asJsonObject().getJsonObject("error").getString("status"), limited.body());
        assertEquals("2", limited.headers().firstValue("retry-after").orElse(null));
        ItEnvironment.awaitNoCooldown("/copilot-gateway");

        HttpResponse<String> noContents = post("/v1beta/models/gpt-4.1:generateContent", "{}");
        assertEquals(400, noContents.statusCode());
        assertEquals("INVALID_ARGUMENT", JsonIo.read(noContents.body()).asJsonObject().getJsonObject("error").getString("status"), noContents.body());
    }
}
