package dev.copilotgateway.api;

import dev.copilotgateway.security.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Test-only public API resource: answers with the {@link Caller} the authentication filter left on the request. */
@Path("test/caller")
@PublicApi
@Produces(MediaType.APPLICATION_JSON)
public final class CallerEchoResource {

    @GET
    public Caller caller(@Context ContainerRequestContext request) {
        return Caller.of(request).orElseThrow(() -> new IllegalStateException("no caller on the request"));
    }
}
