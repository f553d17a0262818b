package dev.copilotgateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Watches another JVM while a load runs: resident memory, open descriptors and threads from {@code /proc/<pid>},
 * and the Java heap from one {@code jstat -gc} process attached for the whole run (cheap: it reads the target's
 * perf-data file, it does not stop it). Keeps the peaks.
 */
final class ProcessSampler {

    /** Peaks while sampling; {@code hwmKib} is the kernel's own resident high-water mark over the process's life. */
    record Peaks(long rssKib, long hwmKib, long heapUsedKib, long heapCommittedKib, long descriptors, long threads) {
    }

    private static final List<String> HEAP_USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");
    private static final List<String> HEAP_COMMITTED_COLUMNS = List.of("S0C", "S1C", "EC", "OC");

    private final Path proc;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "process-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final Process jstat;
    private final AtomicLong rssKib = new AtomicLong();
    private final AtomicLong hwmKib = new AtomicLong();
    private final AtomicLong heapUsedKib = new AtomicLong();
    private final AtomicLong heapCommittedKib = new AtomicLong();
    private final AtomicLong descriptors = new AtomicLong();
    private final AtomicLong threads = new AtomicLong();

    private ProcessSampler(long pid, long intervalMillis) throws IOException {
        this.proc = Path.of("/proc", Long.toString(pid));
        this.jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), Long.toString(intervalMillis))
                .redirectErrorStream(true).start();
        Thread reader = new Thread(this::readJstat, "jstat-reader");
        reader.setDaemon(true);
        reader.start();
        timer.scheduleAtFixedRate(this::sampleProc, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    static ProcessSampler start(long pid, long intervalMillis) throws IOException {
        return new ProcessSampler(pid, intervalMillis);
    }

    /** Takes a last sample, stops sampling and returns the peaks. */
    Peaks stop() {
        timer.shutdown();
        sampleProc();
        jstat.destroy();
        return new Peaks(rssKib.get(), hwmKib.get(), heapUsedKib.get(), heapCommittedKib.get(), descriptors.get(), threads.get());
    }

    private void sampleProc() {
        try {
            for (String line : Files.readAllLines(proc.resolve("status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    rssKib.accumulateAndGet(firstNumber(line), Math::max);
                } else if (line.startsWith("VmHWM:")) {
                    hwmKib.accumulateAndGet(firstNumber(line), Math::max);
                } else if (line.startsWith("Threads:")) {
                    threads.accumulateAndGet(firstNumber(line), Math::max);
                }
            }
            try (Stream<Path> open = Files.list(proc.resolve("fd"))) {
                descriptors.accumulateAndGet(open.count(), Math::max);
            }
        } catch (IOException | UncheckedIOException gone) {
            // the process ended: the peaks so far stand
        }
    }

    /** Reads {@code jstat -gc} lines: a header naming the columns, then one line of KiB figures per interval. */
    private void readJstat() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.US_ASCII))) {
            String header = lines.readLine();
            if (header == null) {
                return;
            }
            List<String> columns = List.of(header.trim().split("\\s+"));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] values = line.trim().split("\\s+");
                if (values.length == columns.size()) {
                    heapUsedKib.accumulateAndGet(sum(columns, values, HEAP_USED_COLUMNS), Math::max);
                    heapCommittedKib.accumulateAndGet(sum(columns, values, HEAP_COMMITTED_COLUMNS), Math::max);
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            // jstat could not attach or stopped: the heap peaks stay as far as read
        }
    }

    private static long sum(List<String> columns, String[] values, List<String> wanted) {
        double kib = 0;
        for (String column : wanted) {
            kib += Double.parseDouble(values[columns.indexOf(column)]);
        }
        return (long) kib;
    }

    private static long firstNumber(String line) {
        return Long.parseLong(line.replaceAll("[^0-9 ]", " ").trim().split("\\s+")[0]);
    }
}
