package dev.copilotgateway.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling the public API: the client API key (id and visible prefix; {@code null} when anonymous access
 * is allowed and no key was given), its owner, the one account it is bound to ({@code null}: the pool), its limits, and
 * the model ids it may use as its clients name them ({@code null}: every model).
 */
public record Caller(Long apiKeyId, String keyPrefix, String owner, Long boundAccountId, KeyLimits limits, Set<String> allowedModels) {

    public Caller {
        limits = limits == null ? KeyLimits.NONE : limits;
        allowedModels = allowedModels == null ? null : Set.copyOf(allowedModels);
    }

    /** A caller without limits, allowed every model. */
    public Caller(Long apiKeyId, String keyPrefix, String owner, Long boundAccountId) {
        this(apiKeyId, keyPrefix, owner, boundAccountId, KeyLimits.NONE, null);
    }

    /** Whether this caller may use the model the client named {@code model} (exactly so). */
    public boolean mayUse(String model) {
        return allowedModels == null || allowedModels.contains(model);
    }

    /** The request property under which the authentication filter leaves the caller. */
    public static final String PROPERTY = Caller.class.getName();

    public static Caller anonymous() {
        return new Caller(null, null, null, null);
    }

    public static Optional<Caller> of(ContainerRequestContext request) {
        return Optional.ofNullable((Caller) request.getProperty(PROPERTY));
    }
}
