package dev.copilotgateway.github;

import dev.copilotgateway.config.GatewayConfig;
import java.net.URI;

/**
 * Where an account's GitHub lives: the web host (device flow) and the REST API host ({@code /user}, the Copilot
 * token exchange). github.com accounts use the {@code github-url} and {@code github-api-url} settings; an
 * Enterprise data-residency account uses {@code https://<domain>} and {@code https://api.<domain>} (UPSTREAM.md §1).
 */
public record GitHubHosts(URI web, URI api) {

    public static GitHubHosts of(GatewayConfig config, String enterpriseHost) {
        if (enterpriseHost == null) {
            return new GitHubHosts(config.githubUrl(), config.githubApiUrl());
        }
        return new GitHubHosts(URI.create("https://" + enterpriseHost), URI.create("https://api." + enterpriseHost));
    }
}
