package dev.copilotgateway.api;

import dev.copilotgateway.persistence.DatabaseConnector;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Liveness ({@code /healthz}: the process answers) and readiness ({@code /readyz}: the database is usable). */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    /** The body of both endpoints; {@code reason} only when not ready. */
    public record Health(String status, String reason, String schemaVersion) {
    }

    private final DatabaseConnector database;

    @Inject
    public HealthResource(DatabaseConnector database) {
        this.database = database;
    }

    @GET
    @Path("healthz")
    public Health healthz() {
        return new Health("ok", null, null);
    }

    @GET
    @Path("readyz")
    public Response readyz() {
        DatabaseConnector.Status status = database.status();
        if (status.ready()) {
            return Response.ok(new Health("ok", null, status.schemaVersion())).build();
        }
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(new Health("unavailable", status.reason(), status.schemaVersion()))
                .build();
    }
}
