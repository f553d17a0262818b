package dev.copilotgateway.github;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The domain of a GitHub Enterprise data-residency account, e.g. {@code company.ghe.com} (UPSTREAM.md §1).
 * Operators paste it in many forms; a leading scheme and trailing slashes are dropped, and what remains must be a
 * plain host name, because it becomes part of URLs the GitHub token is sent to.
 */
public final class EnterpriseHost {

    private static final Pattern HOST_NAME = Pattern.compile("(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private EnterpriseHost() {
    }

    /**
     * The normalised domain, or empty for a blank value (a github.com account).
     *
     * @throws IllegalArgumentException with a message fit for an API client when it is not a host name
     */
    public static Optional<String> normalise(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String host = text.strip().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceAll("/+$", "");
        if (!HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("enterpriseHost must be a host name such as company.ghe.com");
        }
        return Optional.of(host);
    }
}
