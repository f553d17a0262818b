package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * Model mappings in the WAR in a real Tomcat (issue 11): a mapping added, changed or deleted through the admin API
 * applies at once, without a restart, on the OpenAI and Anthropic ingress, whole and streamed, and in the model
 * list; the fake upstream's recorder shows the target model was sent, and the answers name the client's model.
 * Test classes share the Tomcat's data folder, so every mapping made here is deleted afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ModelMappingsIT {

    private static final String GATEWAY = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + GATEWAY;
    private static final String KEY = ItEnvironment.API_KEYS.get(0);
    private static final String MAPPINGS = "/admin/api/model-mappings";

    private static final Set<Long> created = new HashSet<>();
    private static FakeCopilotUpstream upstream;
    private static OpenAIClient openai;
    private static AnthropicClient anthropic;
    private static String adminKey;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = ItEnvironment.startUpstream(GATEWAY);
        adminKey = ItEnvironment.adminKey();
        openai = OpenAIOkHttpClient.builder().baseUrl(BASE + "/v1").apiKey(KEY).maxRetries(0).timeout(Duration.ofSeconds(30)).build();
        anthropic = AnthropicOkHttpClient.builder().baseUrl(BASE).apiKey(KEY).maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void deleteMappingsAndStop() throws Exception {
        try {
            for (long id : created) {
                int status = admin("DELETE", MAPPINGS + "/" + id, null).statusCode();
                assertTrue(status == 204 || status == 404, "cleaning up mapping " + id + ": " + status);
            }
        } finally {
            openai.close();
            anthropic.close();
            upstream.close();
        }
    }

    @BeforeEach
    void cleanUpstream() {
        upstream.recorder().clear();
    }

    private static HttpResponse<String> admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = ItEnvironment.request(GATEWAY, path).header("Authorization", "Bearer " + adminKey);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return ItEnvironment.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Adds a mapping through the admin API and remembers it for the clean-up; its id. */
    private static long map(String from, String to) throws Exception {
        HttpResponse<String> response = admin("POST", MAPPINGS, "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
        assertEquals(201, response.statusCode(), response.body());
        long id = JsonIo.read(response.body()).asJsonObject().getJsonNumber("id").longValue();
        created.add(id);
        return id;
    }

    private static String sentModel(String path) {
        List<RecordedRequest> requests = upstream.recorder().requests(path);
        assertEquals(1, requests.size(), "requests to " + path + ": " + upstream.recorder().requests());
        return requests.get(0).json().getString("model");
    }

    private static List<String> listedIds() {
        return openai.models().list().data().stream().map(Model::id).toList();
    }

    private static ChatCompletionCreateParams chat(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).build();
    }

    @Test
    void aMappingAddedThroughTheAdminApiIsUsedAndListedOnTheOpenAiIngressAtOnce() throws Exception {
        assertFalse(listedIds().contains("it-team-fast"));
        assertThrows(NotFoundException.class, () -> openai.chat().completions().create(chat("it-team-fast", "too early")));

        map("it-team-fast", "gpt-4.1");

        assertTrue(listedIds().contains("it-team-fast"), listedIds().toString());
        Model listed = openai.models().retrieve("it-team-fast");
        assertEquals(JsonValue.from(128000), listed._additionalProperties().get("context_window"), "gpt-4.1's capabilities");

        upstream.recorder().clear();
        ChatCompletion completion = openai.chat().completions().create(chat("it-team-fast", "hello mapping"));
        assertEquals("Echo: hello mapping", completion.choices().get(0).message().content().orElseThrow());
        assertEquals("it-team-fast", completion.model(), "the answer names the model the client asked for");
        assertEquals("gpt-4.1", sentModel("/chat/completions"), "Copilot was asked for the mapping's target");

        upstream.recorder().clear();
        List<String> chunkModels = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
                     openai.chat().completions().createStreaming(chat("it-team-fast", "stream mapping"))) {
            stream.stream().forEach(chunk -> {
                chunkModels.add(chunk.model());
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
            });
        }
        assertEquals("Echo: stream mapping", text.toString());
        assertFalse(chunkModels.isEmpty());
        assertEquals(Set.of("it-team-fast"), Set.copyOf(chunkModels), "every chunk of the passed-through stream");
        assertEquals("gpt-4.1", sentModel("/chat/completions"));
    }

    @Test
    void theAnthropicIngressUsesMappingsOnTheNativeAndTranslatedRoutes() throws Exception {
        map("it-house-claude", "claude-sonnet-4.6");
        map("it-house-gpt", "gpt-4.1");

        Message whole = anthropic.messages().create(ask("it-house-claude", "hello native"));
        assertEquals("Echo: hello native", text(whole));
        assertEquals("it-house-claude", whole.model().asString());
        assertEquals("claude-sonnet-4.6", sentModel("/v1/messages"));

        upstream.recorder().clear();
        Message streamed = streamed(ask("it-house-claude", "stream native"));
        assertEquals("Echo: stream native", text(streamed));
        assertEquals("it-house-claude", streamed.model().asString(), "message_start of the passed-through stream");
        assertEquals("claude-sonnet-4.6", sentModel("/v1/messages"));

        upstream.recorder().clear();
        Message translated = streamed(ask("it-house-gpt", "stream translated"));
        assertEquals("Echo: stream translated", text(translated));
        assertEquals("it-house-gpt", translated.model().asString());
        assertEquals("gpt-4.1", sentModel("/chat/completions"));
    }

    @Test
    void theResponsesStreamPassedThroughNamesTheClientsModel() throws Exception {
        map("it-team-codex", "gpt-5.2-codex");
        HttpResponse<String> response = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/v1/responses")
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"it-team-codex\",\"input\":\"hello\",\"stream\":true}")));
        assertEquals(200, response.statusCode(), response.body());
        List<String> models = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: {")) {
                JsonObject event = JsonIo.read(line.substring("data: ".length())).asJsonObject();
                if (event.get("response") instanceof JsonObject inner && inner.containsKey("model")) {
                    models.add(inner.getString("model"));
                }
            }
        }
        assertTrue(models.size() >= 2, "response.created and response.completed at least: " + response.body());
        assertEquals(Set.of("it-team-codex"), Set.copyOf(models));
        assertTrue(response.body().contains("event: response.completed"), response.body());
        assertEquals("gpt-5.2-codex", sentModel("/responses"));
    }

    @Test
    void aChangedOrDeletedMappingAppliesWithoutRestart() throws Exception {
        long id = map("it-moving", "gpt-4.1");
        openai.chat().completions().create(chat("it-moving", "first"));
        assertEquals("gpt-4.1", sentModel("/chat/completions"));

        HttpResponse<String> changed = admin("PUT", MAPPINGS + "/" + id, "{\"from\":\"it-moving\",\"to\":\"gpt-5-mini\",\"exposed\":false}");
        assertEquals(200, changed.statusCode(), changed.body());
        upstream.recorder().clear();
        assertEquals("it-moving", openai.chat().completions().create(chat("it-moving", "second")).model());
        assertEquals("gpt-5-mini", sentModel("/chat/completions"));
        assertFalse(listedIds().contains("it-moving"), "no longer exposed");

        assertEquals(204, admin("DELETE", MAPPINGS + "/" + id, null).statusCode());
        assertThrows(NotFoundException.class, () -> openai.chat().completions().create(chat("it-moving", "gone")));
        HttpResponse<String> listed = admin("GET", MAPPINGS, null);
        assertEquals(200, listed.statusCode());
        assertFalse(listed.body().contains("\"it-moving\""), listed.body());
    }

    private static MessageCreateParams ask(String model, String text) {
        return MessageCreateParams.builder().model(model).maxTokens(1024).addUserMessage(text).build();
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
}
