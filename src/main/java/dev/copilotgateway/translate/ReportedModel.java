package dev.copilotgateway.translate;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.protocol.sse.SseFrameBuffer;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Answers that name the model the client asked for (a model mapping's {@code from}) instead of the Copilot model
 * that served it. The {@code model} field sits at the top of OpenAI chat completions and chunks, embeddings lists,
 * Responses objects and Anthropic messages, inside {@code response} in the Responses stream's lifecycle events and
 * inside {@code message} in Anthropic's {@code message_start}. Other fields are left as they are.
 */
public final class ReportedModel {

    private static final List<String> NESTED = List.of("response", "message");
    private static final byte[] MODEL_KEY = "\"model\"".getBytes(StandardCharsets.UTF_8);

    private ReportedModel() {
    }

    /** {@code json} with its {@code model} fields (top level, {@code response}, {@code message}) set to {@code model}. */
    public static JsonObject rename(JsonObject json, String model) {
        JsonObjectBuilder renamed = null;
        if (json.get("model") instanceof JsonString current && !current.getString().equals(model)) {
            renamed = JsonIo.PROVIDER.createObjectBuilder(json).add("model", model);
        }
        for (String field : NESTED) {
            if (json.get(field) instanceof JsonObject nested && nested.get("model") instanceof JsonString current
                    && !current.getString().equals(model)) {
                renamed = renamed == null ? JsonIo.PROVIDER.createObjectBuilder(json) : renamed;
                renamed.add(field, rename(nested, model));
            }
        }
        return renamed == null ? json : renamed.build();
    }

    /** A whole JSON answer with its model renamed; bytes that are not a JSON object are returned as they are. */
    public static byte[] inBody(byte[] body, String model) {
        if (!mentionsModel(body)) {
            return body;
        }
        JsonValue parsed;
        try {
            parsed = JsonIo.read(body);
        } catch (RuntimeException notJson) {
            return body;
        }
        if (!(parsed instanceof JsonObject json)) {
            return body;
        }
        JsonObject renamed = rename(json, model);
        return renamed == json ? body : JsonIo.bytes(renamed);
    }

    /** A stream event with its model renamed; the same event when it names none (or its data is not JSON). */
    public static SseEvent inEvent(SseEvent event, String model) {
        if (!event.data().contains("\"model\"")) {
            return event;
        }
        JsonValue parsed;
        try {
            parsed = JsonIo.read(event.data());
        } catch (RuntimeException notJson) {
            return event;
        }
        if (!(parsed instanceof JsonObject json)) {
            return event;
        }
        JsonObject renamed = rename(json, model);
        return renamed == json ? event : new SseEvent(event.event(), renamed.toString());
    }

    /** Whether {@code bytes} contain {@code "model"} at all: most stream frames do not, and are left untouched. */
    public static boolean mentionsModel(byte[] bytes) {
        return SseFrameBuffer.contains(bytes, MODEL_KEY);
    }
}
