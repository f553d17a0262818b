package dev.copilotgateway.github;

/** Who a GitHub token belongs to ({@code GET /user}); {@code id} is stable across renames, {@code name} may be null. */
public record GitHubUser(long id, String login, String name) {
}
