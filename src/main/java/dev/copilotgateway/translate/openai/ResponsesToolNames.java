package dev.copilotgateway.translate.openai;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How a Responses request's tools are named on a translated route, and back. Chat (and Messages) know only flat
 * function tools, so Codex's {@code namespace} tools (a named group of functions) become functions called
 * {@code <namespace>__<name>}, and a {@code custom} tool (free-form input) a function with one string argument
 * {@code input}. A call the model makes is turned back into what the client offered: a {@code function_call} with its
 * {@code namespace}, or a {@code custom_tool_call} with its {@code input}. Codex's free-form {@code apply_patch} is a
 * custom tool like any other.
 */
public final class ResponsesToolNames {

    static final String SEPARATOR = "__";
    static final String CUSTOM_INPUT = "input";

    /** A namespaced function: its namespace and its own name. */
    record Namespaced(String namespace, String name) {
    }

    private final Map<String, Namespaced> namespacedByFlatName;
    private final Set<String> customTools;

    private ResponsesToolNames(Map<String, Namespaced> namespacedByFlatName, Set<String> customTools) {
        this.namespacedByFlatName = namespacedByFlatName;
        this.customTools = customTools;
    }

    /** The names in {@code responsesRequest}'s tools; malformed entries are the request translator's to refuse. */
    public static ResponsesToolNames of(JsonObject responsesRequest) {
        Map<String, Namespaced> namespaced = new HashMap<>();
        Set<String> custom = new HashSet<>();
        if (responsesRequest != null && responsesRequest.get("tools") instanceof JsonArray tools) {
            for (JsonValue value : tools) {
                if (!(value instanceof JsonObject tool) || !(tool.get("name") instanceof JsonString name)) {
                    continue;
                }
                switch (tool.getString("type", "")) {
                    case "namespace" -> {
                        if (tool.get("tools") instanceof JsonArray members) {
                            for (JsonValue member : members) {
                                if (member instanceof JsonObject function && function.get("name") instanceof JsonString inner) {
                                    namespaced.put(flat(name.getString(), inner.getString()), new Namespaced(name.getString(), inner.getString()));
                                }
                            }
                        }
                    }
                    case "custom" -> custom.add(name.getString());
                    default -> { }
                }
            }
        }
        return new ResponsesToolNames(namespaced, custom);
    }

    /** The flat function name a namespace's function has on a translated route. */
    static String flat(String namespace, String name) {
        return namespace + SEPARATOR + name;
    }

    /** Whether a call to the flat function {@code chatName} answers a custom tool. */
    boolean isCustom(String chatName) {
        return customTools.contains(chatName);
    }

    /**
     * The output item for a call the model made to {@code chatName} with {@code arguments}: a {@code function_call}
     * (with its {@code namespace} when it belongs to one) or a {@code custom_tool_call}.
     */
    JsonObject callItem(String id, String status, String callId, String chatName, String arguments) {
        if (isCustom(chatName)) {
            return JsonIo.object()
                    .add("id", id)
                    .add("type", "custom_tool_call")
                    .add("status", status)
                    .add("call_id", callId)
                    .add("name", chatName)
                    .add("input", customInput(arguments))
                    .build();
        }
        Namespaced namespaced = namespacedByFlatName.get(chatName);
        JsonObject item = ResponsesIngressResults.functionCallItem(id, status, callId, namespaced == null ? chatName : namespaced.name(),
                arguments);
        return namespaced == null ? item : JsonIo.PROVIDER.createObjectBuilder(item).add("namespace", namespaced.namespace()).build();
    }

    /** The name the client knows the function by (the flat name's last part for a namespaced one). */
    String clientName(String chatName) {
        Namespaced namespaced = namespacedByFlatName.get(chatName);
        return namespaced == null ? chatName : namespaced.name();
    }

    /** The free-form input of a custom tool call, from the function arguments {@code {"input": "..."}}. */
    static String customInput(String arguments) {
        try {
            if (JsonIo.read(arguments) instanceof JsonObject object && object.get(CUSTOM_INPUT) instanceof JsonString input) {
                return input.getString();
            }
        } catch (RuntimeException notJson) {
            // the model wrote plain text: that is the input
        }
        return arguments;
    }
}
