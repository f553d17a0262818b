package dev.copilotgateway.fakeupstream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Registered GitHub users by token, in registration order. */
final class GitHubAccounts {

    private final Map<String, FakeGitHubAccount> byToken = new LinkedHashMap<>();

    synchronized void add(FakeGitHubAccount account) {
        byToken.put(account.githubToken(), account);
    }

    synchronized Optional<FakeGitHubAccount> find(String githubToken) {
        return Optional.ofNullable(byToken.get(githubToken));
    }

    synchronized Optional<FakeGitHubAccount> first() {
        return byToken.values().stream().findFirst();
    }

    /** Forgets the token: GitHub then answers 401 to it everywhere. */
    synchronized void revoke(String githubToken) {
        byToken.remove(githubToken);
    }

    synchronized void update(String githubToken, UnaryOperator<FakeGitHubAccount> change) {
        FakeGitHubAccount account = byToken.get(githubToken);
        if (account == null) {
            throw new IllegalArgumentException("no GitHub user with that token");
        }
        byToken.put(githubToken, change.apply(account));
    }

    synchronized void clear() {
        byToken.clear();
    }
}
