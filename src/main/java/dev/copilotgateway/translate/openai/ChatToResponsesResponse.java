package dev.copilotgateway.translate.openai;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.translate.JsonFields;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A whole (non-streamed) Chat Completions response as a Responses object (TRANSLATION §10, §8.2 read backwards), for
 * a Responses client whose model was served by {@code /chat/completions}. The output is, in this order: a reasoning
 * item (when the upstream reasoned), a message item with the text, and one function_call item per tool call; all
 * choices are merged (Claude may spread one message over several, UPSTREAM §8.2).
 */
public final class ChatToResponsesResponse {

    private ChatToResponsesResponse() {
    }

    /**
     * The {@code response} object for {@code chatResponse}.
     *
     * @param originalRequest the client's Responses request, whose settings the response echoes
     * @param ids             a fresh unique token per call; prefixed here ({@code resp_}, {@code rs_}, {@code msg_},
     *                        {@code fc_}, {@code call_} for a tool call the upstream sent without an id)
     */
    public static JsonObject translate(JsonObject chatResponse, JsonObject originalRequest, Supplier<String> ids) {
        ResponsesToolNames names = ResponsesToolNames.of(originalRequest);
        String id = "resp_" + ids.get();
        StringBuilder reasoning = new StringBuilder();
        String opaque = null;
        StringBuilder text = new StringBuilder();
        String refusal = null;
        List<JsonObject> calls = new ArrayList<>();
        String incompleteReason = null;
        for (JsonObject choice : JsonFields.objects(chatResponse.get("choices"))) {
            if (incompleteReason == null) {
                incompleteReason = ResponsesIngressResults.incompleteReason(JsonFields.string(choice.get("finish_reason")));
            }
            if (!(choice.get("message") instanceof JsonObject message)) {
                continue;
            }
            String reasoningText = ResponsesIngressResults.reasoningText(message);
            if (reasoningText != null) {
                reasoning.append(reasoningText);
            }
            String choiceOpaque = JsonFields.string(message.get("reasoning_opaque"));
            if (choiceOpaque != null && !choiceOpaque.isEmpty()) {
                opaque = choiceOpaque;
            }
            String content = JsonFields.string(message.get("content"));
            if (content != null) {
                text.append(content);
            } else {
                for (JsonObject part : JsonFields.objects(message.get("content"))) {
                    text.append(part.getString("text", ""));
                }
            }
            String choiceRefusal = JsonFields.string(message.get("refusal"));
            if (choiceRefusal != null && !choiceRefusal.isEmpty()) {
                refusal = choiceRefusal;
            }
            calls.addAll(JsonFields.objects(message.get("tool_calls")));
        }
        String itemStatus = incompleteReason == null ? "completed" : "incomplete";
        JsonArrayBuilder output = JsonIo.array();
        if (reasoning.length() > 0 || opaque != null) {
            output.add(ResponsesIngressResults.reasoningItem("rs_" + ids.get(), reasoning.toString(), opaque));
        }
        if (text.length() > 0 || refusal != null) {
            JsonArrayBuilder parts = JsonIo.array();
            if (text.length() > 0) {
                parts.add(ResponsesIngressResults.textPart(text.toString()));
            }
            if (refusal != null) {
                parts.add(JsonIo.object().add("type", "refusal").add("refusal", refusal));
            }
            output.add(ResponsesIngressResults.messageItem("msg_" + ids.get(), itemStatus, parts.build()));
        }
        for (JsonObject call : calls) {
            JsonObject function = call.get("function") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
            String callId = JsonFields.string(call.get("id"));
            String arguments = JsonFields.string(function.get("arguments"));
            output.add(names.callItem("fc_" + ids.get(), itemStatus,
                    callId == null || callId.isEmpty() ? "call_" + ids.get() : callId,
                    function.getString("name", ""),
                    arguments == null || arguments.isEmpty() ? "{}" : arguments));
        }
        JsonObject usage = chatResponse.get("usage") instanceof JsonObject chatUsage ? ResponsesIngressResults.usage(chatUsage) : null;
        String model = JsonFields.string(chatResponse.get("model"));
        JsonObject response = ResponsesIngressResults.response(originalRequest, id,
                chatResponse.get("created") instanceof JsonNumber created ? created.longValue() : 0,
                model == null || model.isEmpty() ? originalRequest.getString("model", "") : model,
                incompleteReason == null ? "completed" : "incomplete",
                output.build(), usage, null,
                incompleteReason == null ? null : JsonIo.object().add("reason", incompleteReason).build());
        if (chatResponse.get("copilot_usage") instanceof JsonObject copilotUsage) {
            return JsonIo.PROVIDER.createObjectBuilder(response).add("copilot_usage", copilotUsage).build();
        }
        return response;
    }
}
