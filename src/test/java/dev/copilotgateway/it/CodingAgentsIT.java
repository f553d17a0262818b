package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.AgentDirectives;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.RecordedRequest;
import dev.copilotgateway.fakeupstream.StreamSettings;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real coding agents, Claude Code and Codex CLI (pinned releases from npm, installed by the build), run
 * non-interactively against the WAR in a real Tomcat and the fake Copilot upstream, on native and translated routes.
 * The fake follows {@link AgentDirectives}: a prompt {@code call tool X with {…}} makes the model call the agent's
 * own tool X, and a tool result is answered with {@code "Tool said: <output>"}, so a tool's output that reaches the
 * agent's final answer went agent → gateway → Copilot and back twice. Each run's output and the upstream requests it
 * caused are kept in {@code target/agents/<test>/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CodingAgentsIT {

    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + "/copilot-gateway";
    private static final String KEY = ItEnvironment.API_KEYS.get(0);
    private static final String CLAUDE_MODEL = "claude-sonnet-4.6";
    private static final String CHAT_ONLY_MODEL = "gpt-4.1";
    private static final String RESPONSES_ONLY_MODEL = "gpt-5.2-codex";
    /** Codex CLI's shell tool (a function tool taking {@code cmd}). */
    private static final String CODEX_SHELL = "exec_command";

    private static FakeCopilotUpstream upstream;
    private static OutsideTrafficTrap outside;
    private static ClaudeCode claude;
    private static CodexCli codex;

    private Path runDir;
    private Path workDir;
    private String secret;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    /** Why the agents are missing (the install step found no Node.js), or null when they are installed. */
    private static String unavailable;

    @BeforeAll
    static void startUpstream() throws Exception {
        if (Files.exists(ItEnvironment.AGENTS_UNAVAILABLE)) {
            unavailable = "coding agents not installed: " + Files.readString(ItEnvironment.AGENTS_UNAVAILABLE).strip();
            return;
        }
        assertTrue(Files.isExecutable(ItEnvironment.CLAUDE_CODE), "the build installs Claude Code: " + ItEnvironment.CLAUDE_CODE);
        assertTrue(Files.isExecutable(ItEnvironment.CODEX), "the build installs Codex CLI: " + ItEnvironment.CODEX);
        upstream = ItEnvironment.newUpstream().start(ItEnvironment.UPSTREAM_PORT);
        upstream.addGitHubUser(ItEnvironment.GITHUB_TOKEN, ItEnvironment.GITHUB_USER_ID, ItEnvironment.GITHUB_LOGIN);
        upstream.setDefaultTurnReply(AgentDirectives::reply);
        ItEnvironment.awaitServing("/copilot-gateway");
        outside = new OutsideTrafficTrap();
        claude = new ClaudeCode(BASE, KEY, outside.url());
        codex = new CodexCli(BASE + "/v1", KEY, outside.url());
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        if (upstream != null) {
            upstream.close();
        }
        if (outside != null) {
            outside.close();
        }
    }

    /** A fresh run folder with a working directory holding {@code note.txt}, whose random content the tools read. */
    @BeforeEach
    void prepareRun(TestInfo test) throws IOException {
        Assumptions.assumeTrue(unavailable == null, unavailable);
        upstream.recorder().clear();
        outside.clear();
        upstream.setStreamSettings(StreamSettings.defaults());
        runDir = ItEnvironment.AGENT_RUNS.resolve(test.getTestMethod().orElseThrow().getName());
        deleteRecursively(runDir);
        workDir = Files.createDirectories(runDir.resolve("work"));
        secret = "note-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        Files.writeString(workDir.resolve("note.txt"), secret + "\n");
    }

    /** Keeps what the agent sent upstream beside its output, for diagnosis; and checks it called no one else. */
    @AfterEach
    void keepUpstreamRequestsAndCheckNothingLeft() throws IOException {
        if (unavailable != null) {
            return;
        }
        String requests = upstream.recorder().requests().stream()
                .map(request -> request.method() + " " + request.path() + "\n" + request.body())
                .collect(Collectors.joining("\n\n"));
        Files.writeString(runDir.resolve("upstream-requests.txt"), requests);
        assertEquals(List.of(), outside.attempts(), "the agent tried to reach a host other than the gateway");
    }

    // ---- Claude Code ----

    @Test
    void claudeCodeNativeAnswersInStreamedPieces() throws Exception {
        AgentRun run = claude.run(runDir, workDir, CLAUDE_MODEL, "Greetings from the agent test", true);

        String result = successfulClaudeResult(run);
        assertTrue(result.startsWith("Echo: ") && result.contains("Greetings from the agent test"), result);
        List<String> deltas = run.events().stream()
                .filter(event -> "stream_event".equals(event.getString("type", "")))
                .map(event -> event.getJsonObject("event"))
                .filter(event -> "content_block_delta".equals(event.getString("type", "")))
                .map(event -> event.getJsonObject("delta"))
                .filter(delta -> "text_delta".equals(delta.getString("type", "")))
                .map(delta -> delta.getString("text"))
                .toList();
        assertTrue(deltas.size() >= 5, "the answer arrived in pieces: " + deltas);
        assertEquals(result, String.join("", deltas));
        List<RecordedRequest> sent = upstream.recorder().requests("/v1/messages");
        assertFalse(sent.isEmpty(), "Claude models go to Copilot's native Messages endpoint");
        assertTrue(sent.stream().allMatch(request -> CLAUDE_MODEL.equals(request.json().getString("model"))), "every request on the model under test");
    }

    @Test
    void claudeCodeNativeReadsAFile() throws Exception {
        AgentRun run = claude.run(runDir, workDir, CLAUDE_MODEL, readDirective(), false);

        assertToolRoundTrip(successfulClaudeResult(run), "/v1/messages");
    }

    @Test
    void claudeCodeOnAChatOnlyGptModelRunsBash() throws Exception {
        AgentRun run = claude.run(runDir, workDir, CHAT_ONLY_MODEL,
                "call tool Bash with {\"command\": \"cat note.txt\", \"description\": \"Show the note\"}", false);

        assertToolRoundTrip(successfulClaudeResult(run), "/chat/completions");
    }

    @Test
    void claudeCodeOnAResponsesOnlyModelReadsAFile() throws Exception {
        AgentRun run = claude.run(runDir, workDir, RESPONSES_ONLY_MODEL, readDirective(), false);

        assertToolRoundTrip(successfulClaudeResult(run), "/responses");
    }

    // ---- Codex CLI ----

    @Test
    void codexOnAResponsesModelRunsAShellCommand() throws Exception {
        AgentRun run = codex.run(runDir, workDir, RESPONSES_ONLY_MODEL, shellDirective());

        assertToolRoundTrip(codexAnswer(run), "/responses");
    }

    @Test
    void codexOnAClaudeModelRunsAShellCommand() throws Exception {
        AgentRun run = codex.run(runDir, workDir, CLAUDE_MODEL, shellDirective());

        assertToolRoundTrip(codexAnswer(run), "/v1/messages");
    }

    @Test
    void codexOnAChatOnlyModelRunsAShellCommand() throws Exception {
        AgentRun run = codex.run(runDir, workDir, CHAT_ONLY_MODEL, shellDirective());

        assertToolRoundTrip(codexAnswer(run), "/chat/completions");
    }

    // ---- helpers ----

    private String readDirective() {
        return "call tool Read with {\"file_path\": \"" + workDir.resolve("note.txt").toAbsolutePath() + "\"}";
    }

    private static String shellDirective() {
        return "call tool " + CODEX_SHELL + " with {\"cmd\": \"cat note.txt\"}";
    }

    /**
     * The tool's output went into a later upstream request on {@code endpoint} (and nowhere else), and the model's
     * answer to it, which quotes it, is the agent's final answer.
     */
    private void assertToolRoundTrip(String answer, String endpoint) {
        List<RecordedRequest> generations = upstream.recorder().matching(request -> request.method().equals("POST")
                && List.of("/v1/messages", "/chat/completions", "/responses").contains(request.path()));
        assertTrue(generations.stream().allMatch(request -> request.path().equals(endpoint)),
                "every turn went to " + endpoint + ": " + generations.stream().map(RecordedRequest::path).toList());
        assertTrue(generations.stream().anyMatch(request -> request.body().contains(secret)),
                "the tool's output reached Copilot in a later request");
        assertTrue(answer.startsWith("Tool said: ") && answer.contains(secret), "the final answer quotes the tool's output: " + answer);
    }

    /** The {@code result} event of a successful print-mode run. */
    private static String successfulClaudeResult(AgentRun run) {
        assertEquals(0, run.exitCode(), run.describe());
        JsonObject result = run.events().stream().filter(event -> "result".equals(event.getString("type", "")))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no result event: " + run.describe()));
        assertEquals("success", result.getString("subtype"), run.describe());
        assertFalse(result.getBoolean("is_error", false), run.describe());
        return result.getString("result");
    }

    /** The text of Codex's last {@code agent_message} item, after checking the turn completed without errors. */
    private static String codexAnswer(AgentRun run) {
        assertEquals(0, run.exitCode(), run.describe());
        List<JsonObject> events = run.events();
        assertTrue(events.stream().noneMatch(event -> List.of("error", "turn.failed").contains(event.getString("type", ""))), run.describe());
        assertTrue(events.stream().anyMatch(event -> "turn.completed".equals(event.getString("type", ""))), run.describe());
        return events.stream()
                .filter(event -> "item.completed".equals(event.getString("type", "")))
                .map(event -> event.getJsonObject("item"))
                .filter(item -> "agent_message".equals(item.getString("type", "")))
                .map(item -> item.getString("text"))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no agent message: " + run.describe()));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path each : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
