package dev.copilotgateway.startup;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.InvalidSettingException;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.GatewayDataSource;
import dev.copilotgateway.security.AdminApiKeys;
import dev.copilotgateway.security.EncryptionKeyCheck;
import dev.copilotgateway.security.EncryptionKeys;
import dev.copilotgateway.security.SecretCipher;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/**
 * The composition root: builds the gateway's services from its configuration, once, at start-up, and
 * closes them at shutdown. Everything the JAX-RS resources use is handed to them from here.
 */
public final class Gateway implements AutoCloseable {

    private final GatewayConfig config;
    private final DatabaseConnector databaseConnector;
    private volatile AdminApiKeys adminApiKeys;

    private Gateway(GatewayConfig config, Clock clock) {
        this.config = config;
        createDataDir(config);
        SecretCipher cipher = new SecretCipher(EncryptionKeys.load(config));
        BootstrapImport bootstrap = new BootstrapImport(cipher, clock);
        this.databaseConnector = new DatabaseConnector(() -> GatewayDataSource.resolve(config.dataDir()), database -> {
            EncryptionKeyCheck.verify(database, cipher, clock);
            bootstrap.run(config, database);
            adminApiKeys = AdminApiKeys.initialise(config, database, clock);
        });
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

    public DatabaseConnector databaseConnector() {
        return databaseConnector;
    }

    /** Present once the database is open. */
    public Optional<AdminApiKeys> adminApiKeys() {
        return Optional.ofNullable(adminApiKeys);
    }

    @Override
    public void close() {
        databaseConnector.close();
    }
}
