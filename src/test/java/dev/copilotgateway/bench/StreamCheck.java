package dev.copilotgateway.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a chat completion stream arrived complete and correct: status 200, an event stream whose events are all
 * JSON chunks but the last, {@code data: [DONE]}, and whose text deltas are exactly the fake's reply text in
 * {@code chunks} pieces, in order (the fake splits a text of distinct words into one word per piece).
 */
final class StreamCheck {

    private static final String DONE = "[DONE]";
    /** One factory: {@code Json.createReader} would look the JSON provider up again for every event. */
    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

    private final String expectedText;
    private final int expectedChunks;

    StreamCheck(String expectedText, int expectedChunks) {
        this.expectedText = expectedText;
        this.expectedChunks = expectedChunks;
    }

    static StreamCheck from(Options options) {
        return new StreamCheck(options.required("expect-text"), options.integer("expect-chunks", 20));
    }

    /**
     * Whether the response is the gateway's refusal of an overload: a 429 or 503 with {@code Retry-After} and an OpenAI
     * error body ({@code {"error":{"message":…}}}), at once instead of a stream.
     */
    static boolean isRefusal(HttpResponse<TimedBody> response) {
        if (response.statusCode() != 429 && response.statusCode() != 503 || response.headers().firstValue("Retry-After").isEmpty()) {
            return false;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(response.body().text()))) {
            return reader.readObject().get("error") instanceof JsonObject error && error.get("message") instanceof JsonString;
        } catch (JsonException | IllegalStateException notAnError) {
            return false;
        }
    }

    /** What is wrong with the response, or empty if it is a complete, correct stream. */
    Optional<String> problem(HttpResponse<TimedBody> response) {
        return problem(response.statusCode(), response.body().text());
    }

    Optional<String> problem(int status, String body) {
        if (status != 200) {
            return Optional.of("HTTP " + status);
        }
        if (!body.endsWith("data: " + DONE + "\n\n")) {
            return Optional.of("stream not terminated by data: [DONE]");
        }
        String[] events = body.split("\n\n");
        StringBuilder text = new StringBuilder();
        int chunks = 0;
        for (int i = 0; i < events.length - 1; i++) {
            if (events[i].startsWith(":")) {
                continue; // an SSE comment: the gateway's keep-alive after 15 s without an event, which clients skip
            }
            Optional<JsonObject> chunk = json(events[i]);
            if (chunk.isEmpty()) {
                return Optional.of("event is not a JSON chunk");
            }
            if (chunk.get().containsKey("error")) {
                return Optional.of("error event");
            }
            String content = deltaContent(chunk.get());
            if (!content.isEmpty()) {
                text.append(content);
                chunks++;
            }
        }
        if (chunks != expectedChunks || !text.toString().equals(expectedText)) {
            return Optional.of("text chunks missing or out of order");
        }
        return Optional.empty();
    }

    private static Optional<JsonObject> json(String event) {
        if (!event.startsWith("data: ")) {
            return Optional.empty();
        }
        try (JsonReader reader = JSON.createReader(new StringReader(event.substring("data: ".length())))) {
            return Optional.of(reader.readObject());
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The text delta of a chunk ({@code choices[0].delta.content}); empty when it carries none. */
    private static String deltaContent(JsonObject chunk) {
        if (!(chunk.get("choices") instanceof JsonArray choices) || choices.isEmpty()
                || !(choices.get(0) instanceof JsonObject choice)
                || !(choice.get("delta") instanceof JsonObject delta)
                || !(delta.get("content") instanceof JsonString content)) {
            return "";
        }
        return content.getString();
    }
}
