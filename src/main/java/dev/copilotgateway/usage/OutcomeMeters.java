package dev.copilotgateway.usage;

import dev.copilotgateway.metrics.GatewayMeters;
import java.util.function.Predicate;

/**
 * Records each ended request in the metrics: the request counter, the latency and time-to-first-byte histograms and
 * the tokens. The model label is the model Copilot was asked for (else the client's), and only one the catalogue
 * knows: anything else is {@link GatewayMeters#OTHER_MODEL}, so a client inventing names cannot grow the series.
 */
public final class OutcomeMeters implements RequestOutcomeListener {

    private final GatewayMeters meters;
    private final Predicate<String> knownModel;

    public OutcomeMeters(GatewayMeters meters, Predicate<String> knownModel) {
        this.meters = meters;
        this.knownModel = knownModel;
    }

    @Override
    public void ended(RequestOutcome outcome) {
        String model = modelLabel(outcome);
        meters.requestEnded(outcome.ingress() == null ? "unknown" : outcome.ingress(), model, outcome.status(), outcome.stream(), outcome.latencyMs(), outcome.ttfbMs());
        TokenCounts tokens = outcome.tokens();
        if (tokens != null) {
            meters.tokens(model, tokens.input(), tokens.output(), tokens.cached(), tokens.reasoning());
        }
    }

    String modelLabel(RequestOutcome outcome) {
        String model = outcome.upstreamModel() != null ? outcome.upstreamModel() : outcome.model();
        return model != null && knownModel.test(model) ? model : GatewayMeters.OTHER_MODEL;
    }
}
