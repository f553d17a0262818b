package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.Fault;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.fakeupstream.RecordedStream;
import dev.copilotgateway.fakeupstream.Reply;
import dev.copilotgateway.fakeupstream.StreamSettings;
import dev.copilotgateway.fakeupstream.ToolCall;
import dev.copilotgateway.protocol.JsonIo;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * The OpenAI-compatible API of the WAR in a real Tomcat, driven by the official OpenAI Java SDK, against the fake
 * Copilot upstream on the loopback port the gateway is configured with. The gateway serves with its bootstrap
 * account (the github-token setting) and is called with a bootstrap client key (the api-keys setting).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenAiApiIT {

    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + "/copilot-gateway";
    private static final String KEY = ItEnvironment.API_KEYS.get(0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FakeCopilotUpstream upstream;
    private static OpenAIClient openai;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = ItEnvironment.startUpstream("/copilot-gateway");
        openai = OpenAIOkHttpClient.builder().baseUrl(BASE + "/v1").apiKey(KEY).maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stopUpstream() {
        openai.close();
        upstream.close();
    }

    @BeforeEach
    void cleanUpstream() {
        upstream.clearFaults();
        upstream.setStreamSettings(StreamSettings.defaults());
        upstream.recorder().clear();
    }

    private static ChatCompletionCreateParams.Builder chat(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    @Test
    void modelsAreListedInOpenAisShapeWithCapabilities() {
        List<String> ids = openai.models().list().data().stream().map(Model::id).toList();
        assertTrue(ids.containsAll(List.of("gpt-4.1", "claude-sonnet-4.6", "gpt-5.2-codex", "text-embedding-3-small")), ids.toString());
        assertFalse(ids.contains("gpt-41-copilot"), "code-completion models are not listed");
        Model gpt41 = openai.models().retrieve("gpt-4.1");
        assertEquals(JsonValue.from(128000), gpt41._additionalProperties().get("context_window"));
        assertEquals(JsonValue.from(true), gpt41._additionalProperties().get("vision"));
    }

    @Test
    void chatCompletionIsPassedThroughWithCopilotsHeaders() {
        ChatCompletion completion = openai.chat().completions().create(chat("gpt-4.1", "hello gateway").build());
        assertEquals("Echo: hello gateway", completion.choices().get(0).message().content().orElseThrow());

        RecordedRequest sent = upstream.recorder().requests("/chat/completions").get(0);
        assertEquals("vscode-chat", sent.header("copilot-integration-id"));
        assertEquals("user", sent.header("x-initiator"));
        assertTrue(sent.body().contains("\"hello gateway\""));
    }

    @Test
    void aResponsesOnlyModelIsServedThroughChatByTranslation() {
        ChatCompletion completion = openai.chat().completions().create(chat("gpt-5.2-codex", "hello codex").build());
        assertEquals("Echo: hello codex", completion.choices().get(0).message().content().orElseThrow());
        assertEquals("gpt-5.2-codex", upstream.recorder().requests("/responses").get(0).json().getString("model"));

        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(chat("gpt-5.2-codex", "stream codex").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        }
        assertEquals("Echo: stream codex", text.toString());
        assertTrue(upstream.recorder().requests("/chat/completions").isEmpty(), "nothing went to /chat/completions");
    }

    @Test
    void unknownRequestFieldsReachCopilotUnchanged() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions",
                "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"vendor_extra\":{\"nested\":[1,2]},\"prompt_cache_key\":\"s-1\"}");
        assertEquals(200, response.statusCode(), response.body());
        String sent = upstream.recorder().requests("/chat/completions").get(0).body();
        assertTrue(sent.contains("\"vendor_extra\":{\"nested\":[1,2]}"), sent);
        assertTrue(sent.contains("\"prompt_cache_key\":\"s-1\""), sent);
    }

    @Test
    void streamedChatArrivesAsItIsProduced() {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(10).withChunkDelay(Duration.ofMillis(150)));
        List<Long> arrivals = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        long started = System.nanoTime();
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(chat("gpt-4.1", "stream me please").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(piece -> {
                if (!piece.isEmpty()) {
                    arrivals.add((System.nanoTime() - started) / 1_000_000);
                    text.append(piece);
                }
            })));
        }
        assertEquals("Echo: stream me please", text.toString());
        assertTrue(arrivals.size() >= 8, "arrived in pieces: " + arrivals);
        long spread = arrivals.get(arrivals.size() - 1) - arrivals.get(0);
        assertTrue(spread >= 1000, "pieces arrived as produced (150 ms apart), not all at the end: " + arrivals);
        assertEquals("HTTP/2.0", upstream.recorder().requests("/chat/completions").get(0).protocol(),
                "the gateway streamed over HTTP/2 (h2c, its default upstream-http-version)");
    }

    @Test
    void toolCallsComeBackWholeAndStreamed() {
        ChatCompletionFunctionTool weather = ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .build()).build();

        upstream.enqueueReply(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}")));
        ChatCompletion completion = openai.chat().completions().create(chat("gpt-4.1", "weather?").addTool(weather).build());
        ChatCompletionMessageFunctionToolCall call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        assertEquals("{\"city\":\"Paris\"}", call.function().arguments());

        upstream.enqueueReply(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Lyon\"}")));
        StringBuilder arguments = new StringBuilder();
        List<String> names = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(chat("gpt-4.1", "weather?").addTool(weather).build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().toolCalls().ifPresent(calls -> calls.forEach(delta ->
                    delta.function().ifPresent(function -> {
                        function.name().ifPresent(names::add);
                        function.arguments().ifPresent(arguments::append);
                    })))));
        }
        assertEquals(List.of("get_weather"), names);
        assertEquals("{\"city\":\"Lyon\"}", arguments.toString());
    }

    @Test
    void imagesSetTheVisionHeader() {
        ChatCompletionContentPart text = ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("what is this?").build());
        ChatCompletionContentPart image = ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url("data:image/png;base64,iVBORw0KGgo=").build()).build());
        openai.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4.1")
                .addUserMessageOfArrayOfContentParts(List.of(text, image)).build());
        assertEquals("true", upstream.recorder().requests("/chat/completions").get(0).header("copilot-vision-request"));
    }

    @Test
    void embeddings() {
        CreateEmbeddingResponse response = openai.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("hello").build());
        assertEquals(1, response.data().size());
        assertEquals(1536, response.data().get(0).embedding().size());
    }

    @Test
    void clientMistakesAreOpenAiErrorsNamingTheProblem() throws Exception {
        NotFoundException unknown = assertThrows(NotFoundException.class,
                () -> openai.chat().completions().create(chat("no-such-model", "hi").build()));
        assertTrue(unknown.getMessage().contains("no-such-model"), unknown.getMessage());

        HttpResponse<String> malformed = post("/v1/chat/completions", "{\"model\": \"gpt-4.1\", \"messages\": [");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().startsWith("{\"error\":{"), malformed.body());

        HttpResponse<String> noMessages = post("/chat/completions", "{\"model\":\"gpt-4.1\"}");
        assertEquals(400, noMessages.statusCode());
        assertTrue(noMessages.body().contains("\"param\":\"messages\""), noMessages.body());

        HttpResponse<String> wrongEndpoint = post("/v1/chat/completions",
                "{\"model\":\"text-embedding-3-small\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(400, wrongEndpoint.statusCode());
        assertTrue(wrongEndpoint.body().contains("embeddings") && wrongEndpoint.body().contains("unsupported_api_for_model"), wrongEndpoint.body());
    }

    @Test
    void upstreamRateLimitIsPassedOnWithRetryAfterAndTheAccountRests() throws Exception {
        upstream.inject(Fault.rateLimited(2).onPath("/chat/completions"));
        HttpResponse<String> limited = post("/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(429, limited.statusCode());
        assertEquals("2", limited.headers().firstValue("retry-after").orElse(null));
        assertTrue(limited.body().startsWith("{\"error\":{"), limited.body());

        // The only account is cooling down: the gateway answers 429 itself and does not ask Copilot again.
        RateLimitException resting = assertThrows(RateLimitException.class, () -> openai.chat().completions().create(chat("gpt-4.1", "x").build()));
        assertEquals(1, resting.headers().values("retry-after").size(), resting.headers().toString());
        assertEquals(1, upstream.recorder().requests("/chat/completions").size());
        ItEnvironment.awaitNoCooldown("/copilot-gateway");
        assertEquals("Echo: after the rest", openai.chat().completions().create(chat("gpt-4.1", "after the rest").build())
                .choices().get(0).message().content().orElseThrow());
    }

    @Test
    void expiredCopilotTokenIsRefreshedAndTheRequestRetried() {
        openai.chat().completions().create(chat("gpt-4.1", "warm up").build());
        int exchanges = upstream.tokenExchangeCount();
        upstream.expireCopilotTokens();
        ChatCompletion completion = openai.chat().completions().create(chat("gpt-4.1", "after expiry").build());
        assertEquals("Echo: after expiry", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(exchanges + 1, upstream.tokenExchangeCount());
    }

    @Test
    void clientDisconnectCancelsTheUpstreamStream() throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(40).withChunkDelay(Duration.ofMillis(100)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "/v1/chat/completions"))
                .header("authorization", "Bearer " + KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"long\"}]}"))
                .build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        RecordedStream upstreamStream;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertTrue(reader.readLine().startsWith("data: "));
            upstreamStream = upstream.recorder().awaitStream(1, Duration.ofSeconds(5));
            assertTrue(upstreamStream.isRunning());
        }
        long closed = System.nanoTime();
        RecordedStream.Outcome outcome = upstreamStream.awaitEnd(Duration.ofSeconds(5));
        long tookMillis = (System.nanoTime() - closed) / 1_000_000;
        assertEquals(RecordedStream.Outcome.CLIENT_DISCONNECTED, outcome);
        assertTrue(tookMillis < 1000, "upstream cancelled within 1 s of the client leaving: " + tookMillis + " ms");
    }

    @Test
    void upstreamFailureMidStreamEndsWithAnErrorEvent() throws Exception {
        upstream.setStreamSettings(StreamSettings.defaults().withChunkDelay(Duration.ofMillis(20)));
        upstream.inject(Fault.dropStreamAfter(3).onPath("/chat/completions"));
        HttpResponse<String> response = post("/v1/chat/completions",
                "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"drop me\"}]}");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("data: {\"error\":{"), response.body());
        assertFalse(response.body().contains("[DONE]"), response.body());
        assertTrue(response.body().endsWith("\n\n"), "ends on a whole frame");
    }

    @Test
    void aBodyNestedTooDeeplyIsA400InEachApisShape() throws Exception {
        String deep = "{\"model\":\"gpt-4.1\",\"messages\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        HttpResponse<String> openAi = post("/v1/chat/completions", deep);
        assertEquals(400, openAi.statusCode(), openAi.body());
        assertEquals("invalid_request_error", JsonIo.read(openAi.body()).asJsonObject().getJsonObject("error").getString("type"));
        HttpResponse<String> anthropic = post("/v1/messages", deep);
        assertEquals(400, anthropic.statusCode(), anthropic.body());
        assertEquals("error", JsonIo.read(anthropic.body()).asJsonObject().getString("type"));
        HttpResponse<String> gemini = post("/v1beta/models/gpt-4.1:generateContent", deep);
        assertEquals(400, gemini.statusCode(), gemini.body());
        assertEquals("INVALID_ARGUMENT", JsonIo.read(gemini.body()).asJsonObject().getJsonObject("error").getString("status"));
        HttpResponse<String> admin = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/admin/api/accounts"))
                .header("authorization", "Bearer " + ItEnvironment.adminKey()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"githubToken\":" + "[".repeat(5000) + "]".repeat(5000) + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, admin.statusCode(), "a body bound by JSON-B too: " + admin.body());
        assertTrue(upstream.recorder().requests().stream().noneMatch(request -> request.method().equals("POST")), "nothing went upstream");
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path))
                .header("authorization", "Bearer " + KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
