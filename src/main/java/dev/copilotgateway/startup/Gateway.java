package dev.copilotgateway.startup;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.InvalidSettingException;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.GatewayDataSource;
import dev.copilotgateway.security.AdminApiKeys;
import dev.copilotgateway.security.ApiKeyService;
import dev.copilotgateway.security.EncryptionKeyCheck;
import dev.copilotgateway.security.EncryptionKeys;
import dev.copilotgateway.security.SecretCipher;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The composition root: builds the gateway's services from its configuration, once, at start-up, and
 * closes them at shutdown. Everything the JAX-RS resources use is handed to them from here.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    private final GatewayConfig config;
    private final Clock clock;
    private final DatabaseConnector databaseConnector;
    private final ExecutorService keyUseWrites;
    private final ApiKeyService apiKeys;
    private volatile AdminApiKeys adminApiKeys;

    private Gateway(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        createDataDir(config);
        SecretCipher cipher = new SecretCipher(EncryptionKeys.load(config));
        BootstrapImport bootstrap = new BootstrapImport(cipher, clock);
        this.databaseConnector = new DatabaseConnector(() -> GatewayDataSource.resolve(config.dataDir()), database -> {
            EncryptionKeyCheck.verify(database, cipher, clock);
            bootstrap.run(config, database);
            adminApiKeys = AdminApiKeys.initialise(config, database, clock);
        });
        this.keyUseWrites = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "copilot-gateway-key-last-used");
            thread.setDaemon(true);
            return thread;
        });
        this.apiKeys = new ApiKeyService(databaseConnector::database, clock, keyUseWrites);
        if (config.allowAnonymous()) {
            LOG.warning("allow-anonymous is on: requests without an API key use the public API, and so your Copilot seats");
        }
    }

    /** Builds the gateway and opens its database (retried in the background while unavailable). */
    public static Gateway start(GatewayConfig config, Clock clock) {
        Gateway gateway = new Gateway(config, clock);
        gateway.databaseConnector.connect();
        return gateway;
    }

    private static void createDataDir(GatewayConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException | SecurityException unusable) {
            throw new InvalidSettingException("data-dir", "folder " + config.dataDir(),
                    "cannot be created (" + unusable.getClass().getSimpleName() + ")");
        }
    }

    public GatewayConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public DatabaseConnector databaseConnector() {
        return databaseConnector;
    }

    public ApiKeyService apiKeys() {
        return apiKeys;
    }

    /** Present once the database is open. */
    public Optional<AdminApiKeys> adminApiKeys() {
        return Optional.ofNullable(adminApiKeys);
    }

    @Override
    public void close() {
        keyUseWrites.shutdown();
        try {
            keyUseWrites.awaitTermination(2, TimeUnit.SECONDS); // let queued last-use writes reach the database
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            databaseConnector.close();
        }
    }
}
