package dev.copilotgateway.github;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.config.Secret;
import dev.copilotgateway.persistence.AccountRepository;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.security.Hashes;
import dev.copilotgateway.security.SecretCipher;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.RollbackException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * The pooled GitHub accounts: added after GitHub confirmed whose token it is (by device flow or by token), listed,
 * removed. One GitHub user (per Enterprise host) is one account: a new login replaces the token of the account it
 * already has. Tokens are stored encrypted; logs name accounts by id and login only.
 */
public final class AccountService {

    /** The outcome of storing a login: the account, and whether it is new (else its token was replaced). */
    public record Registration(GitHubAccount account, boolean created) {
    }

    /** An account the pool may use, in the order it should be preferred. */
    public record UsableAccount(long id, String login, int priority, int weight) {
    }

    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());

    private final GatewayConfig config;
    private final GitHubClient github;
    private final DatabaseConnector databases;
    private final SecretCipher cipher;
    private final AccountListener listener;
    private final Executor databaseWork;
    private final Clock clock;

    /**
     * @param databaseWork where blocking database work runs after an asynchronous GitHub call (never GitHub's I/O threads)
     */
    public AccountService(GatewayConfig config, GitHubClient github, DatabaseConnector databases, SecretCipher cipher,
                          AccountListener listener, Executor databaseWork, Clock clock) {
        this.config = config;
        this.github = github;
        this.databases = databases;
        this.cipher = cipher;
        this.listener = listener;
        this.databaseWork = databaseWork;
        this.clock = clock;
    }

    /**
     * Adds an account by GitHub token: asks GitHub whose it is first ({@code /user}), so a dead token is refused
     * ({@link GitHubException.Problem#TOKEN_REJECTED}) and a known user's account gets the new token.
     */
    public CompletableFuture<Registration> addByToken(Secret githubToken, AccountOptions options) {
        databases.require();
        GitHubHosts hosts = GitHubHosts.of(config, options.enterpriseHost().orElse(null));
        return github.user(hosts, githubToken)
                .thenApplyAsync(user -> register(GitHubAccount.Origin.ADMIN_API, githubToken, user, options), databaseWork);
    }

    /**
     * Runs {@code work} again when a concurrent update of the same account (the token service marking it active,
     * say) wins the optimistic lock: each attempt is a new transaction that re-reads the row, so repeating is right.
     */
    private static <T> T retryingConflicts(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (OptimisticLockException | RollbackException conflict) {
                boolean lockConflict = conflict instanceof OptimisticLockException || conflict.getCause() instanceof OptimisticLockException;
                if (!lockConflict || attempt == 3) {
                    throw conflict;
                }
            }
        }
    }

    /** Stores a verified login: a new account, or the new token of the account this GitHub user already has. */
    public Registration register(GitHubAccount.Origin origin, Secret githubToken, GitHubUser user, AccountOptions options) {
        Instant now = clock.instant();
        String enterpriseHost = options.enterpriseHost().orElse(null);
        String hash = Hashes.sha256Hex(githubToken.reveal());
        String ciphertext = cipher.encrypt(githubToken.reveal());
        Registration registration = retryingConflicts(() -> databases.require().inTransaction(entityManager -> {
            AccountRepository accounts = new AccountRepository(entityManager);
            // The same token may already be here without a known user (a bootstrap account not yet verified).
            Optional<GitHubAccount> existing = accounts.findByGitHubUser(user.id(), enterpriseHost)
                    .or(() -> accounts.findByTokenHash(hash));
            GitHubAccount account;
            if (existing.isPresent()) {
                account = existing.get();
                account.replaceToken(ciphertext, hash, now);
            } else {
                account = accounts.add(new GitHubAccount(origin, ciphertext, hash, now));
                account.setEnterpriseHost(enterpriseHost);
            }
            account.setLogin(user.login());
            account.setGithubUserId(user.id());
            options.accountType().ifPresent(account::setAccountType);
            options.priority().ifPresent(account::setPriority);
            entityManager.flush();
            return new Registration(account, existing.isEmpty());
        }));
        long id = registration.account().getId();
        LOG.info((registration.created() ? "Account #" + id + " added" : "Account #" + id + " has a new GitHub token")
                + " for GitHub user " + user.login() + " (" + origin + ")");
        listener.credentialsChanged(id);
        return registration;
    }

    /** Every account, by priority then id. */
    public List<GitHubAccount> list() {
        return databases.require().inTransaction(entityManager -> new AccountRepository(entityManager).findAll());
    }

    public Optional<GitHubAccount> find(long id) {
        return databases.require().inTransaction(entityManager -> new AccountRepository(entityManager).findById(id));
    }

    /**
     * The accounts requests may be routed to, preferred first: enabled, and not known to be unusable (a dead GitHub
     * token or no Copilot seat). Whether a Copilot token can be had right now is {@code CopilotTokens}' answer.
     */
    public List<UsableAccount> usableAccounts() {
        return list().stream()
                .filter(AccountService::mayWork)
                .map(account -> new UsableAccount(account.getId(), account.getLogin(), account.getPriority(), account.getWeight()))
                .toList();
    }

    /** Enabled, and not known to be unusable: never verified yet ({@code PENDING}) or working ({@code ACTIVE}). */
    static boolean mayWork(GitHubAccount account) {
        return account.isEnabled()
                && (account.getStatus() == GitHubAccount.Status.PENDING || account.getStatus() == GitHubAccount.Status.ACTIVE);
    }

    /**
     * What an operator may change of an account at runtime; empty means "leave as it is". The limits are what every
     * caller (the admin API, the console) checks before it asks for a change.
     *
     * @param priority {@code -MAX_PRIORITY}..{@code MAX_PRIORITY}, lower is preferred
     * @param weight   1..{@code MAX_WEIGHT}
     * @param name     a label of at most {@code MAX_NAME} characters; blank removes it
     */
    public record AccountChanges(Optional<Boolean> enabled, Optional<Integer> priority, Optional<Integer> weight, Optional<String> name) {

        public static final int MAX_PRIORITY = 1_000_000;
        public static final int MAX_WEIGHT = 100;
        public static final int MAX_NAME = 100;
    }

    /** Applies {@code changes} to the account; empty when there is no such account. */
    public Optional<GitHubAccount> update(long id, AccountChanges changes) {
        Instant now = clock.instant();
        Optional<GitHubAccount> updated = retryingConflicts(() -> databases.require().inTransaction(entityManager -> {
            Optional<GitHubAccount> found = new AccountRepository(entityManager).findById(id);
            found.ifPresent(account -> {
                changes.enabled().ifPresent(account::setEnabled);
                changes.priority().ifPresent(account::setPriority);
                changes.weight().ifPresent(account::setWeight);
                changes.name().ifPresent(name -> account.setName(name.isBlank() ? null : name.strip()));
                account.touch(now);
                entityManager.flush();
            });
            return found;
        }));
        updated.ifPresent(account -> {
            LOG.info("Account #" + id + " changed: enabled=" + account.isEnabled() + ", priority=" + account.getPriority()
                    + ", weight=" + account.getWeight());
            listener.settingsChanged(id, account.isEnabled());
        });
        return updated;
    }

    /** Removes the account (client keys bound to it go with it); false if there is none with this id. */
    public boolean delete(long id) {
        boolean removed = retryingConflicts(() -> databases.require().inTransaction(entityManager -> {
            AccountRepository accounts = new AccountRepository(entityManager);
            Optional<GitHubAccount> account = accounts.findById(id);
            account.ifPresent(accounts::remove);
            return account.isPresent();
        }));
        if (removed) {
            LOG.info("Account #" + id + " removed");
            listener.removed(id);
        }
        return removed;
    }

    /** The account's Copilot plan and quotas, asked of GitHub now. Empty when there is no such account. */
    public Optional<CompletableFuture<CopilotUsage>> usage(long id) {
        return find(id).map(account -> github.copilotUsage(GitHubHosts.of(config, account.getEnterpriseHost()),
                new Secret(cipher.decrypt(account.getGithubTokenCiphertext()))));
    }
}
