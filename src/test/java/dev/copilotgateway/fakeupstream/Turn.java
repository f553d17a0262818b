package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fake model reads of one generation request to choose its reply, the same in every dialect.
 *
 * @param lastUserText text of the last user turn; empty when there is none
 * @param toolOutput   the output of the tool result the conversation ends with; null when it ends otherwise
 * @param offeredTools names of the function tools the request offers (top level and inside namespaces), in order
 */
public record Turn(String lastUserText, String toolOutput, List<String> offeredTools) {

    public Turn {
        lastUserText = lastUserText == null ? "" : lastUserText;
        offeredTools = List.copyOf(offeredTools);
    }

    static Turn of(Dialect dialect, JsonObject request) {
        return new Turn(dialect.lastUserText(request), dialect.trailingToolOutput(request), toolNames(request.get("tools")));
    }

    public boolean endsWithToolResult() {
        return toolOutput != null;
    }

    /**
     * Chat ({@code function.name}), Responses and Messages ({@code name}); a Responses {@code namespace} tool
     * contributes the names of the tools inside it.
     */
    private static List<String> toolNames(JsonValue tools) {
        List<String> names = new ArrayList<>();
        if (!(tools instanceof JsonArray)) {
            return names;
        }
        for (JsonValue value : (JsonArray) tools) {
            if (!(value instanceof JsonObject tool)) {
                continue;
            }
            JsonValue function = tool.get("function");
            String name = function instanceof JsonObject ? Jsons.string((JsonObject) function, "name") : Jsons.string(tool, "name");
            if (name != null) {
                names.add(name);
            }
            names.addAll(toolNames(tool.get("tools")));
        }
        return names;
    }
}
