package dev.copilotgateway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One gateway node for the multi-node tests: a Tomcat process of its own (the distribution the build unpacked, with a
 * {@code CATALINA_BASE} per node under {@code target/}) running the WAR, its database the JNDI DataSource
 * {@code java:comp/env/jdbc/copilot-gateway} as production defines it in {@code context.xml}, with the JDBC driver in
 * Tomcat's lib. Started by the test, stopped by {@link #close()} (SIGTERM, then killed if it lingers).
 */
final class GatewayNode implements AutoCloseable {

    static final String CONTEXT = "/copilot-gateway";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Path base;
    private final int port;
    private final Process process;

    private GatewayNode(String name, Path base, int port, Process process) {
        this.name = name;
        this.base = base;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts node {@code name} on free loopback ports with {@code settings} (gateway setting names, without the
     * {@code copilot-gateway.} prefix) and a PostgreSQL DataSource at {@code jdbcUrl}; returns once it is ready
     * ({@code /readyz}), at most two minutes.
     */
    static GatewayNode start(String name, String jdbcUrl, Path postgresDriverJar, Map<String, String> settings) throws Exception {
        Path base = Path.of("target", "two-nodes", name).toAbsolutePath();
        deleteRecursively(base);
        for (String folder : List.of("conf", "lib", "logs", "temp", "work", "webapps", "data")) {
            Files.createDirectories(base.resolve(folder));
        }
        try (Stream<Path> conf = Files.list(ItEnvironment.CATALINA_HOME.resolve("conf"))) {
            for (Path file : conf.filter(Files::isRegularFile).toList()) {
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // The project's own server.xml (its ports from system properties, no AJP) and a context.xml whose Resource is
        // the PostgreSQL DataSource, as README "Several nodes behind a load balancer" shows it.
        Files.copy(Path.of("tomcat-conf", "server.xml"), base.resolve("conf/server.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(base.resolve("conf/context.xml"), contextXml(jdbcUrl));
        Files.copy(postgresDriverJar, base.resolve("lib").resolve(postgresDriverJar.getFileName()));
        Files.copy(ItEnvironment.WAR, base.resolve("webapps/copilot-gateway.war"));

        int port = freePort();
        List<String> javaOptions = new ArrayList<>(List.of(System.getProperty("it.jvmargs", "").trim().split("\\s+")));
        javaOptions.removeIf(String::isEmpty);
        javaOptions.add("-Xmx512m");
        javaOptions.add("-Dcopilot-gateway.port=" + port);
        javaOptions.add("-Dcopilot-gateway.shutdown-port=" + freePort());
        javaOptions.add("-Dcopilot-gateway.data-dir=" + base.resolve("data"));
        settings.forEach((setting, value) -> javaOptions.add("-Dcopilot-gateway." + setting + "=" + value));

        ProcessBuilder tomcat = new ProcessBuilder(ItEnvironment.CATALINA_HOME.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true).redirectOutput(base.resolve("logs/console.out").toFile());
        tomcat.environment().put("CATALINA_HOME", ItEnvironment.CATALINA_HOME.toString());
        tomcat.environment().put("CATALINA_BASE", base.toString());
        tomcat.environment().put("JAVA_HOME", System.getProperty("java.home"));
        tomcat.environment().put("JAVA_OPTS", String.join(" ", javaOptions));
        tomcat.environment().remove("CATALINA_OPTS");
        GatewayNode node = new GatewayNode(name, base, port, tomcat.start());
        node.awaitReady(Duration.ofMinutes(2));
        return node;
    }

    private static String contextXml(String jdbcUrl) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Context>
                  <WatchedResource>WEB-INF/web.xml</WatchedResource>
                  <Resource name="jdbc/copilot-gateway" auth="Container" type="javax.sql.DataSource"
                            driverClassName="org.postgresql.Driver" url="%s"
                            maxTotal="16" maxIdle="4" maxWaitMillis="10000" closeMethod="close" />
                </Context>
                """.formatted(jdbcUrl.replace("&", "&amp;").replace("\"", "&quot;"));
    }

    private void awaitReady(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " ended (exit " + process.exitValue() + "); see " + base.resolve("logs"));
            }
            try {
                if (get("/readyz", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("node " + name + " was not ready within " + limit.toSeconds() + " s; see " + base.resolve("logs"));
    }

    String name() {
        return name;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CONTEXT + path)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = request(path).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    /** A JSON request with {@code Authorization: Bearer <bearer>}; {@code body} null for none. */
    HttpResponse<String> json(String method, String path, String bearer, String body) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: catalina.sh run stops Tomcat through its shutdown hook
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                try {
                    Files.delete(path);
                } catch (IOException stuck) {
                    throw new UncheckedIOException(stuck);
                }
            }
        }
    }
}
