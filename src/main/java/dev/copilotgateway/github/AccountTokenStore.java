package dev.copilotgateway.github;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.Secret;
import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.security.Hashes;
import dev.copilotgateway.security.SecretCipher;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the Copilot token lifecycle reads and records of the stored accounts: the accounts worth a token, an account
 * as an exchange needs it (its GitHub token decrypted, its client identity given on first use), and what an exchange
 * learnt (the account works and whose it is, or it needs a login or has no Copilot). Blocking database work: callers
 * run it on their own executor.
 */
public final class AccountTokenStore {

    /** An account as a Copilot token exchange needs it. */
    public record ExchangeAccount(long id, GitHubHosts hosts, GitHubAccount.AccountType type, String enterpriseHost,
                                  Secret githubToken, String tokenHash, boolean needsActivation, String deviceId, String machineId) {
    }

    /** What {@link #loadForExchange} found: the account, or why there is no exchange for it. */
    public sealed interface Lookup permits Found, Missing, Disabled, Unusable {
    }

    public record Found(ExchangeAccount account) implements Lookup {
    }

    /** No account with this id (or no longer). */
    public record Missing() implements Lookup {
    }

    public record Disabled() implements Lookup {
    }

    /** Stored as {@code NEEDS_LOGIN} or {@code NO_COPILOT}: unusable until its GitHub token changes. */
    public record Unusable(GitHubAccount.Status status, String detail) implements Lookup {
    }

    /** The width of the {@code status_detail} column. */
    static final int MAX_STATUS_DETAIL = 500;

    private final GatewayConfig config;
    private final DatabaseConnector databases;
    private final SecretCipher cipher;

    public AccountTokenStore(GatewayConfig config, DatabaseConnector databases, SecretCipher cipher) {
        this.config = config;
        this.databases = databases;
        this.cipher = cipher;
    }

    /** The ids of the accounts that may work (see {@link AccountService#mayWork}), to get their tokens early. */
    public List<Long> accountsThatMayWork() {
        return databases.require().inTransaction(entityManager -> new AccountRepository(entityManager).findAll().stream()
                .filter(AccountService::mayWork)
                .map(GitHubAccount::getId)
                .toList());
    }

    /** The account for a token exchange; gives it its client identity (device and machine id) on first use. */
    public Lookup loadForExchange(long accountId) {
        return databases.require().inTransaction(entityManager -> {
            GitHubAccount account = new AccountRepository(entityManager).findById(accountId).orElse(null);
            if (account == null) {
                return new Missing();
            }
            if (!account.isEnabled()) {
                return new Disabled();
            }
            if (account.getStatus() == GitHubAccount.Status.NEEDS_LOGIN || account.getStatus() == GitHubAccount.Status.NO_COPILOT) {
                return new Unusable(account.getStatus(), account.getStatusDetail());
            }
            if (!account.hasClientIdentity()) {
                account.assignClientIdentity(UUID.randomUUID().toString(), Hashes.sha256Hex(UUID.randomUUID().toString()));
            }
            return new Found(new ExchangeAccount(accountId, GitHubHosts.of(config, account.getEnterpriseHost()), account.getAccountType(),
                    account.getEnterpriseHost(), new Secret(cipher.decrypt(account.getGithubTokenCiphertext())),
                    account.getGithubTokenHash(), account.getStatus() != GitHubAccount.Status.ACTIVE || account.getLogin() == null,
                    account.getDeviceId(), account.getMachineId()));
        });
    }

    /** Records that the account works and whose it is, unless it got another GitHub token meanwhile. */
    public void markActive(ExchangeAccount exchanged, GitHubUser user, Instant at) {
        databases.require().runInTransaction(entityManager -> new AccountRepository(entityManager).findById(exchanged.id())
                .filter(account -> account.getGithubTokenHash().equals(exchanged.tokenHash()))
                .ifPresent(account -> {
                    account.setLogin(user.login());
                    account.setGithubUserId(user.id());
                    account.setStatus(GitHubAccount.Status.ACTIVE, null, at);
                }));
    }

    /** Records {@code NEEDS_LOGIN} or {@code NO_COPILOT} and why, unless the account got another GitHub token meanwhile. */
    public void recordUnusable(ExchangeAccount exchanged, GitHubAccount.Status status, String detail, Instant at) {
        databases.require().runInTransaction(entityManager -> new AccountRepository(entityManager).findById(exchanged.id())
                .filter(account -> account.getGithubTokenHash().equals(exchanged.tokenHash()))
                .ifPresent(account -> account.setStatus(status, truncate(detail), at)));
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_STATUS_DETAIL ? detail : detail.substring(0, MAX_STATUS_DETAIL - 1) + "…";
    }
}
