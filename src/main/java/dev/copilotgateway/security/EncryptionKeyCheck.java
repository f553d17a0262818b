package dev.copilotgateway.security;

import dev.copilotgateway.config.InvalidSettingException;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.GatewaySettingRepository;
import java.time.Clock;
import java.util.Optional;

/**
 * Stores a known value encrypted with the first key used on a database, and on every start checks that the
 * current key still decrypts it. A changed key is caught at start-up, in one clear line, instead of as
 * mysterious failures on the first token refresh.
 */
public final class EncryptionKeyCheck {

    static final String CHECK_SETTING = "encryption-key-check";
    private static final String KNOWN_VALUE = "copilot-gateway encryption key check";

    private EncryptionKeyCheck() {
    }

    public static void verify(Database database, SecretCipher cipher, Clock clock) {
        database.runInTransaction(entityManager -> {
            GatewaySettingRepository settings = new GatewaySettingRepository(entityManager);
            Optional<String> stored = settings.find(CHECK_SETTING);
            if (stored.isEmpty()) {
                settings.put(CHECK_SETTING, cipher.encrypt(KNOWN_VALUE), clock.instant());
                return;
            }
            boolean matches;
            try {
                matches = KNOWN_VALUE.equals(cipher.decrypt(stored.get()));
            } catch (SecretCipher.SecretDecryptionException wrongKey) {
                matches = false;
            }
            if (!matches) {
                throw new InvalidSettingException("encryption-key", "setting or <data-dir>/encryption.key",
                        "is not the key that encrypted the secrets already stored in this database");
            }
        });
    }
}
