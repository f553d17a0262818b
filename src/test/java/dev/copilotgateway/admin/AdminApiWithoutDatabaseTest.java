package dev.copilotgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.copilotgateway.api.ApiExceptionMapper;
import dev.copilotgateway.api.DatabaseUnavailableMapper;
import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.github.AccountTokenStore;
import dev.copilotgateway.github.DeviceFlowService;
import dev.copilotgateway.github.EditorIdentity;
import dev.copilotgateway.github.GitHubClient;
import dev.copilotgateway.github.GitHubTestClients;
import dev.copilotgateway.metrics.GatewayMeters;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.pool.AccountPool;
import dev.copilotgateway.pool.AdmissionLimits;
import dev.copilotgateway.pool.ModelAvailability;
import dev.copilotgateway.pool.PoolSettingsService;
import dev.copilotgateway.pool.PoolSettingsStore;
import dev.copilotgateway.pool.PoolState;
import dev.copilotgateway.protocol.openai.OpenAiError;
import dev.copilotgateway.security.AdminApiKeys;
import dev.copilotgateway.security.ConsoleSessionService;
import dev.copilotgateway.security.SecretCipher;
import dev.copilotgateway.upstream.CopilotTokenService;
import dev.copilotgateway.upstream.RefreshTiming;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/** The accounts admin API while the database is down (after the admin key was known): 503 in OpenAI's shape. */
class AdminApiWithoutDatabaseTest {

    private static final String ADMIN_KEY = "admin-key-without-database-0123456";

    @Test
    void everyAccountCallIs503WithTheReason() throws Exception {
        GatewayConfig config = TestConfigs.fromEnvironment(Map.of("COPILOT_GATEWAY_ADMIN_API_KEY", ADMIN_KEY,
                "COPILOT_GATEWAY_GITHUB_URL", "http://127.0.0.1:9", "COPILOT_GATEWAY_GITHUB_API_URL", "http://127.0.0.1:9"));
        AdminApiKeys keys = AdminApiKeys.initialise(config, null, Clock.systemUTC()); // a configured key needs no database
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        SecretCipher cipher = new SecretCipher(new SecretKeySpec(new byte[32], "AES"));
        try (DatabaseConnector down = new DatabaseConnector(() -> {
            throw new IllegalStateException("Connection refused");
        }, database -> { })) {
            down.connect();
            GitHubClient github = GitHubTestClients.create(EditorIdentity.from(config));
            CopilotTokenService tokens = new CopilotTokenService(config, github, new AccountTokenStore(config, down, cipher), scheduler, Clock.systemUTC(),
                    RefreshTiming.standard(), new Random(), GatewayMeters.detached());
            AccountService accounts = new AccountService(config, github, down, cipher, tokens, scheduler, Clock.systemUTC());
            DeviceFlowService flows = new DeviceFlowService(config, github, accounts, down, scheduler, Clock.systemUTC(),
                    DeviceFlowService.Timing.standard());
            PoolSettingsStore poolSettings = new PoolSettingsStore(down, Clock.systemUTC());
            PoolState poolState = PoolState.fromDatabase(accounts, poolSettings);
            AccountPool pool = new AccountPool(poolState, ModelAvailability.ANY, Clock.systemUTC(), new Random(), AdmissionLimits.NONE);
            ApplicationHandler handler = new ApplicationHandler(new ResourceConfig()
                    .register(new AbstractBinder() {
                        @Override
                        protected void configure() {
                            bind((AdminAuthFilter.AdminKeySource) () -> Optional.of(keys)).to(AdminAuthFilter.AdminKeySource.class);
                            bind(new ConsoleSessionService(down::database, Clock.systemUTC(), Duration.ofMinutes(30), Duration.ofHours(12)))
                                    .to(ConsoleSessionService.class);
                            bind(accounts).to(AccountService.class);
                            bind(tokens).to(CopilotTokenService.class);
                            bind(flows).to(DeviceFlowService.class);
                            bind(pool).to(AccountPool.class);
                            bind(poolState).to(PoolState.class);
                            bind(new PoolSettingsService(poolSettings, poolState)).to(PoolSettingsService.class);
                        }
                    })
                    .register(AccountsResource.class).register(PoolResource.class).register(DeviceFlowResource.class).register(AdminAuthFilter.class)
                    .register(ApiExceptionMapper.class).register(DatabaseUnavailableMapper.class));

            for (String[] call : new String[][] {{"GET", "/admin/api/accounts", null}, {"GET", "/admin/api/accounts/1", null},
                {"DELETE", "/admin/api/accounts/1", null}, {"POST", "/admin/api/accounts", "{\"githubToken\":\"ghu_x\"}"},
                {"PATCH", "/admin/api/accounts/1", "{\"enabled\":false}"}, {"GET", "/admin/api/pool", null},
                {"PUT", "/admin/api/pool", "{\"strategy\":\"priority\"}"},
                {"POST", "/admin/api/accounts/device-flow", "{}"}}) {
                ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost" + call[1]),
                        call[0], null, new MapPropertiesDelegate(), handler.getConfiguration());
                request.header("Authorization", "Bearer " + ADMIN_KEY);
                if (call[2] != null) {
                    request.header("Content-Type", "application/json");
                    request.setEntityStream(new ByteArrayInputStream(call[2].getBytes(StandardCharsets.UTF_8)));
                }
                ContainerResponse response = handler.apply(request).get(10, TimeUnit.SECONDS);

                assertEquals(503, response.getStatus(), call[0] + " " + call[1]);
                OpenAiError.Detail error = assertInstanceOf(OpenAiError.class, response.getEntity()).error();
                assertEquals("Service unavailable: the database is unavailable (see the gateway log); see /readyz", error.message());
                assertEquals("service_unavailable", error.code());
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
