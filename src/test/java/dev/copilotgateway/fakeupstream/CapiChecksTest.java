package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class CapiChecksTest extends UpstreamFixture {

    static final List<String> REQUIRED_HEADERS = CopilotEndpoints.REQUIRED_HEADERS;

    @Test
    void missingOrUnknownCopilotTokenGets401() {
        HttpResponse<String> missing = client.send(client.without("authorization", "/models", "x").GET());
        assertEquals(401, missing.statusCode());

        assertEquals(401, client.capiGet("/models", "tid=forged").statusCode());
        assertEquals(401, client.capiGet("/models", TestClient.GITHUB_TOKEN).statusCode(), "a GitHub token is no Copilot token");
    }

    @ParameterizedTest
    @FieldSource("REQUIRED_HEADERS")
    void eachBaselineHeaderIsRequired(String header) {
        HttpResponse<String> response = client.send(client.without(header, "/chat/completions", copilotToken())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.chatRequest("gpt-4.1", "hi", false))));

        assertEquals(400, response.statusCode());
        JsonObject error = TestClient.json(response).getJsonObject("error");
        assertEquals(header, error.getString("param"));
        assertTrue(error.getString("message").contains(header));
    }

    @Test
    void postsNeedJsonContentType() {
        HttpResponse<String> response = client.send(client.capi("/chat/completions", copilotToken())
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.chatRequest("gpt-4.1", "hi", false))));

        assertEquals(400, response.statusCode());
        assertEquals("content-type", TestClient.json(response).getJsonObject("error").getString("param"));
    }

    @Test
    void modelsNeedNoContentType() {
        assertEquals(200, client.capiGet("/models", copilotToken()).statusCode());
    }

    @Test
    void unknownModelIsNotSupported() {
        HttpResponse<String> response = client.capiPost("/chat/completions", copilotToken(),
                TestClient.chatRequest("gpt-9000", "hi", false));

        assertEquals(400, response.statusCode());
        JsonObject error = TestClient.json(response).getJsonObject("error");
        assertEquals("The requested model is not supported.", error.getString("message"));
        assertEquals("model_not_supported", error.getString("code"));
        assertEquals("model", error.getString("param"));
        assertEquals("invalid_request_error", error.getString("type"));
    }

    @ParameterizedTest
    @CsvSource({
            "/chat/completions, gpt-4.1, 200",
            "/chat/completions, gpt-5-mini, 200",
            "/chat/completions, claude-sonnet-4.6, 200",
            "/chat/completions, gpt-5.2-codex, 400",
            "/chat/completions, text-embedding-3-small, 400",
            "/chat/completions, gpt-41-copilot, 400",
            "/responses, gpt-5.2-codex, 200",
            "/responses, gpt-5-mini, 200",
            "/responses, gpt-4.1, 400",
            "/responses, claude-sonnet-4.6, 400",
            "/v1/messages, claude-sonnet-4.6, 200",
            "/v1/messages, claude-haiku-4.5, 200",
            "/v1/messages, gpt-4.1, 400",
            "/embeddings, text-embedding-3-small, 200",
            "/embeddings, gpt-4.1, 400"})
    void endpointsServeOnlyTheModelsThatListThem(String path, String model, int status) {
        String body = switch (path) {
            case "/responses" -> TestClient.responsesRequest(model, "hi", false);
            case "/v1/messages" -> TestClient.messagesRequest(model, "hi", false);
            case "/embeddings" -> "{\"model\":\"" + model + "\",\"input\":\"hi\"}";
            default -> TestClient.chatRequest(model, "hi", false);
        };

        HttpResponse<String> response = client.capiPost(path, copilotToken(), body);

        assertEquals(status, response.statusCode(), response.body());
        if (status == 400) {
            JsonObject error = TestClient.json(response).getJsonObject("error");
            assertEquals("unsupported_api_for_model", error.getString("code"));
            assertEquals("model \"" + model + "\" is not accessible via the " + path + " endpoint", error.getString("message"));
        }
    }

    @Test
    void invalidJsonBodyIsRejected() {
        HttpResponse<String> response = client.capiPost("/chat/completions", copilotToken(), "{not json");

        assertEquals(400, response.statusCode());
        assertEquals("invalid_request_body", TestClient.json(response).getJsonObject("error").getString("code"));
    }

    @Test
    void echoesTheRequestId() {
        HttpResponse<String> response = client.send(client.capi("/models", copilotToken()).setHeader("x-request-id", "req-42").GET());

        assertEquals("req-42", response.headers().firstValue("x-request-id").orElse(null));
    }

    @Test
    void unknownPathsAre404() {
        assertEquals(404, client.capiGet("/v1/chat/completions", copilotToken()).statusCode());
    }

    @Test
    void catalogueHasTheShapeOfUpstreamSection7() {
        JsonObject listing = TestClient.json(client.capiGet("/models", copilotToken()));

        assertEquals("list", listing.getString("object"));
        List<JsonObject> models = listing.getJsonArray("data").getValuesAs(JsonObject.class);
        for (JsonObject model : models) {
            assertEquals("model", model.getString("object"));
            assertTrue(model.containsKey("vendor") && model.containsKey("billing") && model.containsKey("name"));
            JsonObject capabilities = model.getJsonObject("capabilities");
            assertTrue(List.of("chat", "embeddings", "completion").contains(capabilities.getString("type")));
            assertTrue(capabilities.containsKey("limits") && capabilities.containsKey("supports") && capabilities.containsKey("tokenizer"));
        }
        assertFalse(model(models, "gpt-4.1").containsKey("supported_endpoints"));
        assertEquals(List.of("/chat/completions", "/v1/messages"), endpoints(model(models, "claude-sonnet-4.6")));
        assertEquals(List.of("/chat/completions", "/v1/messages"), endpoints(model(models, "claude-haiku-4.5")));
        assertEquals(List.of("/responses", "ws:/responses"), endpoints(model(models, "gpt-5.2-codex")));
        assertEquals(List.of("/chat/completions", "/responses"), endpoints(model(models, "gpt-5-mini")));
        assertEquals("embeddings", model(models, "text-embedding-3-small").getJsonObject("capabilities").getString("type"));
        assertEquals(32000, model(models, "claude-sonnet-4.6").getJsonObject("capabilities")
                .getJsonObject("limits").getInt("max_output_tokens"));
    }

    @Test
    void catalogueIsReplaceableAndRoutingFollowsIt() {
        String token = copilotToken();
        upstream.models().replace(Jsons.parseArray("[{\"id\":\"only-model\",\"object\":\"model\","
                + "\"capabilities\":{\"type\":\"chat\"},\"supported_endpoints\":[\"/responses\"]}]"));

        List<JsonObject> models = TestClient.json(client.capiGet("/models", token)).getJsonArray("data").getValuesAs(JsonObject.class);
        assertEquals(1, models.size());
        assertEquals(200, client.capiPost("/responses", token, TestClient.responsesRequest("only-model", "hi", false)).statusCode());
        assertEquals(400, client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "hi", false)).statusCode());

        upstream.models().restoreDefaults();
        assertEquals(200, client.capiPost("/chat/completions", token, TestClient.chatRequest("gpt-4.1", "hi", false)).statusCode());
    }

    @Test
    void modelsCanBeAddedAndRemoved() {
        String token = copilotToken();
        upstream.models().remove("claude-sonnet-4.6");
        upstream.models().add(Jsons.parseObject("{\"id\":\"claude-opus-4.6\",\"object\":\"model\","
                + "\"capabilities\":{\"type\":\"chat\"},\"supported_endpoints\":[\"/v1/messages\"]}"));

        assertEquals(400, client.capiPost("/v1/messages", token, TestClient.messagesRequest("claude-sonnet-4.6", "hi", false)).statusCode());
        assertEquals(200, client.capiPost("/v1/messages", token, TestClient.messagesRequest("claude-opus-4.6", "hi", false)).statusCode());
        assertTrue(upstream.models().find("claude-opus-4.6").isPresent());
    }

    private static JsonObject model(List<JsonObject> models, String id) {
        return models.stream().filter(model -> model.getString("id").equals(id)).findFirst().orElseThrow();
    }

    private static List<String> endpoints(JsonObject model) {
        return model.getJsonArray("supported_endpoints").getValuesAs(jakarta.json.JsonString::getString);
    }
}
