package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.fakeupstream.Reply;
import dev.copilotgateway.fakeupstream.StreamSettings;
import dev.copilotgateway.fakeupstream.ToolCall;
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
 * The OpenAI Responses API of the WAR in a real Tomcat, driven by the official OpenAI Java SDK against the fake
 * upstream: a model with Copilot's /responses (passed through), a chat-only model and a Claude model (translated).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ResponsesApiIT {

    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + "/copilot-gateway";
    private static final String RESPONSES_MODEL = "gpt-5-mini";
    private static final String CHAT_ONLY = "gpt-4.1";
    private static final String CLAUDE = "claude-sonnet-4.6";

    private static FakeCopilotUpstream upstream;
    private static OpenAIClient openai;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = ItEnvironment.startUpstream("/copilot-gateway");
        openai = OpenAIOkHttpClient.builder().baseUrl(BASE + "/v1").apiKey(ItEnvironment.API_KEYS.get(0)).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
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

    private static ResponseCreateParams.Builder ask(String model, String text) {
        return ResponseCreateParams.builder().model(model).input(text);
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        response.output().stream().filter(ResponseOutputItem::isMessage)
                .forEach(item -> item.asMessage().content().forEach(part -> part.outputText().ifPresent(out -> text.append(out.text()))));
        return text.toString();
    }

    /** The streamed text, checking the event grammar on the way: sequence numbers increase, completed comes last. */
    private static String streamedText(ResponseCreateParams params) {
        StringBuilder text = new StringBuilder();
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = openai.responses().createStreaming(params)) {
            stream.stream().forEach(event -> {
                events.add(event);
                event.outputTextDelta().ifPresent(delta -> text.append(delta.delta()));
            });
        }
        assertTrue(events.get(0).isCreated(), "response.created first");
        assertTrue(events.get(events.size() - 1).isCompleted(), "response.completed last");
        assertEquals(ResponseStatus.COMPLETED, events.get(events.size() - 1).asCompleted().response().status().orElseThrow());
        return text.toString();
    }

    private static RecordedRequest sent(String path) {
        List<RecordedRequest> requests = upstream.recorder().requests(path);
        assertEquals(1, requests.size(), "requests to " + path + ": " + upstream.recorder().requests());
        return requests.get(0);
    }

    @Test
    void aResponsesModelIsPassedThroughWithCopilotsFixes() {
        Response response = openai.responses().create(ask(RESPONSES_MODEL, "hello responses").store(true).build());
        assertEquals("Echo: hello responses", text(response));
        RecordedRequest request = sent("/responses");
        assertFalse(request.json().getBoolean("store"), "store is forced off (Copilot keeps nothing)");

        upstream.recorder().clear();
        assertEquals("Echo: stream responses", streamedText(ask(RESPONSES_MODEL, "stream responses").build()));
        sent("/responses");
    }

    @Test
    void aChatOnlyModelIsServedByTranslation() {
        Response response = openai.responses().create(ask(CHAT_ONLY, "hello chat").instructions("Be brief.").build());
        assertEquals("Echo: hello chat", text(response));
        assertEquals(ResponseStatus.COMPLETED, response.status().orElseThrow());
        assertTrue(response.usage().orElseThrow().totalTokens() > 0);
        RecordedRequest request = sent("/chat/completions");
        assertEquals("system", request.json().getJsonArray("messages").getJsonObject(0).getString("role"));

        upstream.setStreamSettings(StreamSettings.defaults().withTextChunks(6));
        assertEquals("Echo: stream chat", streamedText(ask(CHAT_ONLY, "stream chat").build()));
    }

    @Test
    void aClaudeModelIsServedThroughMessages() {
        assertEquals("Echo: hello claude", text(openai.responses().create(ask(CLAUDE, "hello claude").build())));
        sent("/v1/messages");
        assertEquals("Echo: stream claude", streamedText(ask(CLAUDE, "stream claude").build()));
    }

    @Test
    void functionCallRoundTripOnATranslatedModel() {
        upstream.enqueueReply(Reply.toolCalls(new ToolCall("call_r1", "get_weather", "{\"city\":\"Lima\"}")));
        FunctionTool weather = weatherTool();
        Response first = openai.responses().create(ask(CHAT_ONLY, "weather in Lima?").addTool(weather).build());
        ResponseFunctionToolCall call = first.output().stream().filter(ResponseOutputItem::isFunctionCall).findFirst().orElseThrow().asFunctionCall();
        assertEquals("get_weather", call.name());
        assertEquals("call_r1", call.callId());

        upstream.recorder().clear();
        Response second = openai.responses().create(ResponseCreateParams.builder().model(CHAT_ONLY).addTool(weather)
                .inputOfResponse(List.of(
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder().callId("call_r1").output("22 degrees").build())))
                .build());
        assertEquals(ResponseStatus.COMPLETED, second.status().orElseThrow());
        RecordedRequest followUp = sent("/chat/completions");
        assertTrue(followUp.body().contains("\"tool_call_id\":\"call_r1\"") && followUp.body().contains("22 degrees"), followUp.body());
        assertEquals("agent", followUp.header("x-initiator"));
    }

    @Test
    void functionCallRoundTripOnAResponsesOnlyModelStreamed() {
        upstream.enqueueReply(Reply.toolCalls(new ToolCall("call_c1", "get_weather", "{\"city\":\"Quito\"}")));
        List<ResponseFunctionToolCall> calls = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = openai.responses().createStreaming(
                ask("gpt-5.2-codex", "weather in Quito?").addTool(weatherTool()).build())) {
            stream.stream().forEach(event -> event.outputItemDone().ifPresent(done -> done.item().functionCall().ifPresent(calls::add)));
        }
        assertEquals(1, calls.size(), calls.toString());
        assertEquals("get_weather", calls.get(0).name());
        assertEquals("{\"city\":\"Quito\"}", calls.get(0).arguments());
        assertEquals("gpt-5.2-codex", sent("/responses").json().getString("model"), "passed through to /responses");

        upstream.recorder().clear();
        Response answer = openai.responses().create(ResponseCreateParams.builder().model("gpt-5.2-codex").addTool(weatherTool())
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCall(calls.get(0)),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder().callId(calls.get(0).callId())
                                .output("25 degrees").build())))
                .build());
        assertEquals(ResponseStatus.COMPLETED, answer.status().orElseThrow());
        RecordedRequest followUp = sent("/responses");
        assertTrue(followUp.body().contains("\"function_call_output\"") && followUp.body().contains("25 degrees"), followUp.body());
        assertEquals("agent", followUp.header("x-initiator"));
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder().name("get_weather").strict(false)
                .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string")))).build())
                .build();
    }

    @Test
    void previousResponseIdOnATranslatedModelIsAClearOpenAiError() {
        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> openai.responses().create(ask(CHAT_ONLY, "again").previousResponseId("resp_123").build()));
        assertTrue(refused.getMessage().contains("previous_response_id"), refused.getMessage());
    }
}
