package dev.copilotgateway.admin;

import dev.copilotgateway.pool.PoolSettingsService;
import dev.copilotgateway.pool.PoolSettingsStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The pool's settings: {@code GET /admin/api/pool} and {@code PUT /admin/api/pool} (or {@code PATCH}: either takes any
 * subset of the fields). Stored in the database, so every
 * node applies them (this one at once, the others within {@code shared-state-refresh}).
 */
@AdminApi
@Singleton
@Path("admin/api/pool")
@Produces(MediaType.APPLICATION_JSON)
public final class PoolResource {

    private final PoolSettingsService settings;

    @Inject
    public PoolResource(PoolSettingsService settings) {
        this.settings = settings;
    }

    @GET
    public JsonObject get() {
        return PoolSettingsStore.encode(settings.current());
    }

    /** The body is read as text whatever its declared type, so a bare {@code curl -d '{...}'} works too. */
    @PUT
    public JsonObject put(String body) {
        return PoolSettingsStore.encode(settings.change(PoolSettingsRequest.parse(body)));
    }

    @PATCH
    public JsonObject patch(String body) {
        return put(body);
    }
}
