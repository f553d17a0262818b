package dev.copilotgateway.api;

import dev.copilotgateway.api.stream.PassThroughRelay;
import dev.copilotgateway.api.stream.StreamRelay;
import dev.copilotgateway.api.stream.TranslatingRelay;
import dev.copilotgateway.protocol.ErrorResponse;
import dev.copilotgateway.protocol.Failure;
import dev.copilotgateway.protocol.StreamProtocol;
import dev.copilotgateway.protocol.openai.OpenAiStreamProtocol;
import dev.copilotgateway.protocol.openai.OpenAiUpstreamErrors;
import dev.copilotgateway.protocol.openai.ResponsesStreamProtocol;
import dev.copilotgateway.routing.UpstreamPlan;
import java.net.http.HttpHeaders;

/** The OpenAI API: its error shape, and the stream protocol of Chat Completions or of Responses. */
final class OpenAiDialect implements ApiDialect {

    static final OpenAiDialect CHAT = new OpenAiDialect(new OpenAiStreamProtocol());
    static final OpenAiDialect RESPONSES = new OpenAiDialect(new ResponsesStreamProtocol());

    private final StreamProtocol streamProtocol;

    private OpenAiDialect(StreamProtocol streamProtocol) {
        this.streamProtocol = streamProtocol;
    }

    @Override
    public ErrorResponse upstreamError(int status, HttpHeaders headers, byte[] body) {
        return OpenAiUpstreamErrors.fromUpstream(status, headers, body);
    }

    @Override
    public ErrorResponse failure(Failure failure) {
        return OpenAiUpstreamErrors.of(failure);
    }

    @Override
    public StreamRelay relay(UpstreamPlan plan) {
        return plan.passThroughStream() ? new PassThroughRelay(streamProtocol) : new TranslatingRelay(plan.streamTranslator().get());
    }
}
