package dev.copilotgateway.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Codex CLI non-interactively ({@code codex exec --json}) with the gateway as its only model provider
 * ({@code wire_api = "responses"}) in a CODEX_HOME of its own, analytics and update checks off, outside a git
 * repository, and without Codex's sandbox (which needs kernel features a container may not grant).
 */
final class CodexCli {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String KEY_VARIABLE = "COPILOT_GATEWAY_KEY";

    private final String baseUrl;
    private final String apiKey;
    private final String proxy;

    CodexCli(String baseUrl, String apiKey, String proxy) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.proxy = proxy;
    }

    AgentRun run(Path runDir, Path workDir, String model, String prompt) throws IOException, InterruptedException {
        Path home = Files.createDirectories(runDir.resolve("home"));
        Path codexHome = Files.createDirectories(runDir.resolve("codex-home"));
        Files.writeString(codexHome.resolve("config.toml"), config(model));
        List<String> command = List.of(ItEnvironment.CODEX.toString(), "exec", "--json", "--skip-git-repo-check",
                "--ephemeral", "--dangerously-bypass-approvals-and-sandbox", "-m", model, "-C", workDir.toString(), prompt);
        Map<String, String> env = Map.of("HOME", home.toString(), "CODEX_HOME", codexHome.toString(), KEY_VARIABLE, apiKey,
                "RUST_LOG", "warn");
        return AgentProcess.run(command, env, runDir, workDir, proxy, TIMEOUT);
    }

    private String config(String model) {
        return """
                model = "%s"
                model_provider = "copilot-gateway"
                check_for_update_on_startup = false
                web_search = "disabled"

                [model_providers.copilot-gateway]
                name = "Copilot Gateway under test"
                base_url = "%s"
                wire_api = "responses"
                env_key = "%s"
                request_max_retries = 0
                stream_max_retries = 0

                # Plugins, apps and their marketplaces are fetched from OpenAI's and GitHub's hosts.
                [features]
                plugins = false
                remote_plugin = false
                apps = false

                [analytics]
                enabled = false

                [feedback]
                enabled = false

                [otel]
                exporter = "none"
                """.formatted(model, baseUrl, KEY_VARIABLE);
    }
}
