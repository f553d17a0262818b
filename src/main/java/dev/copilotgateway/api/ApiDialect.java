package dev.copilotgateway.api;

import dev.copilotgateway.api.stream.GeminiJsonArrayFraming;
import dev.copilotgateway.api.stream.PassThroughRelay;
import dev.copilotgateway.api.stream.StreamRelay;
import dev.copilotgateway.api.stream.TranslatingRelay;
import dev.copilotgateway.protocol.ErrorResponse;
import dev.copilotgateway.protocol.Failure;
import dev.copilotgateway.protocol.StreamProtocol;
import dev.copilotgateway.protocol.anthropic.AnthropicStreamProtocol;
import dev.copilotgateway.protocol.anthropic.AnthropicUpstreamErrors;
import dev.copilotgateway.protocol.gemini.GeminiUpstreamErrors;
import dev.copilotgateway.protocol.openai.OpenAiStreamProtocol;
import dev.copilotgateway.protocol.openai.OpenAiUpstreamErrors;
import dev.copilotgateway.protocol.openai.ResponsesStreamProtocol;
import dev.copilotgateway.routing.UpstreamPlan;
import java.net.http.HttpHeaders;
import java.util.function.Function;

/**
 * What the {@link PlanRunner} needs to know of one public API: how Copilot's error answers and the gateway's own
 * failures are shaped, and how a stream is written to the client (passed through when the protocols match, else
 * translated; Gemini's default stream is one JSON array written element by element).
 */
final class ApiDialect {

    /** Copilot's own non-200 answer in an API's error shape. */
    interface UpstreamErrorShape {
        ErrorResponse of(int status, HttpHeaders headers, byte[] body);
    }

    static final ApiDialect OPENAI_CHAT = new ApiDialect(OpenAiUpstreamErrors::fromUpstream, OpenAiUpstreamErrors::of,
            passedThroughOrTranslated(new OpenAiStreamProtocol()));
    static final ApiDialect OPENAI_RESPONSES = new ApiDialect(OpenAiUpstreamErrors::fromUpstream, OpenAiUpstreamErrors::of,
            passedThroughOrTranslated(new ResponsesStreamProtocol()));
    static final ApiDialect ANTHROPIC = new ApiDialect(AnthropicUpstreamErrors::fromUpstream, AnthropicUpstreamErrors::of,
            passedThroughOrTranslated(new AnthropicStreamProtocol()));
    /** Every Gemini stream is translated: Copilot has no Gemini endpoint. */
    static final ApiDialect GEMINI_SSE = new ApiDialect(GeminiUpstreamErrors::fromUpstream, GeminiUpstreamErrors::of,
            plan -> new TranslatingRelay(plan.streamTranslator().get()));
    static final ApiDialect GEMINI_JSON_ARRAY = new ApiDialect(GeminiUpstreamErrors::fromUpstream, GeminiUpstreamErrors::of,
            plan -> new TranslatingRelay(plan.streamTranslator().get(), new GeminiJsonArrayFraming()));

    private final UpstreamErrorShape upstreamErrors;
    private final Function<Failure, ErrorResponse> failures;
    private final Function<UpstreamPlan, StreamRelay> relays;

    private ApiDialect(UpstreamErrorShape upstreamErrors, Function<Failure, ErrorResponse> failures,
                       Function<UpstreamPlan, StreamRelay> relays) {
        this.upstreamErrors = upstreamErrors;
        this.failures = failures;
        this.relays = relays;
    }

    /** Copilot's own non-200 answer, in this API's error shape. */
    ErrorResponse upstreamError(int status, HttpHeaders headers, byte[] body) {
        return upstreamErrors.of(status, headers, body);
    }

    /** Any failure of a request of this API, classified once ({@link Failures}) and shaped. */
    ErrorResponse failure(Throwable failure) {
        return failure(Failures.classify(failure));
    }

    /** A failure already classified, shaped. */
    ErrorResponse failure(Failure failure) {
        return failures.apply(failure);
    }

    /** The relay that writes the plan's upstream event stream to the client in this API's stream protocol. */
    StreamRelay relay(UpstreamPlan plan) {
        return relays.apply(plan);
    }

    private static Function<UpstreamPlan, StreamRelay> passedThroughOrTranslated(StreamProtocol protocol) {
        return plan -> plan.passThroughStream() ? new PassThroughRelay(protocol) : new TranslatingRelay(plan.streamTranslator().get());
    }
}
