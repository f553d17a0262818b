package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonNumber;
import org.junit.jupiter.api.Test;

class EmbeddingsTest extends UpstreamFixture {

    @Test
    void returnsOneDeterministicUnitVectorPerInput() {
        String token = copilotToken();

        JsonObject first = TestClient.json(client.capiPost("/embeddings", token, TestClient.embeddingsRequest("hello", "world")));
        JsonObject again = TestClient.json(client.capiPost("/embeddings", token, TestClient.embeddingsRequest("hello")));

        assertEquals("list", first.getString("object"));
        assertEquals("text-embedding-3-small", first.getString("model"));
        JsonArray data = first.getJsonArray("data");
        assertEquals(2, data.size());
        assertEquals(1, data.getJsonObject(1).getInt("index"));
        JsonArray hello = data.getJsonObject(0).getJsonArray("embedding");
        assertEquals(Embeddings.DEFAULT_DIMENSIONS, hello.size());
        assertEquals(1.0, norm(hello), 1e-3);
        assertEquals(hello, again.getJsonArray("data").getJsonObject(0).getJsonArray("embedding"));
        assertNotEquals(hello, data.getJsonObject(1).getJsonArray("embedding"));
        assertEquals(2, first.getJsonObject("usage").getInt("prompt_tokens"));
    }

    @Test
    void honoursDimensionsAndRejectsBadInput() {
        String token = copilotToken();

        JsonObject small = TestClient.json(client.capiPost("/embeddings", token,
                "{\"model\":\"text-embedding-3-small\",\"input\":\"x\",\"dimensions\":8}"));
        assertEquals(8, small.getJsonArray("data").getJsonObject(0).getJsonArray("embedding").size());

        assertEquals(400, client.capiPost("/embeddings", token, "{\"model\":\"text-embedding-3-small\",\"input\":[1,2]}").statusCode());
    }

    private static double norm(JsonArray vector) {
        return Math.sqrt(vector.getValuesAs(JsonNumber.class).stream().mapToDouble(n -> n.doubleValue() * n.doubleValue()).sum());
    }
}
