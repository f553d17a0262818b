package dev.copilotgateway.routing;

import dev.copilotgateway.translate.StreamTranslator;
import dev.copilotgateway.translate.anthropic.NativeMessagesFixes;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * How one client request goes upstream and comes back: the Copilot endpoint, the body and header traits to send,
 * how a successful whole response becomes the client's protocol, the stream translator for a streamed one
 * ({@code null} when the protocols match and the stream passes through unchanged), and what to send once more if
 * Copilot refuses the body as an assistant prefill ({@code null} when that cannot happen).
 */
public record UpstreamPlan(CopilotEndpoint endpoint, byte[] body, RequestTraits traits, UnaryOperator<byte[]> wholeResponse,
                           Supplier<StreamTranslator> streamTranslator, PrefillRetry prefillRetry) {

    /** TRANSLATION.md §6.3: the body with a user turn after the assistant's, and how to remember the model refuses. */
    public record PrefillRetry(byte[] body, Runnable rememberRefusal) {
    }

    public UpstreamPlan(CopilotEndpoint endpoint, byte[] body, RequestTraits traits, UnaryOperator<byte[]> wholeResponse,
                        Supplier<StreamTranslator> streamTranslator) {
        this(endpoint, body, traits, wholeResponse, streamTranslator, null);
    }

    public boolean passThroughStream() {
        return streamTranslator == null;
    }

    /** Whether Copilot's answer {@code status}/{@code body} refused an assistant prefill this plan can retry without. */
    public boolean retriesPrefill(int status, byte[] body) {
        return prefillRetry != null && NativeMessagesFixes.isPrefillRejection(status, body);
    }
}
