package dev.copilotgateway.usage;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One public API request on its way, noting what its {@link RequestOutcome} will say: filled in by the request's
 * stages (the plan, the account that served it, the first byte sent, the upstream's usage) and told exactly once, when
 * {@link #ended} is first called. Every method is O(1) apart from {@link #upstreamFrames} and {@link #wholeAnswer},
 * which search the upstream's bytes for a usage object (see {@link UpstreamUsage}); none blocks.
 *
 * <p>Premium requests count only for a request Copilot answered (status below 400, or a stream that started): a request
 * refused by the pool, or answered with an error, is not billed.
 */
public final class RequestMeter {

    /** The status recorded for a client that went away before any byte of the answer was sent (nginx's convention). */
    public static final int CLIENT_CLOSED = 499;
    public static final String CLIENT_DISCONNECT = "client_disconnect";
    public static final String STREAM_ERROR = "stream_error";
    public static final String TIMEOUT = "timeout";
    public static final String UPSTREAM_ERROR = "upstream_error";
    public static final String RATE_LIMIT = "rate_limit";

    private final RequestMeters meters;
    private final Instant time;
    private final long startNanos;
    private final Long keyId;
    private final String ingress;
    private final String model;
    private final boolean stream;
    private final AtomicBoolean ended = new AtomicBoolean();

    private volatile String endpoint;
    private volatile String upstreamModel;
    private volatile double premiumMultiplier;
    private volatile byte[] upstreamRequest;
    private volatile Long accountId;
    private volatile long firstByteNanos = -1;
    private volatile String errorType;
    private volatile TokenCounts reported;
    private volatile byte[] wholeAnswer; // kept when it reported no usage (for the tokenizer), or for usage-debug-bodies

    RequestMeter(RequestMeters meters, Instant time, long startNanos, Long keyId, String ingress, String model, boolean stream) {
        this.meters = meters;
        this.time = time;
        this.startNanos = startNanos;
        this.keyId = keyId;
        this.ingress = ingress;
        this.model = model;
        this.stream = stream;
    }

    /** The plan is made: the Copilot endpoint and model, the premium cost of a served request, and the body sent. */
    public void routed(String endpoint, String upstreamModel, double premiumMultiplier, byte[] upstreamRequest) {
        this.endpoint = endpoint;
        this.upstreamModel = upstreamModel;
        this.premiumMultiplier = premiumMultiplier;
        this.upstreamRequest = upstreamRequest;
    }

    /** The account the request was sent to (the last one tried, when the pool moved on). */
    public void servedBy(long accountId) {
        this.accountId = accountId;
    }

    /** The first byte of the answer goes to the client now; later calls change nothing. */
    public void firstByte() {
        if (firstByteNanos < 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    /** Upstream stream frames (whole SSE frames as Copilot sent them): their usage objects, if any, are noted. */
    public void upstreamFrames(byte[] frames) {
        TokenCounts merged = UpstreamUsage.inFrames(frames, reported);
        if (merged != reported) {
            reported = merged;
        }
    }

    /** Copilot's whole successful answer (before any translation): its usage, or the body itself for the tokenizer. */
    public void wholeAnswer(byte[] body) {
        TokenCounts counts = UpstreamUsage.inWhole(body);
        if (counts != null) {
            reported = counts;
        }
        if (counts == null || meters.keepsBodies()) {
            wholeAnswer = body;
        }
    }

    /** What went wrong, as a short code; the first one told is kept (a stream error, then the client leaving). */
    public void failed(String type) {
        if (errorType == null) {
            errorType = type;
        }
    }

    /** Whether a byte of the answer has been sent. */
    public boolean answerStarted() {
        return firstByteNanos >= 0;
    }

    // What the access log reads of the request when it has ended (AccessLog, through RequestMeters#onStart).

    public String ingress() {
        return ingress;
    }

    /** The model the client asked for. */
    public String model() {
        return model;
    }

    public boolean stream() {
        return stream;
    }

    /** The account the request was sent to, or null. */
    public Long accountId() {
        return accountId;
    }

    /** From arrival to the first byte of the answer sent, or null while nothing was sent. */
    public Long ttfbMs() {
        long first = firstByteNanos;
        return first < 0 ? null : millis(first - startNanos);
    }

    /** The request has ended with {@code status}: the outcome is told, once; later calls do nothing. */
    public void ended(int status) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        long now = System.nanoTime();
        int finalStatus = CLIENT_DISCONNECT.equals(errorType) && firstByteNanos < 0 ? CLIENT_CLOSED : status;
        boolean served = endpoint != null && finalStatus < 400;
        RequestOutcome outcome = new RequestOutcome(time, keyId, accountId, ingress, endpoint, model, upstreamModel, stream,
                finalStatus, reported != null ? reported : TokenCounts.NONE, served ? premiumMultiplier : 0,
                millis(now - startNanos), firstByteNanos < 0 ? null : millis(firstByteNanos - startNanos), errorType);
        if (reported == null && served && upstreamRequest != null) {
            meters.countThenTell(outcome, upstreamRequest, wholeAnswer);
        } else {
            meters.tell(outcome, upstreamRequest, wholeAnswer);
        }
    }

    private static long millis(long nanos) {
        return Math.max(0, nanos / 1_000_000);
    }
}
