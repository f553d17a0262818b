package dev.copilotgateway.security;

import java.util.Optional;

/** The token of an {@code Authorization: Bearer <token>} header (scheme in any case, RFC 7235). */
public final class BearerToken {

    private static final String BEARER = "Bearer ";

    private BearerToken() {
    }

    /** The token, or empty when the header is absent, of another scheme, or carries a blank token. */
    public static Optional<String> from(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(BEARER.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
