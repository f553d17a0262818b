package dev.copilotgateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's own meters, one method per thing worth counting (README "Metrics" lists each meter: name, type,
 * labels). Recording costs a counter increment or a timer record, so the request path may call it freely. Labels stay
 * bounded: the caller passes a model only when the catalogue knows it ({@link #OTHER_MODEL} otherwise), never a key id.
 * The per-request meters are looked up in maps of their own: building and registering a meter on every request (an id,
 * sorted tags, the registry's look-up) cost more than the increment.
 */
public final class GatewayMeters {

    /** The model label of a model the catalogue does not know (a typo, a client's invention). */
    public static final String OTHER_MODEL = "other";
    /** The {@code limit} label of the node's admission limit, and of every account's (named as their settings). */
    public static final String LIMIT_NODE_CONCURRENCY = "max-concurrent-requests";
    public static final String LIMIT_ACCOUNT_CONCURRENCY = "max-concurrent-requests-per-account";
    /** The {@code limit} label of a request upstream pacing refused (refuse mode, or a queue or wait past its bound). */
    public static final String LIMIT_PACING = "pacing";

    static final String REQUESTS = "gateway.requests";
    static final String REQUEST_DURATION = "gateway.request.duration";
    static final String REQUEST_TTFB = "gateway.request.ttfb";
    static final String TOKENS = "gateway.tokens";
    static final String STREAMS_IN_FLIGHT = "gateway.streams.in.flight";
    static final String UPSTREAM_IN_FLIGHT = "gateway.upstream.requests.in.flight";
    static final String ACCOUNTS = "gateway.accounts";
    static final String TOKEN_REFRESHES = "gateway.copilot.token.refreshes";
    static final String FAILOVERS = "gateway.pool.failovers";
    static final String COOLDOWNS = "gateway.pool.cooldowns";
    static final String LIMIT_REFUSALS = "gateway.limit.refusals";

    /** Buckets of the latency histograms: answers take from a fraction of a second to minutes of thinking. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
            Duration.ofSeconds(300)};

    private final MeterRegistry registry;
    private final ConcurrentHashMap<RequestSeries, Counter> requestCounters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<LatencySeries, Timer> latencyTimers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TokenSeries, Counter> tokenCounters = new ConcurrentHashMap<>();

    private record RequestSeries(String ingress, String model, int status) {
    }

    private record LatencySeries(String name, String ingress, boolean stream) {
    }

    private record TokenSeries(String model, String kind) {
    }

    public GatewayMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters kept in memory only, read by nobody but a test: for code built without the gateway's registry. */
    public static GatewayMeters detached() {
        return new GatewayMeters(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * A public API request ended.
     *
     * @param ingress   the API called ({@code openai-chat}, {@code anthropic-messages} …)
     * @param model     the model asked for, if the catalogue knows it, else {@link #OTHER_MODEL}
     * @param status    the HTTP status the client got
     * @param ttfbMs    null when nothing was sent
     */
    public void requestEnded(String ingress, String model, int status, boolean stream, long latencyMs, Long ttfbMs) {
        requestCounters.computeIfAbsent(new RequestSeries(ingress, model, status), series -> Counter.builder(REQUESTS)
                .description("Public API requests that ended, by API, model and status")
                .tags("ingress", ingress, "model", model, "status", Integer.toString(status)).register(registry)).increment();
        latencyTimer(REQUEST_DURATION, ingress, stream).record(Math.max(0, latencyMs), TimeUnit.MILLISECONDS);
        if (ttfbMs != null) {
            latencyTimer(REQUEST_TTFB, ingress, stream).record(Math.max(0, ttfbMs), TimeUnit.MILLISECONDS);
        }
    }

    private Timer latencyTimer(String name, String ingress, boolean stream) {
        return latencyTimers.computeIfAbsent(new LatencySeries(name, ingress, stream), series -> Timer.builder(name)
                .description(REQUEST_DURATION.equals(name) ? "From arrival to the last byte sent" : "From arrival to the first byte of the answer sent")
                .tags("ingress", ingress, "stream", Boolean.toString(stream)).serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
    }

    /** The tokens one request used, as the answer reported them ({@code cached} is part of input, {@code reasoning} of output). */
    public void tokens(String model, long input, long output, long cached, long reasoning) {
        countTokens(model, "input", input);
        countTokens(model, "output", output);
        countTokens(model, "cached", cached);
        countTokens(model, "reasoning", reasoning);
    }

    private void countTokens(String model, String kind, long count) {
        if (count > 0) {
            tokenCounters.computeIfAbsent(new TokenSeries(model, kind), series -> Counter.builder(TOKENS)
                    .description("Tokens of ended requests, by model and kind").tags("model", model, "kind", kind).register(registry))
                    .increment(count);
        }
    }

    /** A Copilot token exchange (first one or refresh) of some account ended. */
    public void tokenExchange(boolean succeeded) {
        Counter.builder(TOKEN_REFRESHES).description("Copilot token exchanges (first ones and refreshes), by result")
                .tag("result", succeeded ? "success" : "failure").register(registry).increment();
    }

    /** A request moved on to the pool's next account after one failed before anything reached the client. */
    public void failover() {
        Counter.builder(FAILOVERS).description("Requests moved on to another account of the pool").register(registry).increment();
    }

    /** GitHub throttled an account (429): it starts a cooldown. */
    public void cooldown() {
        Counter.builder(COOLDOWNS).description("Cooldowns started after GitHub throttled an account").register(registry).increment();
    }

    /**
     * A request was refused by a limit, named by its setting or limit field ({@link #LIMIT_NODE_CONCURRENCY},
     * {@link #LIMIT_ACCOUNT_CONCURRENCY}, a per-key limit such as {@code requestsPerMinute}). Keep the names a fixed set.
     */
    public void limitRefused(String limit) {
        Counter.builder(LIMIT_REFUSALS).description("Requests refused by a limit, by limit").tag("limit", limit)
                .register(registry).increment();
    }

    /** Streams to clients open on this node now. */
    public void streamsInFlight(Supplier<Number> open) {
        gauge(STREAMS_IN_FLIGHT, "Event streams to clients open on this node", open);
    }

    /** Upstream requests this node is serving now (what its admission limits count). */
    public void upstreamInFlight(Supplier<Number> open) {
        gauge(UPSTREAM_IN_FLIGHT, "Upstream requests in flight on this node", open);
    }

    /** One gauge per account state: how many accounts are in it ({@code count} may be NaN when it cannot be known). */
    public void accountStates(List<String> states, ToDoubleFunction<String> count) {
        for (String state : states) {
            Gauge.builder(ACCOUNTS, state, count).description("Accounts of the pool, by state").tag("state", state)
                    .strongReference(true).register(registry);
        }
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }
}
