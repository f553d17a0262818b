package dev.copilotgateway.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Claude Code in print mode ({@code claude -p … --output-format stream-json --verbose}) pointed at the gateway, with
 * its own HOME, every model slot on the model under test, and auto-update, telemetry, error reporting and other
 * non-essential traffic off. Tools run without prompts through {@code --allowedTools}, which (unlike
 * {@code --dangerously-skip-permissions}) Claude Code accepts as root.
 */
final class ClaudeCode {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final String baseUrl;
    private final String apiKey;
    private final String proxy;

    ClaudeCode(String baseUrl, String apiKey, String proxy) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.proxy = proxy;
    }

    /** Runs one prompt in {@code workDir}; {@code partialMessages} adds the stream's deltas to the output. */
    AgentRun run(Path runDir, Path workDir, String model, String prompt, boolean partialMessages) throws IOException, InterruptedException {
        Path home = Files.createDirectories(runDir.resolve("home"));
        List<String> command = new ArrayList<>(List.of(ItEnvironment.CLAUDE_CODE.toString(), "-p", prompt,
                "--output-format", "stream-json", "--verbose", "--model", model,
                "--allowedTools", "Read,Bash", "--no-session-persistence"));
        if (partialMessages) {
            command.add("--include-partial-messages");
        }
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
        env.put("ANTHROPIC_BASE_URL", baseUrl);
        env.put("ANTHROPIC_AUTH_TOKEN", apiKey);
        env.put("ANTHROPIC_MODEL", model);
        env.put("ANTHROPIC_SMALL_FAST_MODEL", model);
        env.put("ANTHROPIC_DEFAULT_HAIKU_MODEL", model);
        env.put("ANTHROPIC_DEFAULT_SONNET_MODEL", model);
        env.put("ANTHROPIC_DEFAULT_OPUS_MODEL", model);
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("DISABLE_BUG_COMMAND", "1");
        env.put("DISABLE_NON_ESSENTIAL_MODEL_CALLS", "1");
        env.put("CLAUDE_CODE_ENABLE_TELEMETRY", "0");
        env.put("CLAUDE_CODE_SKIP_FAST_MODE_NETWORK_ERRORS", "1");
        return AgentProcess.run(command, env, runDir, workDir, proxy, TIMEOUT);
    }
}
