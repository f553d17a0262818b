package dev.copilotgateway.translate.openai;

import static dev.copilotgateway.translate.JsonFields.object;
import static dev.copilotgateway.translate.JsonFields.present;
import static dev.copilotgateway.translate.JsonFields.string;

import dev.copilotgateway.protocol.RequestContentException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tools} of a Chat Completions request as the translators to Responses and to Messages read them: an array
 * of {@code {"type":"function","function":{"name",...}}}, every mistake a 400 naming the tool's path.
 */
final class ChatFunctionTools {

    /** One function tool: its {@code function} object, its name, and where it is in the request. */
    record Function(JsonObject function, String name, String path) {
    }

    private ChatFunctionTools() {
    }

    /** The request's function tools, in order; none when {@code tools} is absent or empty. */
    static List<Function> of(JsonValue tools) {
        if (!present(tools)) {
            return List.of();
        }
        if (!(tools instanceof JsonArray list)) {
            throw new RequestContentException("tools", "tools must be an array");
        }
        List<Function> functions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "tools[" + i + "]";
            JsonObject tool = object(list.get(i), path);
            if (!"function".equals(tool.getString("type", null))) {
                throw new RequestContentException(path + ".type", "only tools of type function can be sent to this model");
            }
            JsonObject function = object(tool.get("function"), path + ".function");
            functions.add(new Function(function, string(function, "name", path + ".function"), path));
        }
        return functions;
    }
}
