package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.JsonFields.objects;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.array;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.text;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.textBlock;
import static dev.copilotgateway.translate.anthropic.NativeMessagesJson.with;

import dev.copilotgateway.config.GatewayConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operator-configured text appended to the system prompt of Anthropic requests, per upstream model (setting
 * {@code extra-system-prompts}; {@code *} applies to every model and comes first). Appended after the client's own
 * system text so the client's cached prefix stays the same from request to request.
 */
public final class ClaudeCodeSystemPrompts {

    /** The key whose text applies to every model. */
    public static final String EVERY_MODEL = "*";

    private final Map<String, String> prompts;

    public ClaudeCodeSystemPrompts(Map<String, String> prompts) {
        this.prompts = Map.copyOf(prompts);
    }

    public static ClaudeCodeSystemPrompts fromConfig(GatewayConfig config) {
        return new ClaudeCodeSystemPrompts(config.extraSystemPrompts());
    }

    /**
     * {@code request} with the texts for {@code upstreamModelId} appended to {@code system}: to a string system with a
     * blank line, to block systems as text blocks, as a string when there was none. Unchanged when nothing applies.
     */
    public JsonObject apply(JsonObject request, String upstreamModelId) {
        List<String> extra = new ArrayList<>();
        for (String key : List.of(EVERY_MODEL, upstreamModelId)) {
            String text = prompts.get(key);
            if (text != null && !text.isBlank()) {
                extra.add(text);
            }
        }
        if (extra.isEmpty()) {
            return request;
        }
        JsonValue system = request.get("system");
        if (system instanceof JsonString existing && !existing.getString().isEmpty()) {
            return with(request, "system", text(existing.getString() + "\n\n" + String.join("\n\n", extra)));
        }
        List<JsonObject> blocks = new ArrayList<>(objects(system));
        if (blocks.isEmpty()) {
            return with(request, "system", text(String.join("\n\n", extra)));
        }
        extra.forEach(text -> blocks.add(textBlock(text)));
        return with(request, "system", array(blocks));
    }
}
