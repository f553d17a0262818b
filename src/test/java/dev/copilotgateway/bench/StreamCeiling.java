package dev.copilotgateway.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The ceiling test: opens N slow streams, spread evenly over a ramp of a few seconds rather than in one burst, so
 * that (with streams longer than the ramp) all N are open at once; counts those that arrive complete and correct
 * ({@link StreamCheck}) and says why the others failed. With {@code --sample-pid} it also reports the peak memory,
 * descriptors and threads of that process (the gateway) during the run. Stops by itself at the deadline: streams
 * not finished by then are counted as unfinished.
 *
 * <p>Options: {@code --label L --url U --header "name: value"… --streams N --ramp-ms M --deadline-s S
 * --expect-text T --expect-chunks N [--sample-pid P] [--refusals-expected true]}; with the last, an overload refusal
 * (429/503 in OpenAI's shape with {@code Retry-After}) is counted as refused, with its time, instead of failed. Prints one {@code CEILING} line and one
 * {@code CEILING-FAILURE} line per failure reason.
 */
public final class StreamCeiling {

    /** Several clients, so one client's selector thread does not serialise all N connections. */
    private static final int CLIENTS = 4;
    private static final long SAMPLE_INTERVAL_MILLIS = 250;

    private StreamCeiling() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        String label = options.required("label");
        Target target = Target.from(options, "", label);
        int streams = options.integer("streams", 1000);
        long rampNanos = TimeUnit.MILLISECONDS.toNanos(options.integer("ramp-ms", 3000));
        Duration deadline = Duration.ofSeconds(options.integer("deadline-s", 120));
        StreamCheck check = StreamCheck.from(options);
        String samplePid = options.optional("sample-pid", "");
        boolean refusalsExpected = Boolean.parseBoolean(options.optional("refusals-expected", "false"));
        ProcessSampler sampler = samplePid.isEmpty() ? null : ProcessSampler.start(Long.parseLong(samplePid), SAMPLE_INTERVAL_MILLIS);

        ExecutorService callbacks = Executors.newFixedThreadPool(CLIENTS);
        HttpClient[] clients = new HttpClient[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(deadline).executor(callbacks).build();
        }
        HttpRequest request = target.streamRequest(deadline);
        StreamOutcomes outcomes = new StreamOutcomes(streams);
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            LockSupport.parkNanos(start + rampNanos * i / streams - System.nanoTime());
            open(clients[i % CLIENTS], request, check, refusalsExpected, outcomes);
        }
        outcomes.awaitFinished(deadline.toMillis());
        outcomes.close();
        long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        report(label, streams, outcomes, wallMillis, sampler == null ? null : sampler.stop());
        System.exit(0); // streams still open at the deadline must not keep the run alive
    }

    private static void open(HttpClient client, HttpRequest request, StreamCheck check, boolean refusalsExpected, StreamOutcomes outcomes) {
        long sent = System.nanoTime();
        outcomes.started();
        client.sendAsync(request, TimedBody.handler()).whenComplete((response, failure) -> {
            if (failure != null) {
                outcomes.failed(reason(failure));
                return;
            }
            if (refusalsExpected && StreamCheck.isRefusal(response)) {
                outcomes.refused(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
                return;
            }
            check.problem(response).ifPresentOrElse(outcomes::failed,
                    () -> outcomes.succeeded(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)));
        });
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return cause.getClass().getSimpleName() + message;
    }

    private static void report(String label, int streams, StreamOutcomes outcomes, long wallMillis, ProcessSampler.Peaks peaks) {
        Percentiles good = outcomes.goodMillis();
        Percentiles refused = outcomes.refusedMillis();
        StringBuilder line = new StringBuilder(String.format(
                "CEILING label=%s streams=%d ok=%d failed=%d unfinished=%d peak_open=%d wall_ms=%d p50_ms=%d p99_ms=%d"
                        + " refused=%d refused_p50_ms=%d refused_p99_ms=%d",
                label, streams, good.count(), outcomes.failedCount(), outcomes.unfinishedCount(), outcomes.peakOpen(), wallMillis,
                good.at(50), good.at(99), refused.count(), refused.at(50), refused.at(99)));
        if (peaks != null) {
            line.append(String.format(" rss_peak_mib=%d hwm_mib=%d heap_used_peak_mib=%d heap_committed_peak_mib=%d fds_peak=%d threads_peak=%d",
                    peaks.rssKib() / 1024, peaks.hwmKib() / 1024, peaks.heapUsedKib() / 1024, peaks.heapCommittedKib() / 1024,
                    peaks.descriptors(), peaks.threads()));
        }
        System.out.println(line);
        for (Map.Entry<String, Long> failure : outcomes.failureReasons()) {
            System.out.printf("CEILING-FAILURE label=%s count=%d reason=%s%n", label, failure.getValue(), failure.getKey());
        }
    }
}
