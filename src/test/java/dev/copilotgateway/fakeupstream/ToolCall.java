package dev.copilotgateway.fakeupstream;

/**
 * A scripted tool call.
 *
 * @param id        the call id to report, or null to let each dialect generate one (call_…, toolu_…)
 * @param arguments the arguments as JSON text; streamed in several pieces
 */
public record ToolCall(String id, String name, String arguments) {

    public ToolCall {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("tool call needs a name");
        }
        arguments = arguments == null ? "" : arguments;
    }

    public static ToolCall of(String name, String argumentsJson) {
        return new ToolCall(null, name, argumentsJson);
    }
}
