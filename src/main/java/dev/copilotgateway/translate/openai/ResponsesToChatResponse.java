package dev.copilotgateway.translate.openai;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** A whole (non-streamed) {@code /responses} result as a Chat Completions response (TRANSLATION §8.2). */
public final class ResponsesToChatResponse {

    private ResponsesToChatResponse() {
    }

    /**
     * The {@code chat.completion} for {@code response}.
     *
     * @throws FailedResponse when the upstream answered 200 with {@code status: failed}; the caller reports it as a
     *                        500 OpenAI error carrying {@link FailedResponse#getMessage()}
     */
    public static JsonObject translate(JsonObject response) {
        if ("failed".equals(response.getString("status", ""))) {
            throw new FailedResponse(response.get("error") instanceof JsonObject error
                    ? error.getString("message", FailedResponse.UNKNOWN) : FailedResponse.UNKNOWN);
        }
        StringBuilder text = new StringBuilder();
        JsonArrayBuilder toolCalls = JsonIo.array();
        boolean anyToolCall = false;
        if (response.get("output") instanceof JsonArray output) {
            for (JsonValue value : output) {
                if (!(value instanceof JsonObject item)) {
                    continue;
                }
                String type = item.getString("type", "");
                if (type.equals("message") && item.get("content") instanceof JsonArray parts) {
                    for (JsonValue part : parts) {
                        if (part instanceof JsonObject object) {
                            text.append(object.getString("text", object.getString("refusal", "")));
                        }
                    }
                } else if (type.equals("function_call")) {
                    anyToolCall = true;
                    toolCalls.add(JsonIo.object()
                            .add("id", item.getString("call_id", ""))
                            .add("type", "function")
                            .add("function", JsonIo.object().add("name", item.getString("name", "")).add("arguments", item.getString("arguments", ""))));
                }
            }
        }
        if (text.length() == 0) {
            text.append(response.getString("output_text", ""));
        }
        JsonObjectBuilder message = JsonIo.object()
                .add("role", "assistant")
                .add("content", text.length() == 0 ? JsonValue.NULL : JsonIo.PROVIDER.createValue(text.toString()));
        if (anyToolCall) {
            message.add("tool_calls", toolCalls);
        }
        JsonObjectBuilder chat = JsonIo.object()
                .add("id", response.getString("id", ""))
                .add("object", "chat.completion")
                .add("created", response.get("created_at") instanceof JsonNumber created ? created.longValue() : 0)
                .add("model", response.getString("model", ""))
                .add("choices", JsonIo.array().add(JsonIo.object()
                        .add("index", 0)
                        .add("message", message)
                        .add("logprobs", JsonValue.NULL)
                        .add("finish_reason", ResponsesChatResults.finishReason("", response, anyToolCall))));
        if (response.get("usage") instanceof JsonObject usage) {
            chat.add("usage", ResponsesChatResults.usage(usage));
        }
        if (response.get("copilot_usage") instanceof JsonObject copilotUsage) {
            chat.add("copilot_usage", copilotUsage);
        }
        return chat.build();
    }

    /** The upstream reported the response as failed (a 200 whose {@code status} is {@code failed}). */
    public static final class FailedResponse extends RuntimeException {

        private static final long serialVersionUID = 1L;

        static final String UNKNOWN = "The response failed due to an unknown error.";

        FailedResponse(String message) {
            super(message, null, false, false);
        }
    }
}
