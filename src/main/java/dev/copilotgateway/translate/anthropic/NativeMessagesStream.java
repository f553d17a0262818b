package dev.copilotgateway.translate.anthropic;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.anthropic.AnthropicStreamProtocol;
import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.translate.JsonFields;
import dev.copilotgateway.translate.StreamTranslator;
import jakarta.json.JsonObject;
import java.util.function.Consumer;

/**
 * The native {@code /v1/messages} stream as the client gets it (TRANSLATION.md §6.2): Copilot's events forwarded
 * unchanged, except the {@code thinking_delta}s of a client that asked for {@code display: omitted} when the
 * gateway had to ask for {@code summarized} (signatures still pass); a stream that ends without
 * {@code message_stop} or {@code error} gets an {@code error} event.
 */
public final class NativeMessagesStream implements StreamTranslator {

    static final String INCOMPLETE = "An unexpected error occurred during streaming, retry your request.";

    private final boolean omitThinkingDeltas;
    private boolean finished;

    /** {@code omitThinkingDeltas}: {@link NativeMessagesFixes.Result#omitThinkingDeltas()}. */
    public NativeMessagesStream(boolean omitThinkingDeltas) {
        this.omitThinkingDeltas = omitThinkingDeltas;
    }

    @Override
    public void onEvent(SseEvent upstream, Consumer<SseEvent> out) {
        if (finished) {
            return;
        }
        String name = upstream.event();
        if (omitThinkingDeltas && "content_block_delta".equals(name) && isThinkingDelta(upstream.data())) {
            return;
        }
        out.accept(upstream);
        finished = "message_stop".equals(name) || "error".equals(name);
    }

    @Override
    public void onUpstreamEnd(Consumer<SseEvent> out) {
        onUpstreamFailure("api_error", INCOMPLETE, out);
    }

    @Override
    public void onUpstreamFailure(String type, String message, Consumer<SseEvent> out) {
        if (!finished) {
            finished = true;
            out.accept(AnthropicStreamProtocol.errorEvent(type, message));
        }
    }

    @Override
    public boolean finished() {
        return finished;
    }

    private static boolean isThinkingDelta(String data) {
        if (!data.contains("thinking_delta")) {
            return false;
        }
        try {
            return JsonIo.read(data) instanceof JsonObject event && event.get("delta") instanceof JsonObject delta
                    && "thinking_delta".equals(JsonFields.string(delta.get("type")));
        } catch (RuntimeException notJson) {
            return false;
        }
    }
}
