package dev.copilotgateway.security;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.GatewaySettingRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The key of the admin JSON API. Configured ({@code admin-api-key}) it is used as given; otherwise one is
 * generated on first start, its hash stored in the database (so every node accepts it) and the key itself
 * written to {@code <data-dir>/admin-api-key}, readable by the gateway's OS user only. It is never logged.
 */
public final class AdminApiKeys {

    static final String HASH_SETTING = "admin-api-key-sha256";
    static final String KEY_FILE = "admin-api-key";

    private static final Logger LOG = Logger.getLogger(AdminApiKeys.class.getName());

    private final String expectedHash;

    private AdminApiKeys(String expectedHash) {
        this.expectedHash = expectedHash;
    }

    /** The configured key, else the stored one, else a newly generated one. */
    public static AdminApiKeys initialise(GatewayConfig config, Database database, Clock clock) {
        if (config.adminApiKey().isPresent()) {
            return new AdminApiKeys(Hashes.sha256Hex(config.adminApiKey().get().reveal()));
        }
        String hash = database.inTransaction(entityManager -> {
            GatewaySettingRepository settings = new GatewaySettingRepository(entityManager);
            Optional<String> stored = settings.find(HASH_SETTING);
            if (stored.isPresent()) {
                return stored.get();
            }
            String generated = ApiKeyFormat.generate();
            writeKeyFile(config.dataDir().resolve(KEY_FILE), generated);
            String generatedHash = Hashes.sha256Hex(generated);
            settings.put(HASH_SETTING, generatedHash, clock.instant());
            return generatedHash;
        });
        return new AdminApiKeys(hash);
    }

    private static void writeKeyFile(Path file, String key) {
        try {
            if (!PrivateFiles.createIfAbsent(file, () -> key)) {
                // A stale file from an earlier database: replace it, its key no longer works.
                Files.delete(file);
                PrivateFiles.createIfAbsent(file, () -> key);
            }
            LOG.info("Generated the admin API key; it is in " + file + " (readable by this OS user only)");
        } catch (IOException unwritable) {
            throw new IllegalStateException("cannot write the generated admin API key to " + file
                    + "; set admin-api-key instead", unwritable);
        }
    }

    public boolean matches(String presentedKey) {
        return presentedKey != null && Hashes.sameHash(Hashes.sha256Hex(presentedKey), expectedHash);
    }
}
