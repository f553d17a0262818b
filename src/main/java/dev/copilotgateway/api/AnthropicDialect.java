package dev.copilotgateway.api;

import dev.copilotgateway.api.stream.PassThroughRelay;
import dev.copilotgateway.api.stream.StreamRelay;
import dev.copilotgateway.api.stream.TranslatingRelay;
import dev.copilotgateway.protocol.ErrorResponse;
import dev.copilotgateway.protocol.Failure;
import dev.copilotgateway.protocol.anthropic.AnthropicStreamProtocol;
import dev.copilotgateway.protocol.anthropic.AnthropicUpstreamErrors;
import dev.copilotgateway.routing.UpstreamPlan;
import java.net.http.HttpHeaders;

/** The Anthropic Messages API: its error shape and its event stream. */
final class AnthropicDialect implements ApiDialect {

    static final AnthropicDialect INSTANCE = new AnthropicDialect();

    private static final AnthropicStreamProtocol STREAM_PROTOCOL = new AnthropicStreamProtocol();

    private AnthropicDialect() {
    }

    @Override
    public ErrorResponse upstreamError(int status, HttpHeaders headers, byte[] body) {
        return AnthropicUpstreamErrors.fromUpstream(status, headers, body);
    }

    @Override
    public ErrorResponse failure(Failure failure) {
        return AnthropicUpstreamErrors.of(failure);
    }

    @Override
    public StreamRelay relay(UpstreamPlan plan) {
        return plan.passThroughStream() ? new PassThroughRelay(STREAM_PROTOCOL) : new TranslatingRelay(plan.streamTranslator().get());
    }
}
