package dev.copilotgateway.startup;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.Secret;
import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.ApiKeyRepository;
import dev.copilotgateway.persistence.ClientApiKey;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.security.ApiKeyFormat;
import dev.copilotgateway.security.Hashes;
import dev.copilotgateway.security.SecretCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Makes the database agree with the bootstrap settings at every start: the {@code github-token} account
 * (created, or updated when the token changed, never duplicated) and the {@code api-keys} client keys
 * (created; keys that left the setting are revoked). Logs name accounts by id and keys by visible prefix only.
 */
public final class BootstrapImport {

    private static final Logger LOG = Logger.getLogger(BootstrapImport.class.getName());

    private final SecretCipher cipher;
    private final Clock clock;

    public BootstrapImport(SecretCipher cipher, Clock clock) {
        this.cipher = cipher;
        this.clock = clock;
    }

    public void run(GatewayConfig config, Database database) {
        database.runInTransaction(entityManager -> {
            config.githubToken().ifPresent(token -> importAccount(new AccountRepository(entityManager), token));
            importApiKeys(new ApiKeyRepository(entityManager), config.apiKeys());
        });
    }

    private void importAccount(AccountRepository accounts, Secret token) {
        Instant now = clock.instant();
        String hash = Hashes.sha256Hex(token.reveal());
        Optional<GitHubAccount> sameToken = accounts.findByTokenHash(hash);
        if (sameToken.isPresent()) {
            return; // already there, whether bootstrapped earlier or added through the admin API
        }
        List<GitHubAccount> bootstrapped = accounts.findByOrigin(GitHubAccount.Origin.BOOTSTRAP);
        if (bootstrapped.isEmpty()) {
            GitHubAccount account = accounts.add(new GitHubAccount(GitHubAccount.Origin.BOOTSTRAP, cipher.encrypt(token.reveal()), hash, now));
            LOG.info("Bootstrap account #" + account.getId() + " created from the github-token setting");
        } else {
            GitHubAccount account = bootstrapped.get(0);
            account.replaceToken(cipher.encrypt(token.reveal()), hash, now);
            LOG.info("Bootstrap account #" + account.getId() + " updated: the github-token setting holds a new token");
        }
    }

    private void importApiKeys(ApiKeyRepository keys, List<Secret> configured) {
        Instant now = clock.instant();
        Set<String> configuredHashes = configured.stream().map(key -> Hashes.sha256Hex(key.reveal())).collect(Collectors.toSet());
        for (Secret key : configured) {
            String value = key.reveal();
            String prefix = ApiKeyFormat.visiblePrefix(value);
            Optional<ClientApiKey> existing = keys.findByHash(Hashes.sha256Hex(value));
            if (existing.isEmpty()) {
                keys.add(new ClientApiKey("bootstrap " + prefix + "…", prefix, Hashes.sha256Hex(value), ClientApiKey.Origin.BOOTSTRAP, now));
                LOG.info("Client API key " + prefix + "… created from the api-keys setting");
            } else if (existing.get().getRevokedAt() != null) {
                LOG.warning("Client API key " + prefix + "… from the api-keys setting was revoked; it stays revoked (remove it from the setting)");
            }
            if (value.length() < ApiKeyFormat.RECOMMENDED_MIN_LENGTH) {
                LOG.warning("Client API key " + prefix + "… is shorter than " + ApiKeyFormat.RECOMMENDED_MIN_LENGTH + " characters; use long random keys");
            }
        }
        for (ClientApiKey key : keys.findByOrigin(ClientApiKey.Origin.BOOTSTRAP)) {
            if (key.getRevokedAt() == null && !configuredHashes.contains(key.getKeyHash())) {
                key.revoke(now);
                LOG.info("Client API key " + key.getKeyPrefix() + "… revoked: it is no longer in the api-keys setting");
            }
        }
    }
}
