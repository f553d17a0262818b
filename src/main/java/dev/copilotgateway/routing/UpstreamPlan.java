package dev.copilotgateway.routing;

import dev.copilotgateway.translate.StreamTranslator;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * How one client request goes upstream and comes back: the Copilot endpoint, the body and header traits to send,
 * how a successful whole response becomes the client's protocol, and the stream translator for a streamed one
 * ({@code null} when the protocols match and the stream passes through unchanged).
 */
public record UpstreamPlan(CopilotEndpoint endpoint, byte[] body, RequestTraits traits, UnaryOperator<byte[]> wholeResponse,
                           Supplier<StreamTranslator> streamTranslator) {

    public boolean passThroughStream() {
        return streamTranslator == null;
    }
}
