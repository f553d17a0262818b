package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.JsonFields.objects;
import static dev.copilotgateway.translate.JsonFields.string;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small reads and copies of Anthropic JSON shared by the native-Messages and Claude Code classes of this package. */
final class NativeMessagesJson {

    private NativeMessagesJson() {
    }

    static String type(JsonObject block) {
        String type = string(block.get("type"));
        return type == null ? "" : type;
    }

    /** A message's content as blocks: a string content is one text block. */
    static List<JsonObject> blocks(JsonValue content) {
        if (content instanceof JsonString text) {
            return List.of(textBlock(text.getString()));
        }
        return objects(content);
    }

    /** The texts of a message's content: the string, or the {@code text} of its text blocks. */
    static List<String> texts(JsonValue content) {
        List<String> texts = new ArrayList<>();
        for (JsonObject block : blocks(content)) {
            if (type(block).equals("text") && string(block.get("text")) != null) {
                texts.add(string(block.get("text")));
            }
        }
        return texts;
    }

    static JsonObject textBlock(String text) {
        return JsonIo.object().add("type", "text").add("text", text).build();
    }

    static JsonObjectBuilder edit(JsonObject object) {
        return JsonIo.PROVIDER.createObjectBuilder(object);
    }

    static JsonObject with(JsonObject object, String field, JsonValue value) {
        return edit(object).add(field, value).build();
    }

    static JsonObject without(JsonObject object, String field) {
        return object.containsKey(field) ? edit(object).remove(field).build() : object;
    }

    static JsonArray array(List<? extends JsonValue> values) {
        JsonArrayBuilder array = JsonIo.array();
        values.forEach(array::add);
        return array.build();
    }

    static JsonString text(String value) {
        return JsonIo.PROVIDER.createValue(value);
    }

    /** The messages of a request (empty when absent). */
    static List<JsonObject> messages(JsonObject request) {
        return objects(request.get("messages"));
    }

    static Optional<JsonObject> last(List<JsonObject> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }
}
