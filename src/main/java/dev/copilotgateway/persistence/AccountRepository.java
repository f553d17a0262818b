package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/** Queries and stores GitHub accounts within the caller's transaction. */
public final class AccountRepository {

    private final EntityManager entityManager;

    public AccountRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<GitHubAccount> find(long id) {
        return Optional.ofNullable(entityManager.find(GitHubAccount.class, id));
    }

    public Optional<GitHubAccount> findByTokenHash(String tokenHash) {
        return entityManager.createQuery("select a from GitHubAccount a where a.githubTokenHash = :hash", GitHubAccount.class)
                .setParameter("hash", tokenHash)
                .getResultStream()
                .findFirst();
    }

    public List<GitHubAccount> findByOrigin(GitHubAccount.Origin origin) {
        return entityManager.createQuery("select a from GitHubAccount a where a.origin = :origin order by a.id", GitHubAccount.class)
                .setParameter("origin", origin)
                .getResultList();
    }

    public List<GitHubAccount> findAll() {
        return entityManager.createQuery("select a from GitHubAccount a order by a.priority, a.id", GitHubAccount.class)
                .getResultList();
    }

    public Optional<GitHubAccount> findById(long id) {
        return Optional.ofNullable(entityManager.find(GitHubAccount.class, id));
    }

    /** The account of a GitHub user on github.com ({@code enterpriseHost} null) or on an Enterprise host. */
    public Optional<GitHubAccount> findByGitHubUser(long githubUserId, String enterpriseHost) {
        String hostCondition = enterpriseHost == null ? "a.enterpriseHost is null" : "a.enterpriseHost = :host";
        TypedQuery<GitHubAccount> query = entityManager.createQuery("select a from GitHubAccount a where a.githubUserId = :user and " + hostCondition
                + " order by a.id", GitHubAccount.class).setParameter("user", githubUserId);
        if (enterpriseHost != null) {
            query.setParameter("host", enterpriseHost);
        }
        return query.getResultStream().findFirst();
    }

    public GitHubAccount add(GitHubAccount account) {
        entityManager.persist(account);
        return account;
    }

    public void remove(GitHubAccount account) {
        entityManager.remove(account);
    }
}
