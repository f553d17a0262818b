package dev.copilotgateway.it;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import java.io.StringReader;
import jakarta.json.JsonObject;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What the pom tells the integration tests (failsafe systemPropertyVariables): ports, folders, test secrets. */
final class ItEnvironment {

    static final Path WAR = Path.of(required("it.war"));
    static final Path DATA_DIR = Path.of(required("it.data.dir"));
    static final Path CATALINA_HOME = Path.of(required("it.catalina.home"));
    static final int HTTP_PORT = Integer.parseInt(required("it.http.port"));
    /** The loopback port the gateway in Tomcat is configured to find its (fake) GitHub and Copilot hosts on. */
    static final int UPSTREAM_PORT = Integer.parseInt(required("it.upstream.port"));
    /** The AJP connector the build adds to the tests' Tomcat (pom: it-tomcat-conf), and its secret. */
    static final int AJP_PORT = Integer.parseInt(required("it.ajp.port"));
    static final String AJP_SECRET = "it-ajp-secret-0123456789";
    static final String GITHUB_TOKEN = required("it.github.token");
    /**
     * Who the fake GitHub says owns {@link #GITHUB_TOKEN}. The same for every test class: they share the Tomcat's data
     * folder, so the account the first class registers is the one the next class finds.
     */
    static final long GITHUB_USER_ID = 4711;
    static final String GITHUB_LOGIN = "it-bootstrap";
    static final List<String> API_KEYS = Arrays.asList(required("it.api.keys").split(","));
    /** The pinned coding agents the build installed (src/test/agents/install.sh), and where their runs are kept. */
    static final Path CLAUDE_CODE = Path.of(required("it.agents.claude"));
    static final Path CODEX = Path.of(required("it.agents.codex"));
    /** Written by the install step instead of installing when Node.js is missing; says why. */
    static final Path AGENTS_UNAVAILABLE = Path.of(required("it.agents.unavailable"));
    static final Path AGENT_RUNS = Path.of(required("it.agents.dir"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ItEnvironment() {
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the integration tests through Maven (mvn verify)");
        }
        return value;
    }

    /** GET {@code http://127.0.0.1:<port>/<contextPath><path>}. */
    static HttpResponse<String> get(String contextPath, String path) throws Exception {
        return send(request(contextPath, path).GET());
    }

    /** A request to {@code http://127.0.0.1:<port>/<contextPath><path>}, to complete and {@link #send}. */
    static HttpRequest.Builder request(String contextPath, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + contextPath + path)).timeout(Duration.ofSeconds(10));
    }

    /** GET with {@code Authorization: Bearer <bearer>}. */
    static HttpResponse<String> get(String contextPath, String path, String bearer) throws Exception {
        return send(request(contextPath, path).header("Authorization", "Bearer " + bearer).GET());
    }

    /** Deletes every console user (test classes share the Tomcat's database; setup is offered again with none). */
    static void deleteConsoleUsers(String contextPath, String adminKey) throws Exception {
        JsonObject users = Json.createReader(new StringReader(get(contextPath, "/admin/api/console-users", adminKey).body())).readObject();
        for (JsonObject user : users.getJsonArray("data").getValuesAs(JsonObject.class)) {
            send(request(contextPath, "/admin/api/console-users/" + user.getJsonNumber("id")).header("Authorization", "Bearer " + adminKey).DELETE());
        }
    }

    /**
     * The fake upstream on the port the gateway is configured with, knowing the bootstrap account's GitHub user; then
     * waits until the gateway at {@code contextPath} serves (see {@link #awaitServing}).
     */
    static FakeCopilotUpstream startUpstream(String contextPath) throws Exception {
        FakeCopilotUpstream upstream = newUpstream().start(UPSTREAM_PORT);
        upstream.addGitHubUser(GITHUB_TOKEN, GITHUB_USER_ID, GITHUB_LOGIN);
        awaitServing(contextPath);
        return upstream;
    }

    /**
     * A fake upstream as the gateway under test expects it: with HTTP/2 (h2c), which the gateway speaks by default
     * ({@code upstream-http-version=2}) to an http:// base URL; its GitHub calls use HTTP/1.1 on the same port.
     */
    static FakeCopilotUpstream newUpstream() {
        return new FakeCopilotUpstream().withHttp2();
    }

    /** The admin API key the gateway generated into its data folder. */
    static String adminKey() throws IOException {
        return Files.readString(DATA_DIR.resolve("admin-api-key")).strip();
    }

    /**
     * Waits (at most 30 s) until the deployed gateway serves its model list: it was deployed before the test class
     * started the fake upstream, so its first Copilot token exchange failed and is retried after a back-off.
     */
    static void awaitServing(String contextPath) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            status = get(contextPath, "/v1/models", API_KEYS.get(0)).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("the gateway did not serve /v1/models within 30 s (last status " + status + ")");
    }

    /**
     * Waits (at most 15 s) until no account is cooling down: a test that makes the upstream answer 429 puts the
     * account in cooldown for the Retry-After, and the next test must find it serving again.
     */
    static void awaitNoCooldown(String contextPath) throws Exception {
        String adminKey = adminKey();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String accounts;
        do {
            accounts = get(contextPath, "/admin/api/accounts", adminKey).body();
            if (!accounts.matches("(?s).*\"cooldownUntil\":\"[^\"]+\".*")) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("an account is still cooling down: " + accounts);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
