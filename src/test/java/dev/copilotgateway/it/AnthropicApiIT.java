package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.ImageBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.FinishReason;
import dev.copilotgateway.fakeupstream.Fault;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.fakeupstream.Reply;
import dev.copilotgateway.fakeupstream.StreamSettings;
import dev.copilotgateway.fakeupstream.ToolCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The Anthropic Messages API of the WAR in a real Tomcat, driven by the official Anthropic Java SDK against the fake
 * Copilot upstream: a Claude model on Copilot's native /v1/messages, a GPT model translated to /chat/completions and
 * a responses-only model translated to /responses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnthropicApiIT {

    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + "/copilot-gateway";
    private static final String KEY = ItEnvironment.API_KEYS.get(0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Claude Code's spelling of the fake's claude-sonnet-4.6. */
    private static final String CLAUDE = "claude-sonnet-4-6";
    private static final String GPT = "gpt-4.1";
    private static final String CODEX = "gpt-5.2-codex";
    /** A 1x1 transparent PNG. */
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private static FakeCopilotUpstream upstream;
    private static AnthropicClient anthropic;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = ItEnvironment.startUpstream("/copilot-gateway");
        anthropic = AnthropicOkHttpClient.builder().baseUrl(BASE).apiKey(KEY).maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stopUpstream() {
        anthropic.close();
        upstream.close();
    }

    @BeforeEach
    void cleanUpstream() {
        upstream.clearFaults();
        upstream.setStreamSettings(StreamSettings.defaults());
        upstream.recorder().clear();
    }

    private static MessageCreateParams.Builder ask(String model, String text) {
        return MessageCreateParams.builder().model(model).maxTokens(1024).addUserMessage(text);
    }

    private static String text(Message message) {
        StringBuilder text = new StringBuilder();
        message.content().stream().filter(ContentBlock::isText).forEach(block -> text.append(block.asText().text()));
        return text.toString();
    }

    private static Message streamed(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private static RecordedRequest sent(String path) {
        List<RecordedRequest> requests = upstream.recorder().requests(path);
        assertEquals(1, requests.size(), "requests to " + path + ": " + upstream.recorder().requests());
        return requests.get(0);
    }

    @Test
    void claudeGoesToCopilotsNativeMessagesEndpoint() {
        Message message = anthropic.messages().create(ask(CLAUDE, "hello native").system("Be brief.").build());

        assertEquals("Echo: hello native", text(message));
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertTrue(message.usage().outputTokens() > 0);
        RecordedRequest request = sent("/v1/messages");
        assertEquals("claude-sonnet-4.6", request.json().getString("model"), "the dated/dashed name resolved to Copilot's id");
        assertTrue(request.body().contains("Be brief."), request.body());
        assertEquals("user", request.header("x-initiator"));
    }

    @Test
    void gptIsTranslatedToChatCompletions() {
        Message message = anthropic.messages().create(ask(GPT, "hello translated").system("Be brief.").build());

        assertEquals("Echo: hello translated", text(message));
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(GPT, message.model().asString(), "the model the client asked for");
        assertTrue(message.usage().inputTokens() > 0 && message.usage().outputTokens() > 0);
        RecordedRequest request = sent("/chat/completions");
        assertEquals("system", request.json().getJsonArray("messages").getJsonObject(0).getString("role"));
        assertEquals("Be brief.", request.json().getJsonArray("messages").getJsonObject(0).getString("content"));
    }

    @Test
    void aResponsesOnlyModelIsTranslatedToResponses() {
        Message message = anthropic.messages().create(ask(CODEX, "hello codex").build());
        assertEquals("Echo: hello codex", text(message));
        assertEquals(CODEX, sent("/responses").json().getString("model"));

        Message streamed = streamed(ask(CODEX, "stream codex").build());
        assertEquals("Echo: stream codex", text(streamed));
        assertEquals(StopReason.END_TURN, streamed.stopReason().orElseThrow());
    }

    @Test
    void streamsAccumulateToTheWholeMessageOnBothRoutes() {
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(7));
        for (String model : List.of(CLAUDE, GPT)) {
            Message message = streamed(ask(model, "stream me " + model).build());
            assertEquals("Echo: stream me " + model, text(message), model);
            assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow(), model);
            assertTrue(message.usage().outputTokens() > 0, model + " usage from message_delta");
        }
    }

    @Test
    void streamedEventsArriveAsTheyAreProduced() {
        streamed(ask(GPT, "warm the translated path up").build()); // a cold first stream may bunch its first events
        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(10).withChunkDelay(Duration.ofMillis(150)));
        List<Long> arrivals = new ArrayList<>();
        long started = System.nanoTime();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(ask(GPT, "slowly please").build())) {
            stream.stream().filter(RawMessageStreamEvent::isContentBlockDelta)
                    .forEach(event -> arrivals.add((System.nanoTime() - started) / 1_000_000));
        }
        assertTrue(arrivals.size() >= 10, arrivals.toString());
        // 10 chunks 150 ms apart span 1.35 s; a buffered stream would deliver them all at once.
        assertTrue(arrivals.get(arrivals.size() - 1) - arrivals.get(0) >= 700, "deltas spread over the upstream's pace: " + arrivals);
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Weather of a city")
                .inputSchema(Tool.InputSchema.builder().properties(Tool.InputSchema.Properties.builder()
                        .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string"))).build()).build())
                .build();
    }

    @Test
    void toolRoundTripOnTheTranslatedRouteStreamedAndNot() {
        for (boolean stream : new boolean[] {false, true}) {
            upstream.recorder().clear();
            upstream.enqueueReply(Reply.toolCalls(new ToolCall("call_w1", "get_weather", "{\"city\":\"Paris\"}")));
            MessageCreateParams first = ask(GPT, "weather in Paris?").addTool(weatherTool()).build();
            Message toolTurn = stream ? streamed(first) : anthropic.messages().create(first);

            assertEquals(StopReason.TOOL_USE, toolTurn.stopReason().orElseThrow(), "stream=" + stream);
            ToolUseBlock use = toolTurn.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();
            assertEquals("get_weather", use.name());
            assertEquals("call_w1", use.id(), "tool ids are kept across the translation");
            assertEquals(JsonValue.from(Map.of("city", "Paris")), use._input());
            assertEquals("get_weather", sent("/chat/completions").json().getJsonArray("tools").getJsonObject(0)
                    .getJsonObject("function").getString("name"));

            upstream.recorder().clear();
            MessageCreateParams second = ask(GPT, "weather in Paris?").addTool(weatherTool()).addMessage(toolTurn)
                    .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                            ToolResultBlockParam.builder().toolUseId(use.id()).content("18 degrees, sunny").build())))
                    .build();
            Message answer = stream ? streamed(second) : anthropic.messages().create(second);

            assertEquals(StopReason.END_TURN, answer.stopReason().orElseThrow());
            RecordedRequest followUp = sent("/chat/completions");
            assertTrue(followUp.body().contains("\"role\":\"tool\"") && followUp.body().contains("\"tool_call_id\":\"call_w1\""), followUp.body());
            assertTrue(followUp.body().contains("18 degrees, sunny"), followUp.body());
            assertEquals("agent", followUp.header("x-initiator"), "a tool result is not a new premium user turn");
        }
    }

    @Test
    void toolUseOnTheNativeRouteStreamed() {
        upstream.enqueueReply(Reply.toolCalls(new ToolCall("toolu_n1", "get_weather", "{\"city\":\"Oslo\"}")));
        Message toolTurn = streamed(ask(CLAUDE, "weather in Oslo?").addTool(weatherTool()).build());
        assertEquals(StopReason.TOOL_USE, toolTurn.stopReason().orElseThrow());
        ToolUseBlock use = toolTurn.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();
        assertEquals(JsonValue.from(Map.of("city", "Oslo")), use._input());
    }

    @Test
    void stopReasonsMaxTokensAndStopSequence() {
        upstream.enqueueReply(Reply.text("cut short").withFinishReason(FinishReason.LENGTH));
        assertEquals(StopReason.MAX_TOKENS, anthropic.messages().create(ask(GPT, "long").build()).stopReason().orElseThrow());
        upstream.enqueueReply(Reply.text("cut short").withFinishReason(FinishReason.LENGTH));
        assertEquals(StopReason.MAX_TOKENS, streamed(ask(CLAUDE, "long").build()).stopReason().orElseThrow());

        for (boolean stream : new boolean[] {false, true}) {
            upstream.enqueueReply(Reply.text("one two STOP three"));
            MessageCreateParams params = ask(CLAUDE, "count").stopSequences(List.of("STOP", "never")).build();
            Message stopped = stream ? streamed(params) : anthropic.messages().create(params);
            assertEquals(StopReason.STOP_SEQUENCE, stopped.stopReason().orElseThrow(), "stream=" + stream);
            assertEquals("STOP", stopped.stopSequence().orElseThrow());
            assertEquals("one two ", text(stopped));
        }
    }

    @Test
    void imagesReachCopilotWithTheVisionHeaderOnBothRoutes() {
        for (String model : List.of(CLAUDE, GPT)) {
            upstream.recorder().clear();
            Message message = anthropic.messages().create(MessageCreateParams.builder().model(model).maxTokens(256)
                    .addUserMessageOfContentBlockParams(List.of(
                            ContentBlockParam.ofImage(ImageBlockParam.builder().source(Base64ImageSource.builder()
                                    .mediaType(Base64ImageSource.MediaType.IMAGE_PNG).data(PNG).build()).build()),
                            ContentBlockParam.ofText(TextBlockParam.builder().text("what is this?").build())))
                    .build());
            assertEquals("Echo: what is this?", text(message), model);
            RecordedRequest request = upstream.recorder().requests().stream()
                    .filter(r -> r.path().equals("/v1/messages") || r.path().equals("/chat/completions")).findFirst().orElseThrow();
            assertEquals("true", request.header("copilot-vision-request"), model);
            assertTrue(request.body().contains(PNG), model);
        }
    }

    @Test
    void countTokensIsLocalAndGrowsWithTheInput() {
        long small = anthropic.messages().countTokens(MessageCountTokensParams.builder().model(CLAUDE).addUserMessage("hi").build()).inputTokens();
        long large = anthropic.messages().countTokens(MessageCountTokensParams.builder().model(CLAUDE)
                .system("You are a careful assistant who answers in full sentences.")
                .addUserMessage("Please summarise the history of the Roman Empire in three paragraphs.").build()).inputTokens();

        assertTrue(small > 0 && large > small, small + " then " + large);
        assertTrue(upstream.recorder().requests().stream().noneMatch(r -> r.path().equals("/v1/messages") || r.path().equals("/chat/completions")),
                "no inference call upstream: " + upstream.recorder().requests());
    }

    @Test
    void unknownModelIsAnAnthropicNotFoundErrorNamingCloseMatches() {
        NotFoundException missing = assertThrows(NotFoundException.class, () -> anthropic.messages().create(ask("claude-sonet-4-6", "x").build()));
        assertTrue(missing.getMessage().contains("claude-sonet-4-6"), missing.getMessage());
        assertTrue(missing.getMessage().contains("claude-sonnet-4.6"), "suggests the close match: " + missing.getMessage());
    }

    @Test
    void upstreamRateLimitIsARateLimitErrorWithRetryAfter() throws Exception {
        upstream.inject(Fault.rateLimited(2).onPath("/chat/completions"));
        RateLimitException limited = assertThrows(RateLimitException.class, () -> anthropic.messages().create(ask(GPT, "x").build()));
        assertEquals(429, limited.statusCode());
        assertEquals(List.of("2"), limited.headers().values("retry-after"));
        ItEnvironment.awaitNoCooldown("/copilot-gateway");

        upstream.inject(Fault.rateLimited(2).onPath("/v1/messages"));
        assertThrows(RateLimitException.class, () -> streamed(ask(CLAUDE, "x").build()));
        ItEnvironment.awaitNoCooldown("/copilot-gateway");
    }

    @Test
    void aRefusedAssistantPrefillIsRetriedWithAContinuation() {
        upstream.inject(Fault.status(400, "{\"error\":{\"message\":\"claude-haiku-4.5 does not support assistant message prefill\","
                + "\"type\":\"invalid_request_error\"}}").onPath("/v1/messages").times(1));
        Message message = anthropic.messages().create(ask("claude-haiku-4-5", "name three colours")
                .addAssistantMessage("Red,").build());

        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        List<RecordedRequest> sent = upstream.recorder().requests("/v1/messages");
        assertEquals(2, sent.size(), "refused, then retried once");
        assertTrue(sent.get(1).body().contains("Continue from where you left off."), sent.get(1).body());
    }

    @Test
    void gatewayErrorsUseAnthropicsShape() throws Exception {
        HttpResponse<String> noKey = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/v1/messages"))
                .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noKey.statusCode());
        assertTrue(noKey.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\""), noKey.body());

        HttpResponse<String> malformed = post("/v1/messages?beta=true", "{\"model\":");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("\"invalid_request_error\""), malformed.body());

        HttpResponse<String> noMaxTokens = post("/v1/messages", "{\"model\":\"" + GPT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(400, noMaxTokens.statusCode());
        assertTrue(noMaxTokens.body().contains("max_tokens"), noMaxTokens.body());

        HttpResponse<String> badBlock = post("/v1/messages", "{\"model\":\"" + GPT + "\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"hologram\"}]}]}");
        assertEquals(400, badBlock.statusCode(), badBlock.body());
        assertTrue(badBlock.body().startsWith("{\"type\":\"error\""), badBlock.body());
        assertFalse(badBlock.body().contains("Exception"), badBlock.body());
    }

    @Test
    void anUpstreamStreamCutShortEndsWithAnErrorEvent() throws Exception {
        upstream.inject(Fault.dropStreamAfter(4).onPath("/chat/completions"));
        HttpResponse<String> response = post("/v1/messages", "{\"model\":\"" + GPT + "\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"a long answer please\"}]}");
        assertEquals(200, response.statusCode());
        // Over HTTP/1.1 the events before the cut arrive first; an HTTP/2 reset (the gateway's default protocol)
        // discards the frames the gateway had not read yet, so the stream may begin with the error itself.
        assertTrue(response.body().startsWith("event: message_start") || response.body().startsWith("event: error"), response.body());
        assertTrue(response.body().contains("event: error\ndata: {\"type\":\"error\""), response.body());
        assertFalse(response.body().contains("event: message_stop"), response.body());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path))
                .header("x-api-key", KEY).header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
