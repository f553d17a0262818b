package dev.copilotgateway.startup;

import dev.copilotgateway.config.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A real {@link Gateway} on an H2 database in {@code dataDir}, with its JAX-RS application in memory: the admin API's
 * resource tests talk to it as an admin (the admin key) or as a client (one client key).
 */
public final class InMemoryGateway implements AutoCloseable {

    private final Gateway gateway;
    private final InMemoryApi api;
    private final String adminKey;

    private InMemoryGateway(Gateway gateway, String adminKey) {
        this.gateway = gateway;
        this.api = new InMemoryApi(new GatewayApplication(gateway));
        this.adminKey = adminKey;
    }

    public static InMemoryGateway start(Path dataDir, String adminKey, String clientKey) {
        return start(dataDir, adminKey, clientKey, Clock.systemUTC());
    }

    /** The same, on {@code clock} (expiry rules tested without waiting). */
    public static InMemoryGateway start(Path dataDir, String adminKey, String clientKey, Clock clock) {
        return new InMemoryGateway(Gateway.start(TestConfigs.withDataDir(dataDir, Map.of("COPILOT_GATEWAY_ADMIN_API_KEY", adminKey,
                "COPILOT_GATEWAY_API_KEYS", clientKey)), clock), adminKey);
    }

    public Gateway gateway() {
        return gateway;
    }

    public InMemoryApi api() {
        return api;
    }

    /** A request with the admin key, with {@code json} as its body unless null. */
    public InMemoryApi.Reply asAdmin(String method, String path, String json) throws Exception {
        InMemoryApi.Request request = api.request(method, path).bearer(adminKey);
        return (json == null ? request : request.json(json)).send();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
