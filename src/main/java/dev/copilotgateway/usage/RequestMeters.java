package dev.copilotgateway.usage;

import com.knuddels.jtokkit.api.Encoding;
import dev.copilotgateway.tokens.Tokenizers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a {@link RequestMeter} per public API request and tells the {@link RequestOutcomeListener} what each came to.
 *
 * <p>When Copilot's answer carried no usage (its answers normally do), the tokens are counted with the tokenizer
 * ({@code o200k_base}) on {@code counting}, a bounded executor of the gateway, never on the request's thread: the
 * input over the JSON body sent to Copilot (its keys and punctuation included, so a slight over-estimate) and, for a
 * whole answer, the output over the answer's body likewise. A stream without usage gets its input counted and an
 * output of 0 (its text is not kept). When the executor is full the outcome is told without counts.
 */
public final class RequestMeters {

    private static final Logger LOG = Logger.getLogger(RequestMeters.class.getName());

    private final Clock clock;
    private final RequestOutcomeListener listener;
    private final Executor counting;
    private final boolean keepBodies;
    private volatile Consumer<RequestMeter> onStart = meter -> { };

    public RequestMeters(Clock clock, RequestOutcomeListener listener, Executor counting) {
        this(clock, listener, counting, false);
    }

    /** {@code keepBodies}: the {@code usage-debug-bodies} setting, for debugging only ({@link DebugBodies}). */
    public RequestMeters(Clock clock, RequestOutcomeListener listener, Executor counting, boolean keepBodies) {
        this.clock = clock;
        this.listener = listener;
        this.counting = counting;
        this.keepBodies = keepBodies;
    }

    boolean keepsBodies() {
        return keepBodies;
    }

    /** A request of {@code ingress} by the key {@code keyId} (null: none) for {@code model} arrived now. */
    public RequestMeter start(Long keyId, String ingress, String model, boolean stream) {
        RequestMeter meter = new RequestMeter(this, clock.instant(), System.nanoTime(), keyId, ingress, model, stream);
        onStart.accept(meter);
        return meter;
    }

    /**
     * Told of each meter as it starts, on the thread that starts it (the request's): the access log attaches it to the
     * servlet request it is writing the line of. Must return at once.
     */
    public void onStart(Consumer<RequestMeter> listener) {
        this.onStart = listener;
    }

    void tell(RequestOutcome outcome, byte[] upstreamRequest, byte[] wholeAnswer) {
        if (keepBodies) {
            DebugBodies.during(new DebugBodies(upstreamRequest, wholeAnswer), () -> listener.ended(outcome));
        } else {
            listener.ended(outcome);
        }
    }

    void countThenTell(RequestOutcome outcome, byte[] upstreamRequest, byte[] wholeAnswer) {
        try {
            counting.execute(() -> tell(counted(outcome, upstreamRequest, wholeAnswer), upstreamRequest, wholeAnswer));
        } catch (RejectedExecutionException full) {
            LOG.log(Level.FINE, "No room to count a request's tokens; recorded without them");
            tell(outcome, upstreamRequest, wholeAnswer);
        }
    }

    static RequestOutcome counted(RequestOutcome outcome, byte[] upstreamRequest, byte[] wholeAnswer) {
        Encoding encoding = Tokenizers.forName(null);
        long input = encoding.countTokensOrdinary(new String(upstreamRequest, StandardCharsets.UTF_8));
        long output = wholeAnswer == null ? 0 : encoding.countTokensOrdinary(new String(wholeAnswer, StandardCharsets.UTF_8));
        return new RequestOutcome(outcome.time(), outcome.keyId(), outcome.accountId(), outcome.ingress(), outcome.endpoint(),
                outcome.model(), outcome.upstreamModel(), outcome.stream(), outcome.status(), new TokenCounts(input, output, 0, 0),
                outcome.premiumRequests(), outcome.latencyMs(), outcome.ttfbMs(), outcome.errorType());
    }
}
