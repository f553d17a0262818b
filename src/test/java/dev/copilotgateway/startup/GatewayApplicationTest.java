package dev.copilotgateway.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.api.HealthResource;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.pool.PoolSettings;
import dev.copilotgateway.pool.PoolState;
import dev.copilotgateway.protocol.openai.OpenAiError;
import jakarta.ws.rs.client.Client;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JAX-RS application in memory (no container), on a real {@link Gateway} with zero configuration:
 * no JNDI here, so this is also the embedded-H2 fallback end to end.
 */
class GatewayApplicationTest {

    @TempDir
    Path dataDir;

    private static ContainerResponse get(ApplicationHandler handler, String path) throws Exception {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost" + path),
                "GET", null, new MapPropertiesDelegate(), handler.getConfiguration());
        return handler.apply(request).get();
    }

    @Test
    void zeroConfigurationGatewayServesHealthOnTheEmbeddedDatabase() throws Exception {
        try (Gateway gateway = Gateway.start(TestConfigs.withDataDir(dataDir, Map.of()), Clock.systemUTC())) {
            ApplicationHandler handler = new ApplicationHandler(new GatewayApplication(gateway));

            ContainerResponse health = get(handler, "/healthz");
            assertEquals(200, health.getStatus());
            assertEquals(new HealthResource.Health("ok", null, null), health.getEntity());

            ContainerResponse ready = get(handler, "/readyz");
            assertEquals(503, ready.getStatus(), "the database is ready, but there is no account to serve with");
            HealthResource.Health notReady = (HealthResource.Health) ready.getEntity();
            assertEquals(HealthResource.NO_USABLE_ACCOUNT, notReady.status());
            assertEquals(TestDatabases.latestSchemaVersion(), notReady.schemaVersion());

            ContainerResponse unknown = get(handler, "/v1/unknown");
            assertEquals(404, unknown.getStatus());
            assertTrue(unknown.getEntity() instanceof OpenAiError, "JSON error, not an empty 404");

            assertTrue(Files.exists(dataDir.resolve("copilot-gateway.mv.db")), "embedded H2 file in the data folder");
            assertTrue(Files.exists(dataDir.resolve("encryption.key")));
            assertTrue(Files.exists(dataDir.resolve("admin-api-key")));
            assertTrue(gateway.adminApiKeys().orElseThrow().matches(Files.readString(dataDir.resolve("admin-api-key")).strip()));
        }
    }

    @Test
    void theUpstreamClientsThreadsStopWithTheGateway() {
        try (Gateway gateway = Gateway.start(TestConfigs.withDataDir(dataDir, Map.of()), Clock.systemUTC())) {
            assertSame(gateway.upstreamTransport(), gateway.upstreamTransport(), "built once");
            assertTrue(upstreamThreads() > 0, "Jetty's client runs on the gateway's named pool");
        }
        assertEquals(0, upstreamThreads(), "undeploying leaves none behind");
    }

    private static long upstreamThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("copilot-gateway-upstream")).count();
    }

    @Test
    void oneGitHubRestClientWithTheConnectTimeoutIsClosedWithTheGateway() {
        Client github;
        try (Gateway gateway = Gateway.start(TestConfigs.withDataDir(dataDir, Map.of("COPILOT_GATEWAY_CONNECT_TIMEOUT", "7s")), Clock.systemUTC())) {
            github = gateway.githubRestClient();

            assertEquals(7000, github.getConfiguration().getProperty(ClientProperties.CONNECT_TIMEOUT));
            assertSame(github, gateway.githubRestClient(), "built once");
            github.target("http://127.0.0.1:1/").request(); // usable while the gateway runs
        }
        assertThrows(IllegalStateException.class, () -> github.target("http://127.0.0.1:1/"), "closed at shutdown");
    }

    @Test
    void readinessIs503WithAReasonWhileTheDatabaseIsDown() throws Exception {
        try (DatabaseConnector down = new DatabaseConnector(() -> {
            throw new IllegalStateException("Connection refused");
        }, database -> { })) {
            down.connect();
            ApplicationHandler handler = new ApplicationHandler(new ResourceConfig()
                    .register(new AbstractBinder() {
                        @Override
                        protected void configure() {
                            bind(down).to(DatabaseConnector.class);
                            bind(new PoolState(() -> new PoolState.Snapshot(List.of(), PoolSettings.DEFAULT))).to(PoolState.class);
                        }
                    })
                    .register(HealthResource.class));

            assertEquals(200, get(handler, "/healthz").getStatus(), "alive even without a database");
            ContainerResponse ready = get(handler, "/readyz");
            assertEquals(503, ready.getStatus());
            assertEquals(new HealthResource.Health(HealthResource.DATABASE_UNAVAILABLE, "the database is unavailable (see the gateway log)", null),
                    ready.getEntity());
        }
    }
}
