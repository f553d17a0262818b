package dev.copilotgateway.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one coding agent process to its end: a clean environment (only what it is given, so no key or proxy of the
 * developer's shell leaks in), no standard input, stdout and stderr captured into its run folder, and killed with
 * its children if it outlives the timeout.
 */
final class AgentProcess {

    private AgentProcess() {
    }

    /**
     * @param runDir  gets {@code stdout.jsonl}, {@code stderr.txt} and {@code command.txt}
     * @param workDir the agent's working directory
     * @param proxy   where the agent's traffic to any host but loopback goes ({@link OutsideTrafficTrap})
     */
    static AgentRun run(List<String> command, Map<String, String> environment, Path runDir, Path workDir, String proxy, Duration timeout)
            throws IOException, InterruptedException {
        Path stdout = runDir.resolve("stdout.jsonl");
        Path stderr = runDir.resolve("stderr.txt");
        Files.writeString(runDir.resolve("command.txt"), String.join("\n", command) + "\n\n" + environment + "\n");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "dumb");
        env.put("HTTP_PROXY", proxy);
        env.put("HTTPS_PROXY", proxy);
        env.put("http_proxy", proxy);
        env.put("https_proxy", proxy);
        env.put("NO_PROXY", "127.0.0.1,localhost");
        env.put("no_proxy", "127.0.0.1,localhost");
        env.putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command.get(0) + " did not finish within " + timeout + "; see " + runDir);
        }
        return new AgentRun(process.exitValue(), Files.readAllLines(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), runDir);
    }
}
