package dev.copilotgateway.security;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.InvalidSettingException;
import dev.copilotgateway.config.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES key for secrets at rest: the {@code encryption-key} setting, else {@code <data-dir>/encryption.key},
 * generated on first start. Losing that file makes stored GitHub tokens unreadable, so the log says where it is.
 */
public final class EncryptionKeys {

    static final String KEY_FILE = "encryption.key";

    private static final Logger LOG = Logger.getLogger(EncryptionKeys.class.getName());

    private EncryptionKeys() {
    }

    public static SecretKey load(GatewayConfig config) {
        if (config.encryptionKey().isPresent()) {
            return aesKey(config.encryptionKey().get().reveal());
        }
        Path file = config.dataDir().resolve(KEY_FILE);
        try {
            boolean created = PrivateFiles.createIfAbsent(file, () -> {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                return Base64.getEncoder().encodeToString(key);
            });
            if (created) {
                LOG.info("Generated the encryption key for secrets at rest in " + file
                        + "; back it up, or set encryption-key (stored GitHub tokens cannot be read without it)");
            }
            return aesKey(PrivateFiles.read(file));
        } catch (IOException | IllegalArgumentException unusable) {
            throw new InvalidSettingException("encryption-key", "key file " + file,
                    "cannot be read or is not a base64 AES key (" + unusable.getClass().getSimpleName() + ")");
        }
    }

    static SecretKey aesKey(String base64) {
        String text = base64.strip();
        byte[] bytes = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(text)
                : Base64.getDecoder().decode(text);
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** For tests and tools: a cipher for a known key. */
    public static SecretCipher cipherFor(Secret base64Key) {
        return new SecretCipher(aesKey(base64Key.reveal()));
    }
}
