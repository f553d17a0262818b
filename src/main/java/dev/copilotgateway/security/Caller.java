package dev.copilotgateway.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * Who is calling the public API: the client API key (id and visible prefix; {@code null} when anonymous access
 * is allowed and no key was given), its owner, and the one account it is bound to ({@code null}: the pool).
 */
public record Caller(Long apiKeyId, String keyPrefix, String owner, Long boundAccountId) {

    /** The request property under which the authentication filter leaves the caller. */
    public static final String PROPERTY = Caller.class.getName();

    public static Caller anonymous() {
        return new Caller(null, null, null, null);
    }

    public static Optional<Caller> of(ContainerRequestContext request) {
        return Optional.ofNullable((Caller) request.getProperty(PROPERTY));
    }
}
