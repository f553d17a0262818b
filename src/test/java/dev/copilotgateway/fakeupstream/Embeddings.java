package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** {@code POST /embeddings} (UPSTREAM §11): deterministic unit vectors, the same text always giving the same vector. */
final class Embeddings {

    /** text-embedding-3-small's native size; requests may ask for fewer with {@code dimensions}. */
    static final int DEFAULT_DIMENSIONS = 1536;

    private Embeddings() {
    }

    /** The {@code input} member as a list of strings (a single string or an array of strings), if it is one. */
    static Optional<List<String>> inputs(JsonObject request) {
        JsonValue input = request.get("input");
        if (input instanceof JsonString) {
            return Optional.of(List.of(((JsonString) input).getString()));
        }
        if (input instanceof JsonArray && !((JsonArray) input).isEmpty()
                && ((JsonArray) input).stream().allMatch(JsonString.class::isInstance)) {
            return Optional.of(((JsonArray) input).getValuesAs(JsonString::getString));
        }
        return Optional.empty();
    }

    static JsonObject response(String model, List<String> inputs, int dimensions) {
        JsonArrayBuilder data = Jsons.array();
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            data.add(Jsons.object()
                    .add("object", "embedding")
                    .add("index", i)
                    .add("embedding", vector(inputs.get(i), dimensions)));
            tokens += Math.max(1, inputs.get(i).length() / 4);
        }
        return Jsons.object()
                .add("object", "list")
                .add("model", model)
                .add("data", data)
                .add("usage", Jsons.object().add("prompt_tokens", tokens).add("total_tokens", tokens))
                .build();
    }

    private static JsonArrayBuilder vector(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(text.hashCode());
        double[] values = new double[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            values[i] = random.nextDouble(-1, 1);
            norm += values[i] * values[i];
        }
        JsonArrayBuilder vector = Jsons.array();
        for (double value : values) {
            vector.add(Math.round(value / Math.sqrt(norm) * 1e6) / 1e6);
        }
        return vector;
    }
}
