package dev.copilotgateway.translate.anthropic;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/** Models and JSON helpers shared by the Anthropic ↔ Responses tests. */
final class ResponsesFixtures {

    /** A /responses-only model as Copilot lists it (UPSTREAM §7). */
    static final CopilotModel CODEX = model("""
            {"id": "gpt-5.2-codex", "vendor": "OpenAI", "object": "model",
             "capabilities": {"family": "gpt-5.2-codex", "type": "chat",
               "limits": {"max_context_window_tokens": 400000, "max_prompt_tokens": 272000, "max_output_tokens": 128000},
               "supports": {"streaming": true, "tool_calls": true, "reasoning_effort": ["low", "medium", "high"]}},
             "supported_endpoints": ["/responses", "ws:/responses"]}""");

    private ResponsesFixtures() {
    }

    static CopilotModel model(String json) {
        return new CopilotModel(json(json));
    }

    static JsonObject json(String json) {
        return (JsonObject) JsonIo.read(json);
    }

    static JsonValue value(String json) {
        return JsonIo.read(json);
    }

    /** The data of each event, after checking that its SSE event name is the data's {@code type}. */
    static List<JsonObject> data(List<SseEvent> events) {
        return events.stream().map(event -> {
            JsonObject data = json(event.data());
            if (!data.getString("type").equals(event.event())) {
                throw new AssertionError("event name " + event.event() + " but type " + data.getString("type"));
            }
            return data;
        }).toList();
    }
}
