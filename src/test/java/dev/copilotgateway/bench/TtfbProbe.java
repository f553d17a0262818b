package dev.copilotgateway.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The time to the first byte of a stream (request sent → first byte of the body, i.e. the first SSE event), one
 * request at a time, alternating between the fake upstream directly and the gateway so both see the same machine
 * state. Every stream is read to its end and checked; failed or wrong streams are counted, not measured. Prints one
 * {@code TTFB} line per target and one with the differences of their percentiles.
 *
 * <p>Options: {@code --direct-url --direct-header… --gateway-url --gateway-header… --samples N --warmup N
 * --expect-text T --expect-chunks N}.
 */
public final class TtfbProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TtfbProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args);
        List<Target> targets = List.of(Target.from(options, "direct-", "direct"), Target.from(options, "gateway-", "gateway"));
        StreamCheck check = StreamCheck.from(options);
        int warmup = options.integer("warmup", 200);
        int samples = options.integer("samples", 1000);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        List<List<Long>> micros = List.of(new ArrayList<>(), new ArrayList<>());
        int[] failures = new int[targets.size()];
        for (int round = 0; round < warmup + samples; round++) {
            for (int turn = 0; turn < targets.size(); turn++) {
                int index = (round + turn) % targets.size(); // alternate which target goes first
                Optional<Long> ttfb = measure(http, targets.get(index), check);
                if (round < warmup) {
                    continue;
                }
                ttfb.ifPresent(micros.get(index)::add);
                failures[index] += ttfb.isEmpty() ? 1 : 0;
            }
        }
        Percentiles direct = Percentiles.of(micros.get(0));
        Percentiles gateway = Percentiles.of(micros.get(1));
        print(targets.get(0), direct, failures[0]);
        print(targets.get(1), gateway, failures[1]);
        System.out.printf("TTFB target=added p50_us=%d p99_us=%d%n", gateway.at(50) - direct.at(50), gateway.at(99) - direct.at(99));
    }

    /** Microseconds to the first body byte of one correct stream; empty if the stream failed or was wrong. */
    private static Optional<Long> measure(HttpClient http, Target target, StreamCheck check) throws InterruptedException {
        long sent = System.nanoTime();
        CompletableFuture<HttpResponse<TimedBody>> exchange = http.sendAsync(target.streamRequest(TIMEOUT), TimedBody.handler());
        try {
            HttpResponse<TimedBody> response = exchange.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (check.problem(response).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(TimeUnit.NANOSECONDS.toMicros(response.body().firstByteNanos() - sent));
        } catch (ExecutionException | TimeoutException failed) {
            exchange.cancel(true);
            return Optional.empty();
        }
    }

    private static void print(Target target, Percentiles ttfb, int failures) {
        System.out.printf("TTFB target=%s samples=%d failed=%d p50_us=%d p99_us=%d%n",
                target.name(), ttfb.count(), failures, ttfb.at(50), ttfb.at(99));
    }
}
