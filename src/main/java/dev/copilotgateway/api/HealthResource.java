package dev.copilotgateway.api;

import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.pool.PoolState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Liveness ({@code /healthz}: the process answers) and readiness ({@code /readyz}: the database is usable and the pool
 * has an account that may serve). The two ways of not being ready have their own {@code status}, so a load balancer's
 * probe and an operator can tell them apart: {@value #DATABASE_UNAVAILABLE} and {@value #NO_USABLE_ACCOUNT}.
 */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    public static final String DATABASE_UNAVAILABLE = "database_unavailable";
    public static final String NO_USABLE_ACCOUNT = "no_usable_account";

    /** The body of both endpoints; {@code reason} only when not ready. */
    public record Health(String status, String reason, String schemaVersion) {
    }

    private final DatabaseConnector database;
    private final PoolState pool;

    @Inject
    public HealthResource(DatabaseConnector database, PoolState pool) {
        this.database = database;
        this.pool = pool;
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
        if (!status.ready()) {
            return unavailable(new Health(DATABASE_UNAVAILABLE, status.reason(), status.schemaVersion()));
        }
        if (pool.current().accounts().isEmpty()) {
            return unavailable(new Health(NO_USABLE_ACCOUNT, "no GitHub Copilot account is enabled and usable (none added, all disabled, "
                    + "or each needs a new login or has no Copilot seat); see GET /admin/api/accounts", status.schemaVersion()));
        }
        return Response.ok(new Health("ok", null, status.schemaVersion())).build();
    }

    private static Response unavailable(Health health) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(health).build();
    }
}
