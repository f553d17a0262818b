package dev.copilotgateway.upstream;

import dev.copilotgateway.persistence.GitHubAccount.AccountType;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Which Copilot API host serves an account (UPSTREAM.md §5). */
public final class CopilotBaseUrls {

    private CopilotBaseUrls() {
    }

    /**
     * The {@code copilot-api-url} setting when given (it overrides every account); else the Enterprise host's
     * {@code https://copilot-api.<domain>}; else the endpoint GitHub advertised for the account, when it is an
     * {@code https://} URL on a {@code .githubcopilot.com} host (anything else could send the Copilot token
     * elsewhere); else the host of the account type.
     */
    public static URI resolve(Optional<URI> configured, String enterpriseHost, Optional<URI> advertised, AccountType type) {
        if (configured.isPresent()) {
            return configured.get();
        }
        if (enterpriseHost != null) {
            return URI.create("https://copilot-api." + enterpriseHost);
        }
        return advertised.filter(CopilotBaseUrls::isCopilotHost)
                .map(CopilotBaseUrls::withoutTrailingSlash)
                .orElseGet(() -> byAccountType(type));
    }

    static URI byAccountType(AccountType type) {
        return switch (type) {
            case INDIVIDUAL -> URI.create("https://api.githubcopilot.com");
            case BUSINESS -> URI.create("https://api.business.githubcopilot.com");
            case ENTERPRISE -> URI.create("https://api.enterprise.githubcopilot.com");
        };
    }

    private static boolean isCopilotHost(URI uri) {
        String host = uri.getHost();
        return "https".equalsIgnoreCase(uri.getScheme()) && host != null
                && host.toLowerCase(Locale.ROOT).endsWith(".githubcopilot.com")
                && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null;
    }

    private static URI withoutTrailingSlash(URI uri) {
        return URI.create(uri.toString().replaceAll("/+$", ""));
    }
}
