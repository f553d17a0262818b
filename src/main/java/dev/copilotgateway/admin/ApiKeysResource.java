package dev.copilotgateway.admin;

import dev.copilotgateway.protocol.openai.OpenAiError;
import dev.copilotgateway.security.ApiKeyService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * Client API keys through the admin API: create ({@code POST}, the only answer that shows a key), list
 * ({@code GET}), show ({@code GET /{id}}), change name, owner, limits and models ({@code PATCH /{id}}) and revoke
 * ({@code DELETE /{id}}). Bad input is a 400 naming the field, from {@link dev.copilotgateway.api.InvalidRequestMapper}.
 */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("admin/api/keys")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public final class ApiKeysResource {

    private final ApiKeyService keys;
    private final Clock clock;

    @Inject
    public ApiKeysResource(ApiKeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The body is read as text whatever its declared type, so a bare {@code curl -d '{...}'} works too. */
    @POST
    public Response create(String body) {
        CreateKeyRequest request = CreateKeyRequest.parse(body);
        ApiKeyService.CreatedKey created = keys.create(request.name(), request.owner(), request.accountId(), request.expiry(clock.instant()),
                request.limits(), request.models());
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.CACHE_CONTROL, "no-store") // it holds the secret
                .entity(ApiKeyJson.created(created))
                .build();
    }

    @GET
    public JsonObject list() {
        return ApiKeyJson.list(keys.list());
    }

    @GET
    @Path("{id: [0-9]+}")
    public Response get(@PathParam("id") long id) {
        return keys.find(id).map(view -> Response.ok(ApiKeyJson.view(view)).build()).orElseGet(() -> notFound(id));
    }

    /** Limits and models apply on this node at once, on the others within 30 s (their cached key look-ups). */
    @PATCH
    @Path("{id: [0-9]+}")
    public Response update(@PathParam("id") long id, String body) {
        return keys.update(id, UpdateKeyRequest.parse(body)).map(view -> Response.ok(ApiKeyJson.view(view)).build())
                .orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) {
        if (keys.revoke(id).isEmpty()) {
            return notFound(id);
        }
        return Response.noContent().build();
    }

    private static Response notFound(long id) {
        return OpenAiError.response(404, "There is no API key with id " + id, "invalid_request_error", "api_key_not_found");
    }
}
