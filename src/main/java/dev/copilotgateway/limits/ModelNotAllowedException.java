package dev.copilotgateway.limits;

import dev.copilotgateway.security.Caller;

/** The caller's key may not use the model it asked for: answered with 403 in the caller's protocol. */
public final class ModelNotAllowedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelNotAllowedException(String model) {
        super("This API key may not use the model '" + model + "'; the models it may use are listed by GET /v1/models");
    }

    /** @throws ModelNotAllowedException when {@code caller} may not use {@code model} (exactly as the client named it) */
    public static void check(Caller caller, String model) {
        if (!caller.mayUse(model)) {
            throw new ModelNotAllowedException(model);
        }
    }
}
