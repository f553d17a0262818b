package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonObject;
import java.util.List;

/** One CAPI generation endpoint: how to read its request and render a {@link Reply} as JSON or as SSE. */
interface Dialect {

    /** The CAPI path, also the value looked for in a model's {@code supported_endpoints}. */
    String path();

    /** Text of the last user turn (what the default reply echoes); empty when there is none. */
    String lastUserText(JsonObject request);

    /** The output of the tool result the conversation ends with (system turns aside); null when it ends otherwise. */
    String trailingToolOutput(JsonObject request);

    /** The stop sequences the request asks the model to honour; none by default. */
    default List<String> stopSequences(JsonObject request) {
        return List.of();
    }

    JsonObject response(Generation generation);

    /** All events of the stream, the terminator last. */
    List<SseFrame> streamFrames(Generation generation, StreamSettings settings);
}
